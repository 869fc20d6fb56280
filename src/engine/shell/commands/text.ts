// Text and data commands with busybox's messages: head, tail, wc, grep, tee, dd, du.
import type { FsNode } from '../../fs/tree';
import { FsError, normalizePath } from '../vfs';
import { BlockSignal } from '../signals';
import { byteLength, parseFlags, type Command, type CommandContext } from './types';

function abs(ctx: CommandContext, p: string): string {
  return normalizePath(p, ctx.cwd);
}

function readInput(ctx: CommandContext, tool: string, files: string[]): string | undefined {
  if (!files.length) return ctx.stdin;
  let s = '';
  for (const f of files) {
    const n = ctx.fs.lookup(abs(ctx, f));
    if (!n || n.type !== 'file') {
      ctx.err(`${tool}: can't open '${f}': No such file or directory\n`);
      return undefined;
    }
    s += n.content;
  }
  return s;
}

function lines(s: string): string[] {
  const l = s.split('\n');
  if (l[l.length - 1] === '') l.pop();
  return l;
}

export const head: Command = (ctx) => {
  const argv = [...ctx.argv];
  let n = 10;
  const i = argv.indexOf('-n');
  if (i > 0) {
    n = Number(argv[i + 1]);
    argv.splice(i, 2);
  }
  const s = readInput(ctx, 'head', argv.slice(1));
  if (s === undefined) return 1;
  for (const l of lines(s).slice(0, n)) ctx.out(`${l}\n`);
  return 0;
};

export const tail: Command = (ctx) => {
  const argv = [...ctx.argv];
  if (argv.includes('-f') || argv.includes('-F')) throw new BlockSignal();
  let n = 10;
  const i = argv.indexOf('-n');
  if (i > 0) {
    n = Number(argv[i + 1]);
    argv.splice(i, 2);
  }
  const s = readInput(ctx, 'tail', argv.slice(1));
  if (s === undefined) return 1;
  for (const l of lines(s).slice(-n)) ctx.out(`${l}\n`);
  return 0;
};

export const wc: Command = (ctx) => {
  const { flags, args } = parseFlags(ctx.argv, 'lwc');
  const s = readInput(ctx, 'wc', args);
  if (s === undefined) return 1;
  const l = (s.match(/\n/g) ?? []).length;
  const w = s.split(/\s+/).filter(Boolean).length;
  const c = byteLength(s);
  const cols = flags.size ? [flags.has('l') ? l : -1, flags.has('w') ? w : -1, flags.has('c') ? c : -1].filter((x) => x >= 0) : [l, w, c];
  const text = cols.map((x) => String(x).padStart(cols.length > 1 ? 7 : 0)).join(' ');
  ctx.out(`${text}${args.length === 1 ? ` ${args[0]}` : ''}\n`);
  return 0;
};

export const grep: Command = (ctx) => {
  const { flags, args } = parseFlags(ctx.argv, 'ivcqn');
  const [pat, ...files] = args;
  if (pat === undefined) {
    ctx.err('grep: no pattern\n');
    return 2;
  }
  const s = readInput(ctx, 'grep', files);
  if (s === undefined) return 2;
  const needle = flags.has('i') ? pat.toLowerCase() : pat;
  const hits = lines(s).filter((l) => (flags.has('i') ? l.toLowerCase() : l).includes(needle) !== flags.has('v'));
  if (flags.has('c')) ctx.out(`${hits.length}\n`);
  else if (!flags.has('q')) for (const h of hits) ctx.out(`${h}\n`);
  return hits.length ? 0 : 1;
};

export const tee: Command = (ctx) => {
  const { flags, args } = parseFlags(ctx.argv, 'a');
  ctx.out(ctx.stdin);
  let code = 0;
  for (const f of args) {
    try {
      ctx.fs.writeFile(abs(ctx, f), ctx.stdin, flags.has('a'));
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
      ctx.err(`tee: ${f}: ${e.message}\n`);
      code = 1;
    }
  }
  return code;
};

