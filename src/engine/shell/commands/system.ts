// Builtins and small utilities: echo, printf, test/[, sleep, exit, kill, hostname, date, env, and the mount
// views df (busybox format), mount (busybox) and findmnt (util-linux, list form).
import type { FsNode } from '../../fs/tree';
import { BlockSignal, ExitSignal } from '../signals';
import { normalizePath, type MountEntry } from '../vfs';
import { byteLength, parseFlags, type Command, type CommandContext } from './types';

export const echo: Command = (ctx) => {
  let args = ctx.argv.slice(1);
  let newline = true;
  let escapes = false;
  while (args.length && /^-[neE]+$/.test(args[0])) {
    if (args[0].includes('n')) newline = false;
    if (args[0].includes('e')) escapes = true;
    args = args.slice(1);
  }
  let s = args.join(' ');
  if (escapes) s = s.replace(/\\n/g, '\n').replace(/\\t/g, '\t').replace(/\\\\/g, '\\');
  ctx.out(newline ? `${s}\n` : s);
  return 0;
};

export const printf: Command = (ctx) => {
  const [fmt = '', ...args] = ctx.argv.slice(1);
  let i = 0;
  const once = () =>
    fmt
      .replace(/%([sd%])/g, (_m, c) => (c === '%' ? '%' : c === 'd' ? String(Number(args[i++] ?? 0) | 0) : (args[i++] ?? '')))
      .replace(/\\n/g, '\n')
      .replace(/\\t/g, '\t');
  let out = once();
  while (i > 0 && i < args.length) out += once();
  ctx.out(out);
  return 0;
};

function testExpr(ctx: CommandContext, a: string[]): boolean {
  if (a[0] === '!') return !testExpr(ctx, a.slice(1));
  if (a.length === 0) return false;
  if (a.length === 1) return a[0] !== '';
  if (a.length === 2) {
    const [op, v] = a;
    const n = ctx.fs.lookup(normalizePath(v, ctx.cwd));
    switch (op) {
      case '-e':
        return !!n;
      case '-f':
        return n?.type === 'file';
      case '-d':
        return n?.type === 'dir';
      case '-s':
        return n?.type === 'file' ? n.content.length > 0 : !!n;
      case '-r':
      case '-x':
        return !!n;
      case '-w':
        return !!n && !ctx.fs.mountOf(normalizePath(v, ctx.cwd)).mount.readOnly;
      case '-z':
        return v === '';
      case '-n':
        return v !== '';
    }
  }
  const [l, op, r] = a;
  switch (op) {
    case '=':
    case '==':
      return l === r;
    case '!=':
      return l !== r;
    case '-eq':
      return Number(l) === Number(r);
    case '-ne':
      return Number(l) !== Number(r);
    case '-gt':
      return Number(l) > Number(r);
    case '-ge':
      return Number(l) >= Number(r);
    case '-lt':
      return Number(l) < Number(r);
    case '-le':
      return Number(l) <= Number(r);
  }
  return false;
}

export const test: Command = (ctx) => {
  const args = ctx.argv.slice(1);
  if (ctx.argv[0] === '[') {
    if (args[args.length - 1] !== ']') {
      ctx.err('[: missing ]\n');
      return 2;
    }
    args.pop();
  }
  return testExpr(ctx, args) ? 0 : 1;
};

export const sleep: Command = (ctx) => {
  const arg = ctx.argv[1];
  if (arg === undefined) {
    ctx.err('BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: sleep [N]...\n');
    return 1;
  }
  if (arg === 'infinity' || arg === 'inf') throw new BlockSignal();
  const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(arg);
  if (!m) {
    ctx.err(`sleep: invalid number '${arg}'\n`);
    return 1;
  }
  const mult = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as '' | 's' | 'm' | 'h' | 'd'];
  const ms = Number(m[1]) * mult;
  // Longer than a day is as good as forever for a container (`sleep 3600000`, `sleep 1d` keep-alive pods).
  if (ms >= 86_400_000) throw new BlockSignal();
  ctx.state.sleptMs += ms;
  return 0;
};

