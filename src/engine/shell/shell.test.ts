// The shell against a small mount namespace: busybox `sh` output, messages and exit codes.
// Messages are busybox 1.36's (coreutils/*.c, shell/ash.c): `sh: X: not found` (127),
// `cat: can't open 'X': No such file or directory`, `touch: X: Read-only file system`,
// `sh: can't create X: nonexistent directory`, `mkdir: can't create directory 'X': File exists`.
import { describe, expect, it } from 'vitest';
import { emptyDir, mkdirp } from '../fs/tree';
import { runArgv, runScript, type ShellHost } from './interpreter';
import { MountNamespace } from './vfs';

function host(): ShellHost {
  const root = emptyDir(0);
  mkdirp(root, 'tmp');
  mkdirp(root, 'etc');
  mkdirp(root, 'dev')!.entries.null = { type: 'file', content: '', mode: 0o666, mtime: 0 };
  const ro = emptyDir(0);
  ro.entries['app.conf'] = { type: 'file', content: 'x=1\n', mode: 0o644, mtime: 0 };
  const fs = new MountNamespace(
    [
      { target: '/', root, readOnly: false, source: 'overlay', fsType: 'overlay', sizeBytes: 100 * 2 ** 30 },
      { target: '/data', root: emptyDir(0), readOnly: false, source: '/dev/vdb', fsType: 'ext4', sizeBytes: 20 * 2 ** 30 },
      { target: '/config', root: ro, readOnly: true, source: '/dev/vda1', fsType: 'ext4', sizeBytes: 100 * 2 ** 30 },
    ],
    () => Date.UTC(2025, 0, 1, 12, 30),
  );
  return { fs, hostname: 'web-0', env: { APP: 'demo' }, now: Date.UTC(2025, 0, 1, 12, 30) };
}

