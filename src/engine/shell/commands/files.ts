// File commands with busybox's messages and exit codes (coreutils/ls.c, cat.c, touch.c, mkdir.c, rm.c, cp.c, mv.c).
import type { DirNode, FsNode } from '../../fs/tree';
import { FsError, normalizePath } from '../vfs';
import { BlockSignal } from '../signals';
import { byteLength, parseFlags, type Command, type CommandContext } from './types';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function abs(ctx: CommandContext, p: string): string {
  return normalizePath(p, ctx.cwd);
}

function modeString(n: FsNode): string {
  const bits = n.mode & 0o777;
  let s = n.type === 'dir' ? 'd' : '-';
  for (let i = 8; i >= 0; i--) s += bits & (1 << i) ? 'rwx'[(8 - i) % 3] : '-';
  return s;
}

function lsDate(ms: number): string {
  const d = new Date(ms);
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${hh}:${mm}`;
}

function longLine(n: FsNode, name: string): string {
  const links = n.type === 'dir' ? 2 + Object.values(n.entries).filter((e) => e.type === 'dir').length : 1;
  const size = n.type === 'dir' ? 4096 : byteLength(n.content);
  // busybox: "%s %4u %-8.8s %-8.8s %9u %s %s"
  return `${modeString(n)} ${String(links).padStart(4)} ${'root'.padEnd(8)} ${'root'.padEnd(8)} ${String(size).padStart(9)} ${lsDate(n.mtime)} ${name}\n`;
}

export const ls: Command = (ctx) => {
  const { flags, args, bad } = parseFlags(ctx.argv, 'laA1dhR');
  if (bad) {
    ctx.err(`ls: unrecognized option: ${bad}\n`);
    return 1;
  }
  const targets = args.length ? args : ['.'];
  let code = 0;
  const files: string[] = [];
  const dirs: string[] = [];
  for (const t of targets) {
    const n = ctx.fs.lookup(abs(ctx, t));
    if (!n) {
      ctx.err(`ls: ${t}: No such file or directory\n`);
      code = 1;
    } else if (n.type === 'dir' && !flags.has('d')) dirs.push(t);
    else files.push(t);
  }
  for (const f of files) ctx.out(flags.has('l') ? longLine(ctx.fs.lookup(abs(ctx, f))!, f) : `${f}\n`);
  dirs.forEach((d, i) => {
    if (targets.length > 1) ctx.out(`${files.length || i > 0 ? '\n' : ''}${d}:\n`);
    const p = abs(ctx, d);
    const dir = ctx.fs.lookup(p) as DirNode;
    let names = ctx.fs.list(p) ?? [];
    if (!flags.has('a') && !flags.has('A')) names = names.filter((n) => !n.startsWith('.'));
    const entries: [string, FsNode][] = names.map((n) => [n, ctx.fs.lookup(normalizePath(n, p)) ?? dir]);
    if (flags.has('a')) entries.unshift(['.', dir], ['..', ctx.fs.lookup(normalizePath('..', p)) ?? dir]);
    if (flags.has('l')) {
      let blocks = 0;
      for (const [, n] of entries) blocks += n.type === 'dir' ? 4 : Math.ceil(byteLength(n.content) / 4096) * 4;
      ctx.out(`total ${blocks}\n`);
      for (const [name, n] of entries) ctx.out(longLine(n, name));
    } else for (const [name] of entries) ctx.out(`${name}\n`);
  });
  return code;
};

export const cat: Command = (ctx) => {
  const args = ctx.argv.slice(1).filter((a) => a !== '-u');
  if (!args.length) {
    ctx.out(ctx.stdin);
    return 0;
  }
  let code = 0;
  for (const a of args) {
    if (a === '-') {
      ctx.out(ctx.stdin);
      continue;
    }
    const n = ctx.fs.lookup(abs(ctx, a));
    if (!n) {
      ctx.err(`cat: can't open '${a}': No such file or directory\n`);
      code = 1;
    } else if (n.type === 'dir') {
      ctx.err(`cat: read error: Is a directory\n`);
      code = 1;
    } else ctx.out(n.content);
  }
  return code;
};

export const touch: Command = (ctx) => {
  const { args } = parseFlags(ctx.argv, 'acm');
  if (!args.length) {
    ctx.err('BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: touch [-c] [-d DATE] [-t DATE] [-r FILE] FILE...\n');
    return 1;
  }
  let code = 0;
  for (const a of args) {
    const p = abs(ctx, a);
    const n = ctx.fs.lookup(p);
    try {
      if (n) {
        if (ctx.fs.mountOf(p).mount.readOnly) throw new FsError('EROFS');
        n.mtime = ctx.state.host.now;
      } else ctx.fs.writeFile(p, '', false);
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
      ctx.err(`touch: ${a}: ${e.message}\n`);
      code = 1;
    }
  }
  return code;
};