export const exit: Command = (ctx) => {
  throw new ExitSignal(ctx.argv[1] !== undefined ? Number(ctx.argv[1]) & 255 : ctx.state.last);
};

export const kill: Command = (ctx) => {
  const args = ctx.argv.slice(1);
  let signal = 'TERM';
  if (args[0]?.startsWith('-')) signal = args.shift()!.slice(1);
  let code = 0;
  for (const pid of args) {
    if (pid === '1' && ctx.state.host.killInit) ctx.state.host.killInit(signal);
    else if (pid !== '1') {
      ctx.err(`sh: can't kill pid ${pid}: No such process\n`);
      code = 1;
    }
  }
  return code;
};

export const hostname: Command = (ctx) => {
  ctx.out(`${ctx.state.host.hostname}\n`);
  return 0;
};

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** date [-u] [+FORMAT]: the virtual clock, in UTC (the containers' TZ). */
export const date: Command = (ctx) => {
  const d = new Date(ctx.state.host.now);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const fmt = ctx.argv.slice(1).find((a) => a.startsWith('+'));
  const codes: Record<string, () => string> = {
    Y: () => String(d.getUTCFullYear()),
    m: () => p(d.getUTCMonth() + 1),
    d: () => p(d.getUTCDate()),
    e: () => String(d.getUTCDate()).padStart(2, ' '),
    H: () => p(d.getUTCHours()),
    M: () => p(d.getUTCMinutes()),
    S: () => p(d.getUTCSeconds()),
    s: () => String(Math.floor(ctx.state.host.now / 1000)),
    F: () => `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())}`,
    T: () => `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`,
    Z: () => 'UTC',
    a: () => DAYS[d.getUTCDay()],
    b: () => MONTHS[d.getUTCMonth()],
    '%': () => '%',
  };
  if (fmt) {
    ctx.out(`${fmt.slice(1).replace(/%(.)/g, (m, c: string) => (codes[c] ? codes[c]() : m))}\n`);
    return 0;
  }
  ctx.out(`${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${codes.T()} UTC ${d.getUTCFullYear()}\n`);
  return 0;
};

export const env: Command = (ctx) => {
  if (ctx.argv.length > 1) return ctx.runScript(ctx.argv.slice(1).map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' '));
  for (const k of Object.keys(ctx.env).sort()) ctx.out(`${k}=${ctx.env[k]}\n`);
  return 0;
};

export const pwd: Command = (ctx) => {
  ctx.out(`${ctx.cwd}\n`);
  return 0;
};

export const cd: Command = (ctx) => {
  const target = normalizePath(ctx.argv[1] ?? '/root', ctx.cwd);
  const n = ctx.fs.lookup(target);
  if (!n || n.type !== 'dir') {
    ctx.err(`sh: cd: can't cd to ${ctx.argv[1]}: ${n ? 'Not a directory' : 'No such file or directory'}\n`);
    return 2;
  }
  ctx.state.cwd = target;
  ctx.state.vars.PWD = target;
  return 0;
};

export const exportCmd: Command = (ctx) => {
  for (const a of ctx.argv.slice(1)) {
    const i = a.indexOf('=');
    if (i > 0) ctx.state.vars[a.slice(0, i)] = a.slice(i + 1);
  }
  return 0;
};

// ---- mounts ------------------------------------------------------------------------------------

function options(m: MountEntry): string {
  const base = m.readOnly ? 'ro' : 'rw';
  if (m.fsType === 'tmpfs') return `${base},relatime`;
  if (m.options) return `${base},relatime,${m.options}`;
  if (m.fsType.startsWith('nfs')) return `${base},relatime,vers=4.1,rsize=1048576,wsize=1048576,namlen=255,hard,proto=tcp,timeo=600,retrans=2,sec=sys`;
  return `${base},relatime`;
}

