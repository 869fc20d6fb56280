// The binaries a busybox-based image provides (plus util-linux's findmnt, which the lessons use).
import type { Command } from './types';
import { cat, cp, ls, mkdir, mv, rm, rmdir, touch } from './files';
import { dd, du, grep, head, seq, tail, tee, wc } from './text';
import { cd, date, df, echo, env, exit, exportCmd, findmnt, hostname, kill, mount, printf, pwd, sleep, test } from './system';

const ok: Command = () => 0;
const fail: Command = () => 1;

export const COMMANDS: Readonly<Record<string, Command>> = {
  cat,
  cd,
  cp,
  date,
  dd,
  du,
  df,
  echo,
  env,
  exit,
  export: exportCmd,
  false: fail,
  findmnt,
  grep,
  head,
  hostname,
  kill,
  ls,
  mkdir,
  mount,
  mv,
  printf,
  pwd,
  rm,
  rmdir,
  seq,
  sleep,
  sync: ok,
  tail,
  tee,
  test,
  '[': test,
  touch,
  true: ok,
  ':': ok,
  wc,
  whoami: (ctx) => (ctx.out('root\n'), 0),
  id: (ctx) => (ctx.out('uid=0(root) gid=0(root) groups=0(root),10(wheel)\n'), 0),
  uname: (ctx) => (ctx.out(ctx.argv.includes('-a') ? `Linux ${ctx.state.host.hostname} 5.15.0-1057 #1 SMP x86_64 GNU/Linux\n` : 'Linux\n'), 0),
};