describe('sh -c', () => {
  it.each([
    ['echo', 'echo hello world', 'hello world\n', '', 0],
    ['echo -n then echo', 'echo -n a; echo b', 'ab\n', '', 0],
    ['|| runs on failure', 'false || echo fallback', 'fallback\n', '', 0],
    ['&& and $?', 'true && echo y; false; echo $?', 'y\n1\n', '', 0],
    ['exit code', 'echo before; exit 3; echo after', 'before\n', '', 3],
    ['unknown command', 'nosuch arg', '', 'sh: nosuch: not found\n', 127],
    ['> then >>', 'echo a > /tmp/f; echo b >> /tmp/f; cat /tmp/f', 'a\nb\n', '', 0],
    ['cat of a missing file', 'cat /nope', '', "cat: can't open '/nope': No such file or directory\n", 1],
    ['ls of a missing path', 'ls /nope', '', 'ls: /nope: No such file or directory\n', 1],
    ['redirect into a missing directory', 'echo x > /nope/f', '', "sh: can't create /nope/f: nonexistent directory\n", 1],
    ['mkdir twice', 'mkdir /tmp/d; mkdir /tmp/d', '', "mkdir: can't create directory '/tmp/d': File exists\n", 1],
    ['mkdir -p', 'mkdir -p /data/a/b/c && ls /data/a/b', 'c\n', '', 0],
    ['rm of a missing file', 'rm /tmp/x', '', "rm: can't remove '/tmp/x': No such file or directory\n", 1],
    ['rm of a directory without -r', 'mkdir /tmp/d; rm /tmp/d', '', "rm: '/tmp/d' is a directory\n", 1],
    ['rm -rf then test -e', 'mkdir -p /tmp/d/e; rm -rf /tmp/d; test -e /tmp/d; echo $?', '1\n', '', 0],
    ['[ -d ]', '[ -d /tmp ] && echo dir', 'dir\n', '', 0],
    ['cp and mv', 'echo v > /tmp/f; cp /tmp/f /data/g; mv /tmp/f /tmp/h; ls /tmp; cat /data/g', 'h\nv\n', '', 0],
    ['for loop', 'for i in 1 2 3; do echo $i; done', '1\n2\n3\n', '', 0],
    ['if/else', 'if [ -f /nope ]; then echo y; else echo n; fi', 'n\n', '', 0],
    ['pipeline', 'echo a b | wc -w', '2\n', '', 0],
    ['variables and quoting', `echo "$HOSTNAME $APP" '$APP'`, 'web-0 demo $APP\n', '', 0],
    ['glob', 'touch /data/a.log /data/b.log /data/c.txt; echo /data/*.log', '/data/a.log /data/b.log\n', '', 0],
    ['mount points show in ls /', 'ls /', 'config\ndata\ndev\netc\ntmp\n', '', 0],
    ['hostname', 'hostname', 'web-0\n', '', 0],
    ['touch on a read-only mount', 'touch /config/x', '', 'touch: /config/x: Read-only file system\n', 1],
    ['redirect to a read-only mount', 'echo x > /config/app.conf', '', "sh: can't create /config/app.conf: Read-only file system\n", 1],
    ['rm on a read-only mount', 'rm /config/app.conf', '', "rm: can't remove '/config/app.conf': Read-only file system\n", 1],
    ['syntax error', 'if true; then echo', '', 'sh: syntax error: unexpected end of file (expecting "fi")\n', 2],
    ['command substitution', 'echo "now: $(date -u)"; echo `hostname`', 'now: Wed Jan  1 12:30:00 UTC 2025\nweb-0\n', '', 0],
    ['unquoted substitution splits into fields', 'for f in $(echo a b); do echo "[$f]"; done', '[a]\n[b]\n', '', 0],
    ['/dev/null swallows output', 'cat /nope 2>/dev/null; echo x > /dev/null; echo y >> /dev/null; cat /dev/null; echo done', 'done\n', '', 0],
    ['arithmetic and seq', 'i=0; for n in $(seq 3); do i=$((i + n * 2)); done; echo "$i $((7 / 2)) $(( (1+2) % 2 ))"', '12 3 1\n', '', 0],
    ['date +FORMAT', 'date +%F_%T; date +%s', '2025-01-01_12:30:00\n1735734600\n', '', 0],
    ['the docs’ writer loop', 'echo $(date -u) >> /data/out.txt; cat /data/out.txt', 'Wed Jan 1 12:30:00 UTC 2025\n', '', 0],
  ])('%s', (_name, script, stdout, stderr, code) => {
    const r = runScript(script, host());
    expect({ stdout: r.stdout, stderr: r.stderr, code: r.code }).toEqual({ stdout, stderr, code });
  });

  it('ls -l prints busybox long format', () => {
    const r = runScript('echo hello > /data/f; mkdir /data/d; ls -l /data', host());
    expect(r.stdout).toBe(
      ['total 8', 'drwxr-xr-x    2 root     root          4096 Jan  1 12:30 d', '-rw-r--r--    1 root     root             6 Jan  1 12:30 f', ''].join('\n'),
    );
  });

  it('df -h prints busybox columns with the mount sources', () => {
    const lines = runScript('df -h /data /config', host()).stdout.split('\n');
    expect(lines[0]).toBe('Filesystem                Size      Used Available Use% Mounted on');
    expect(lines[1]).toMatch(/^\/dev\/vdb {17}20\.0G {5}24\.0K {5}20\.0G   0% \/data$/);
    expect(lines[2]).toMatch(/^\/dev\/vda1 +100\.0G .* \/config$/);
  });

  it('findmnt and mount show sources, file systems and ro/rw', () => {
    const h = host();
    expect(runScript('findmnt /config', h).stdout).toBe('TARGET  SOURCE    FSTYPE OPTIONS\n/config /dev/vda1 ext4   ro,relatime\n');
    expect(runScript('findmnt /nowhere', h)).toMatchObject({ stdout: '', code: 1 });
    expect(runScript('mount', h).stdout).toContain('/dev/vdb on /data type ext4 (rw,relatime)\n');
  });
});