const DD_UNITS: Record<string, number> = { '': 1, c: 1, w: 2, b: 512, k: 1024, K: 1024, M: 1024 ** 2, G: 1024 ** 3 };
/** Largest file dd writes in the simulation: the file's bytes are held in memory. */
export const DD_MAX_BYTES = 256 * 1024 ** 2;

/** dd if=/dev/zero of=FILE bs=N count=N — how lessons fill a volume (emptyDir sizeLimit, disk usage). */
export const dd: Command = (ctx) => {
  const opts: Record<string, string> = {};
  for (const a of ctx.argv.slice(1)) {
    const i = a.indexOf('=');
    if (i > 0) opts[a.slice(0, i)] = a.slice(i + 1);
  }
  const num = (s: string | undefined, dflt: number) => {
    const m = /^(\d+)([cwbkKMG]?)$/.exec(s ?? '');
    return m ? Number(m[1]) * DD_UNITS[m[2]] : dflt;
  };
  const bs = num(opts.bs, 512);
  const count = num(opts.count, 1);
  const src = opts.if ?? '-';
  let data: string;
  if (src === '/dev/zero' || src === '/dev/urandom' || src === '/dev/random') {
    if (bs * count > DD_MAX_BYTES) {
      ctx.err(`dd: the simulator writes at most ${DD_MAX_BYTES} bytes per file\n`);
      return 1;
    }
    data = (src === '/dev/zero' ? '\0' : 'x').repeat(bs * count);
  } else {
    const n = src === '-' ? undefined : ctx.fs.lookup(abs(ctx, src));
    if (src !== '-' && (!n || n.type !== 'file')) {
      ctx.err(`dd: can't open '${src}': No such file or directory\n`);
      return 1;
    }
    data = (src === '-' ? ctx.stdin : (n as { content: string }).content).slice(0, opts.count ? bs * count : undefined);
  }
  const records = Math.ceil(data.length / bs);
  if (opts.of) {
    try {
      ctx.fs.writeFile(abs(ctx, opts.of), data, false);
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
      ctx.err(`dd: can't open '${opts.of}': ${e.message}\n`);
      return 1;
    }
  } else ctx.out(data);
  ctx.err(`${records}+0 records in\n${records}+0 records out\n`);
  return 0;
};

/** du -s[h] PATH: disk usage of a tree (4 KiB blocks), as busybox prints it. */
export const du: Command = (ctx) => {
  const { flags, args } = parseFlags(ctx.argv, 'shk');
  let code = 0;
  for (const a of args.length ? args : ['.']) {
    const n = ctx.fs.lookup(abs(ctx, a));
    if (!n) {
      ctx.err(`du: ${a}: No such file or directory\n`);
      code = 1;
      continue;
    }
    const kib = blocks(n) * 4;
    const size = flags.has('h') ? humanK(kib) : String(kib);
    ctx.out(`${size}\t${a}\n`);
  }
  return code;
};

function blocks(n: FsNode): number {
  if (n.type === 'file') return Math.ceil(byteLength(n.content) / 4096);
  let b = 1;
  for (const e of Object.values(n.entries)) b += blocks(e);
  return b;
}

function humanK(kib: number): string {
  if (kib < 1024) return `${kib}.0K`;
  const units = ['M', 'G', 'T'];
  let v = kib / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(1)}${units[u]}`;
}

/** seq [FIRST [INC]] LAST */
export const seq: Command = (ctx) => {
  const n = ctx.argv.slice(1).map(Number);
  if (!n.length || n.some((x) => Number.isNaN(x))) {
    ctx.err(`seq: invalid number '${ctx.argv.slice(1).find((a) => Number.isNaN(Number(a))) ?? ''}'\n`);
    return 1;
  }
  const [first, inc, last] = n.length === 1 ? [1, 1, n[0]] : n.length === 2 ? [n[0], 1, n[1]] : [n[0], n[1], n[2]];
  for (let v = first, k = 0; (inc > 0 ? v <= last : v >= last) && k < 100_000; v += inc, k++) ctx.out(`${v}\n`);
  return 0;
};
