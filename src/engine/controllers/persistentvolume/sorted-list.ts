// A sorted list kept in blocks of bounded size: O(log n + B) insert, delete and lower-bound search,
// in-order iteration from any position. It keeps the PV index "ordered by capacity" (index.go's
// persistentVolumeOrderedIndex) without re-sorting or shifting a 100k-element array on every write.

const MAX_BLOCK = 128;

export class SortedBlockList<T> {
  private blocks: T[][] = [];
  private count = 0;

  constructor(private readonly cmp: (a: T, b: T) => number) {}

  get size(): number {
    return this.count;
  }

  /** index of the first block whose last element is >= probe (by cmpProbe) */
  private blockFor(cmpProbe: (item: T) => number): number {
    let lo = 0;
    let hi = this.blocks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const b = this.blocks[mid];
      if (cmpProbe(b[b.length - 1]) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private static lowerBound<T>(arr: readonly T[], cmpProbe: (item: T) => number): number {
    let lo = 0;
    let hi = arr.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cmpProbe(arr[mid]) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  insert(item: T): void {
    this.count++;
    if (this.blocks.length === 0) {
      this.blocks.push([item]);
      return;
    }
    const probe = (x: T) => this.cmp(x, item);
    let bi = this.blockFor(probe);
    if (bi === this.blocks.length) bi--;
    const block = this.blocks[bi];
    block.splice(SortedBlockList.lowerBound(block, probe), 0, item);
    if (block.length > MAX_BLOCK) this.blocks.splice(bi + 1, 0, block.splice(block.length >> 1));
  }

  /** Removes an element equal (cmp === 0) to item; returns whether one was found. */
  remove(item: T): boolean {
    const probe = (x: T) => this.cmp(x, item);
    const bi = this.blockFor(probe);
    if (bi === this.blocks.length) return false;
    const block = this.blocks[bi];
    const i = SortedBlockList.lowerBound(block, probe);
    if (i >= block.length || this.cmp(block[i], item) !== 0) return false;
    block.splice(i, 1);
    this.count--;
    if (block.length === 0) this.blocks.splice(bi, 1);
    return true;
  }

  /** Iterates in order starting at the first element for which cmpProbe(element) >= 0. */
  *from(cmpProbe: (item: T) => number): Generator<T> {
    let bi = this.blockFor(cmpProbe);
    if (bi === this.blocks.length) return;
    let i = SortedBlockList.lowerBound(this.blocks[bi], cmpProbe);
    for (; bi < this.blocks.length; bi++, i = 0) {
      const block = this.blocks[bi];
      for (; i < block.length; i++) yield block[i];
    }
  }

  *[Symbol.iterator](): Generator<T> {
    for (const b of this.blocks) yield* b;
  }
}