export const mkdir: Command = (ctx) => {
  const { flags, args } = parseFlags(ctx.argv, 'pm');
  let code = 0;
  for (const a of args) {
    const p = abs(ctx, a);
    try {
      if (flags.has('p')) {
        const parts = p.split('/').filter(Boolean);
        for (let i = 1; i <= parts.length; i++) {
          const sub = `/${parts.slice(0, i).join('/')}`;
          const n = ctx.fs.lookup(sub);
          if (n?.type === 'dir') continue;
          if (n) throw new FsError('EEXIST');
          ctx.fs.mkdir(sub);
        }
      } else ctx.fs.mkdir(p);
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
      ctx.err(`mkdir: can't create directory '${a}': ${e.message}\n`);
      code = 1;
    }
  }
  return code;
};

export const rm: Command = (ctx) => {
  const { flags, args } = parseFlags(ctx.argv, 'rRfiv');
  const recursive = flags.has('r') || flags.has('R');
  let code = 0;
  for (const a of args) {
    const p = abs(ctx, a);
    const n = ctx.fs.lookup(p);
    if (!n) {
      if (!flags.has('f')) {
        ctx.err(`rm: can't remove '${a}': No such file or directory\n`);
        code = 1;
      }
      continue;
    }
    if (n.type === 'dir' && !recursive) {
      ctx.err(`rm: '${a}' is a directory\n`);
      code = 1;
      continue;
    }
    try {
      if (ctx.fs.isMountPoint(p)) {
        // rm -rf on a mount point empties it and then fails to remove the busy directory itself.
        if (n.type === 'dir') for (const name of Object.keys(n.entries)) ctx.fs.remove(normalizePath(name, p));
        ctx.err(`rm: can't remove '${a}': Resource busy\n`);
        code = 1;
      } else ctx.fs.remove(p);
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
      ctx.err(`rm: can't remove '${a}': ${e.message}\n`);
      code = 1;
    }
  }
  return code;
};

export const rmdir: Command = (ctx) => {
  let code = 0;
  for (const a of ctx.argv.slice(1)) {
    const n = ctx.fs.lookup(abs(ctx, a));
    const why = !n ? 'No such file or directory' : n.type !== 'dir' ? 'Not a directory' : Object.keys(n.entries).length ? 'Directory not empty' : undefined;
    try {
      if (!why) ctx.fs.remove(abs(ctx, a));
      else throw new Error(why);
    } catch (e) {
      ctx.err(`rmdir: '${a}': ${(e as Error).message}\n`);
      code = 1;
    }
  }
  return code;
};

function copyNode(n: FsNode, now: number): FsNode {
  if (n.type === 'file') return { type: 'file', content: n.content, mode: n.mode, mtime: now };
  const entries: Record<string, FsNode> = {};
  for (const [k, v] of Object.entries(n.entries)) entries[k] = copyNode(v, now);
  return { type: 'dir', entries, mode: n.mode, mtime: now };
}

function place(ctx: CommandContext, tool: string, src: string, dst: string, move: boolean, recursive: boolean): number {
  const sp = abs(ctx, src);
  const n = ctx.fs.lookup(sp);
  if (!n) {
    ctx.err(move ? `mv: can't rename '${src}': No such file or directory\n` : `cp: can't stat '${src}': No such file or directory\n`);
    return 1;
  }
  if (n.type === 'dir' && !recursive) {
    ctx.err(`cp: omitting directory '${src}'\n`);
    return 1;
  }
  let dp = abs(ctx, dst);
  if (ctx.fs.lookup(dp)?.type === 'dir') dp = normalizePath(sp.split('/').pop() ?? '', dp);
  try {
    const { dir, name } = ctx.fs.parentForWrite(dp);
    if (ctx.fs.mountOf(dp).mount.readOnly) throw new FsError('EROFS');
    dir.entries[name] = copyNode(n, ctx.state.host.now);
    if (move) ctx.fs.remove(sp);
    return 0;
  } catch (e) {
    if (!(e instanceof FsError)) throw e;
    ctx.err(`${tool}: can't create '${dst}': ${e.message}\n`);
    return 1;
  }
}

export const cp: Command = (ctx) => {
  const { flags, args } = parseFlags(ctx.argv, 'rRapfv');
  if (args.length < 2) {
    ctx.err('cp: need at least 2 arguments\n');
    return 1;
  }
  const dst = args[args.length - 1];
  let code = 0;
  for (const s of args.slice(0, -1)) code |= place(ctx, 'cp', s, dst, false, flags.has('r') || flags.has('R') || flags.has('a'));
  return code;
};

export const mv: Command = (ctx) => {
  const { args } = parseFlags(ctx.argv, 'fin');
  if (args.length < 2) {
    ctx.err('mv: need at least 2 arguments\n');
    return 1;
  }
  const dst = args[args.length - 1];
  let code = 0;
  for (const s of args.slice(0, -1)) code |= place(ctx, 'mv', s, dst, true, true);
  return code;
};

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