/** Bytes in use as a file system counts them: 4 KiB blocks per directory and per started 4 KiB of file data. */
function blocksUsed(n: FsNode): number {
  if (n.type === 'file') return Math.ceil(byteLength(n.content) / 4096) * 4096;
  let b = 4096;
  for (const e of Object.values(n.entries)) b += blocksUsed(e);
  return b;
}

function used(m: MountEntry): number {
  // A fresh ext4 file system already uses a few blocks (lost+found, journal bookkeeping df counts).
  const base = m.fsType === 'ext4' ? 20 * 1024 : 0;
  return base + blocksUsed(m.usageRoot ?? m.root);
}

/** busybox make_human_readable_str: one decimal above 1024, unit suffix K/M/G/T. */
function human(bytes: number): string {
  if (bytes < 1024) return String(bytes);
  const units = ['K', 'M', 'G', 'T', 'P'];
  let v = bytes / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(1)}${units[u]}`;
}

function selectMounts(ctx: CommandContext, paths: string[]): MountEntry[] | undefined {
  if (!paths.length) return [...ctx.fs.mounts];
  const out: MountEntry[] = [];
  for (const p of paths) {
    const a = normalizePath(p, ctx.cwd);
    if (!ctx.fs.lookup(a)) {
      ctx.err(`df: ${p}: can't find mount point\n`);
      return undefined;
    }
    out.push(ctx.fs.mountOf(a).mount);
  }
  return out;
}

export const df: Command = (ctx) => {
  const { flags, args } = parseFlags(ctx.argv, 'hkPT');
  const mounts = selectMounts(ctx, args);
  if (!mounts) return 1;
  const h = flags.has('h');
  const fmt = (b: number) => (h ? human(b) : String(Math.ceil(b / 1024)));
  ctx.out(`${'Filesystem'.padEnd(20)} ${(h ? 'Size' : '1K-blocks').padStart(9)} ${'Used'.padStart(9)} ${'Available'.padStart(9)} Use% Mounted on\n`);
  for (const m of mounts) {
    const size = Math.max(m.sizeBytes, used(m));
    const u = used(m);
    // busybox: percentage of used over used+available, rounded to nearest
    const pct = size > 0 ? Math.floor((u * 100 + size / 2) / size) : 0;
    const dev = m.source.length > 20 ? `${m.source}\n${' '.repeat(20)}` : m.source.padEnd(20);
    ctx.out(`${dev} ${fmt(size).padStart(9)} ${fmt(u).padStart(9)} ${fmt(size - u).padStart(9)} ${String(pct).padStart(3)}% ${m.target}\n`);
  }
  return 0;
};

export const mount: Command = (ctx) => {
  if (ctx.argv.length > 1) {
    ctx.err('mount: permission denied (are you root?)\n');
    return 1;
  }
  for (const m of ctx.fs.mounts) ctx.out(`${m.source} on ${m.target} type ${m.fsType} (${options(m)})\n`);
  return 0;
};

export const findmnt: Command = (ctx) => {
  const { args } = parseFlags(ctx.argv, 'lnT');
  let mounts: readonly MountEntry[] = ctx.fs.mounts;
  if (args.length) {
    const target = normalizePath(args[0], ctx.cwd);
    const exact = ctx.fs.mounts.filter((m) => m.target === target || m.source === args[0]);
    const useContaining = ctx.argv.includes('-T');
    mounts = exact.length ? exact.slice(-1) : useContaining && ctx.fs.lookup(target) ? [ctx.fs.mountOf(target).mount] : [];
    if (!mounts.length) return 1; // findmnt prints nothing and exits 1 when nothing matches
  }
  const rows = [['TARGET', 'SOURCE', 'FSTYPE', 'OPTIONS'], ...mounts.map((m) => [m.target, m.source, m.fsType, options(m)])];
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i].length)));
  for (const r of rows) ctx.out(`${r.map((c, i) => (i < 3 ? c.padEnd(widths[i]) : c)).join(' ')}\n`);
  return 0;
};
