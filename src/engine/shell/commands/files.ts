// File commands with busybox's messages and exit codes (coreutils/ls.c, cat.c, touch.c, mkdir.c, rm.c, cp.c, mv.c).
import type { DirNode, FsNode } from '../../fs/tree';
import { FsError, normalizePath } from '../vfs';
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