// Redirections are applied left to right, each a dup2() onto fd 1 or 2 (POSIX 2.7, busybox ash's
// redirect()): `>f 2>&1` sends both streams to f, `2>&1 >f` sends stderr where stdout pointed before.
describe('sh -c: file descriptor duplication', () => {
  const CANT = "cat: can't open '/nope': No such file or directory\n";
  it.each([
    ['>&2 writes stdout to stderr', 'echo x >&2', '', 'x\n', 0],
    ['1>&2 is the same', 'echo x 1>&2', '', 'x\n', 0],
    ['2>&1 sends stderr to stdout', 'cat /nope 2>&1', CANT, '', 1],
    ['2>/dev/null discards stderr only', 'cat /nope 2>/dev/null; echo $?', '1\n', '', 0],
    ['>f 2>&1 sends both to the file', 'cat /nope >/tmp/f 2>&1; cat /tmp/f', CANT, '', 0],
    ['2>&1 >f: stderr to the old stdout, stdout to the file', 'cat /nope 2>&1 >/tmp/f; echo "[$(cat /tmp/f)]"', `${CANT}[]\n`, '', 0],
    ['>&2 then 2>/dev/null: stdout still reaches the old stderr', 'echo x >&2 2>/dev/null', '', 'x\n', 0],
    ['2>/dev/null then >&2: stdout follows stderr into /dev/null', 'echo x 2>/dev/null >&2; echo done', 'done\n', '', 0],
    ['stderr bypasses a pipe', 'echo x >&2 | wc -c', '0\n', 'x\n', 0],
    ['2>f writes stderr to a file', 'cat /nope 2>/tmp/e; cat /tmp/e', CANT, '', 0],
    ['a digit inside a word is not a descriptor', 'echo a2>/tmp/f; cat /tmp/f', 'a2\n', '', 0],
    ['a nested shell’s stderr is redirected too', "sh -c 'echo e >&2; echo o' 2>/dev/null", 'o\n', '', 0],
  ])('%s', (_name, script, stdout, stderr, code) => {
    const r = runScript(script, host());
    expect({ stdout: r.stdout, stderr: r.stderr, code: r.code }).toEqual({ stdout, stderr, code });
  });
});

describe('time and long-running processes', () => {
  it.each([
    ['sleep adds virtual time and returns', 'sleep 5; echo done', 5000, false, 'done\n'],
    ['sleep infinity blocks for good', 'echo start; sleep infinity; echo never', 0, true, 'start\n'],
    ['a loop that sleeps runs one iteration, then keeps running', 'while true; do echo tick >> /data/log; sleep 5; done', 5000, true, ''],
    ['tail -f blocks', 'tail -f /dev/null', 0, true, ''],
  ])('%s', (_n, script, slept, forever, stdout) => {
    const h = host();
    const r = runScript(script, h);
    expect({ sleptMs: r.sleptMs, forever: r.forever, stdout: r.stdout }).toEqual({ sleptMs: slept, forever, stdout });
  });
});

describe('exec without a shell', () => {
  it('a missing binary is an OCI runtime error with exit code 126', () => {
    const r = runArgv(['nosuch'], host());
    expect(r).toMatchObject({
      code: 126,
      stderr: 'OCI runtime exec failed: exec failed: unable to start container process: exec: "nosuch": executable file not found in $PATH: unknown\n',
    });
  });

  it('runs argv directly (no globbing, no variable expansion)', () => {
    expect(runArgv(['echo', '$APP', '*'], host()).stdout).toBe('$APP *\n');
  });

  it('sh without -c runs its stdin (kubectl exec -i … -- sh < script)', () => {
    expect(runArgv(['sh'], host(), 'echo from-stdin; exit 4\n')).toMatchObject({ stdout: 'from-stdin\n', code: 4 });
    expect(runArgv(['sh'], host())).toMatchObject({ stdout: '', code: 0 });
  });

  it('kill 1 asks the runtime to end the container', () => {
    const signals: string[] = [];
    const r = runArgv(['kill', '1'], { ...host(), killInit: (s) => signals.push(s) });
    expect(r.code).toBe(0);
    expect(signals).toEqual(['TERM']);
  });
});
