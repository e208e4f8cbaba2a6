// The OS layer holds where the static layer allows: exec mode "allowed", scripts the policy cannot see
// into (python3/node files in the working root), real bwrap, real PTYs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildBwrapArgs } from '../../src/sandbox/bwrap-args.js';
import { findHostTools } from '../../src/sandbox/host.js';
import { planSandbox } from '../../src/sandbox/plan.js';
import { makeFixture, sandboxed, type Fixture } from './helpers.js';

let fx: Fixture;
let home: string;
let outside: string;

beforeAll(() => {
  fx = makeFixture();
  home = join(fx.root, 'home');
  outside = join(fx.root, 'outside');
  mkdirSync(join(home, '.ssh'), { recursive: true });
  writeFileSync(join(home, '.ssh', 'id_ed25519'), 'SECRET-KEY-MATERIAL');
  mkdirSync(outside);
});
afterAll(() => fx.cleanup());

const asUser = (): { env: Record<string, string> } => ({ env: { HOME: home } });

describe('writes', () => {
  test('a python script cannot write outside allowedPaths: system dirs are read-only and the host never sees the file', async () => {
    writeFileSync(join(fx.workdir, 'w.py'), `
import sys
for p in ["/etc/argent-probe", "/usr/argent-probe", sys.argv[1] + "/escaped.txt"]:
    try:
        open(p, "w").write("x")
        print("wrote", p)
    except OSError as e:
        print("denied", p, e.errno)
open("inside.txt", "w").write("ok")
`);
    const r = await sandboxed(fx, `python3 w.py ${outside}`);
    expect(r.text).toContain('denied /etc/argent-probe 30');
    expect(r.text).toContain('denied /usr/argent-probe 30');
    expect(existsSync('/etc/argent-probe')).toBe(false);
    expect(existsSync(join(outside, 'escaped.txt'))).toBe(false);
    expect(readFileSync(join(fx.workdir, 'inside.txt'), 'utf8')).toBe('ok');
    expect(r.exitCode).toBe(0);
  });

  test('a symlink in the working root that points out of it cannot be written through', async () => {
    symlinkSync(outside, join(fx.workdir, 'link-out'));
    symlinkSync('/etc', join(fx.workdir, 'link-etc'));
    writeFileSync(join(fx.workdir, 'w.js'), `
const fs = require('fs');
for (const p of ['link-out/x.txt', 'link-etc/x.txt']) {
  try { fs.writeFileSync(p, 'x'); console.log('wrote', p); } catch (e) { console.log('denied', p, e.code); }
}
`);
    const r = await sandboxed(fx, 'node w.js');
    expect(r.text).toMatch(/denied link-out\/x.txt (ENOENT|EROFS)/);
    expect(r.text).toContain('denied link-etc/x.txt EROFS');
    expect(existsSync(join(outside, 'x.txt'))).toBe(false);
  });

  test('device writes fail: no disk device exists, /dev is read-only, mknod is refused; /dev/null still works', async () => {
    const r = await sandboxed(fx, 'echo x > /dev/sda; echo "sda=$?"; dd if=/dev/zero of=/dev/vda count=1 2>/dev/null; echo "vda=$?"; mknod /dev/xx b 8 0 2>/dev/null; echo "mknod=$?"; echo ok > /dev/null && echo null-ok; ls /dev/sda /dev/mem 2>&1 | wc -l');
    expect(r.text).toContain('sda=1');
    expect(r.text).toContain('vda=1');
    expect(r.text).toContain('mknod=1');
    expect(r.text).toContain('null-ok');
    expect(existsSync('/dev/xx')).toBe(false);
  });

  test("the profile file stays read-only inside, even though it lies in the working root", async () => {
    const r = await sandboxed(fx, 'echo "{}" > profile.json; echo "rc=$?"');
    expect(r.text).toContain('Read-only file system');
    expect(JSON.parse(readFileSync(fx.profileFile, 'utf8')).toolPolicies.exec.mode).toBe('allowed');
  });
});

describe('reads', () => {
  test('a node script cannot read a secret in the home directory (the home is an empty tmpfs inside)', async () => {
    writeFileSync(join(fx.workdir, 'r.js'), `
try { console.log('read', require('fs').readFileSync(process.env.HOME + '/.ssh/id_ed25519', 'utf8')); } catch (e) { console.log('denied', e.code); }
console.log('home-entries ' + require('fs').readdirSync(process.env.HOME).length);
`);
    const r = await sandboxed(fx, 'node r.js; ls -A /root | wc -l', asUser());
    expect(r.text).toContain('denied ENOENT');
    expect(r.text).toContain('home-entries 0');
    expect(r.text).not.toContain('SECRET-KEY-MATERIAL');
  });

  test('secrets in the environment are not visible; allowed basics are', async () => {
    const r = await sandboxed(fx, 'env', { env: { GITHUB_TOKEN: 'ghp_leak', AWS_SECRET_ACCESS_KEY: 'awsleak', DB_PASSWORD: 'pwleak', LANG: 'C.UTF-8' } });
    expect(r.text).not.toMatch(/ghp_leak|awsleak|pwleak/);
    expect(r.text).toContain('LANG=C.UTF-8');
  });
});

describe('sockets and network', () => {
  let server: Server;
  let port = 0;
  const sockDir = `/run/argent-test-${process.pid}`;
  beforeAll(async () => {
    server = createServer((c) => c.end('reached\n'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as { port: number }).port;
    mkdirSync(sockDir, { recursive: true });
  });
  afterAll(() => {
    server.close();
    rmSync(sockDir, { recursive: true, force: true });
  });

  test('a unix socket under /run (where docker.sock lives) is not reachable from inside', async () => {
    const unix = createServer((c) => c.end('reached\n'));
    await new Promise<void>((r) => unix.listen(join(sockDir, 'test.sock'), r));
    try {
      const r = await sandboxed(fx, `python3 -c '
import socket
for p in ["${sockDir}/test.sock", "/run/docker.sock", "/var/run/docker.sock"]:
    s = socket.socket(socket.AF_UNIX)
    try:
        s.connect(p); print("reached", p)
    except OSError as e:
        print("unreachable", p, e.errno)
'`);
      expect(r.text).toContain(`unreachable ${sockDir}/test.sock 2`);
      expect(r.text).toContain('unreachable /run/docker.sock 2');
      expect(r.text).toContain('unreachable /var/run/docker.sock 2');
    } finally {
      unix.close();
    }
  });

  test('the network is unreachable with network "none", even the host loopback', async () => {
    const r = await sandboxed(fx, `python3 -c '
import socket
s = socket.socket()
s.settimeout(2)
try:
    s.connect(("127.0.0.1", ${port})); print("reached")
except OSError as e:
    print("unreachable", e.errno)
'; cat /proc/net/dev | grep -c :`);
    expect(r.text).toMatch(/unreachable 111/);
    expect(r.text.trim().endsWith('1')).toBe(true); // only lo
  });
});

describe('the sandbox cannot be loosened from inside', () => {
  test('every capability is dropped: umounting the home tmpfs or remounting /dev read-write fails', async () => {
    const r = await sandboxed(fx, 'grep CapEff /proc/self/status; umount /root 2>/dev/null; echo "umount=$?"; mount -o remount,rw /dev 2>/dev/null; echo "remount=$?"');
    expect(r.text).toContain('CapEff:\t0000000000000000');
    expect(r.text).toContain('umount=32');
    expect(r.text).toMatch(/remount=(1|32)/);
  });

  test('ioctl(TIOCSTI) from a script in the working root fails with EPERM and injects nothing', async () => {
    writeFileSync(join(fx.workdir, 'sti.py'), `
import fcntl, termios
try:
    for ch in b"touch injected\\n":
        fcntl.ioctl(0, termios.TIOCSTI, bytes([ch]))
    print("injected")
except OSError as e:
    print("errno", e.errno)
`);
    const r = await sandboxed(fx, 'python3 sti.py; sleep 0.2; read -t 0.2 line; echo "read=[$line]"');
    expect(r.text).toContain('errno 1');
    expect(r.text).toContain('read=[]');
    expect(existsSync(join(fx.workdir, 'injected'))).toBe(false);
  });

  // Each probe runs the same python3 file outside the sandbox first: the host answer proves the probe
  // reaches the kernel, so the EPERM inside is the sandbox's doing.
  test('the kernel keyring is out of reach: keyctl, add_key and request_key fail with EPERM inside, not outside', async () => {
    writeFileSync(join(fx.workdir, 'keys.py'), `
import ctypes, os
libc = ctypes.CDLL(None, use_errno=True)
add_key, request_key, keyctl = (248, 249, 250) if os.uname().machine == "x86_64" else (217, 218, 219)
def show(name, r):
    print(name, "ok" if r >= 0 else "errno %d" % ctypes.get_errno())
show("keyctl", libc.syscall(keyctl, 0, -4, 0))  # KEYCTL_GET_KEYRING_ID, KEY_SPEC_USER_KEYRING
show("keyctl-session", libc.syscall(keyctl, 0, -3, 0))  # KEY_SPEC_SESSION_KEYRING
show("add_key", libc.syscall(add_key, b"user", b"argent-probe", b"x", 1, -2))  # the probe's own process keyring
show("request_key", libc.syscall(request_key, b"user", b"argent-no-such-key", None, 0))
`);
    const host = spawnSync('python3', [join(fx.workdir, 'keys.py')], { encoding: 'utf8' });
    expect(host.stdout).toBe('keyctl ok\nkeyctl-session ok\nadd_key ok\nrequest_key errno 126\n'); // ENOKEY: it looked
    const r = await sandboxed(fx, 'python3 keys.py');
    expect(r.text).toBe('keyctl errno 1\nkeyctl-session errno 1\nadd_key errno 1\nrequest_key errno 1\n');
  });

  test('no nested user namespace: unshare -U and unshare(CLONE_NEWUSER) fail inside, work outside', async () => {
    writeFileSync(join(fx.workdir, 'userns.py'), `
import ctypes
libc = ctypes.CDLL(None, use_errno=True)
r = libc.unshare(0x10000000)  # CLONE_NEWUSER
print("unshare", "ok" if r == 0 else "errno %d" % ctypes.get_errno())
`);
    const host = spawnSync('python3', [join(fx.workdir, 'userns.py')], { encoding: 'utf8' });
    expect(host.stdout).toBe('unshare ok\n');
    expect(spawnSync('unshare', ['-U', 'true']).status).toBe(0);
    const r = await sandboxed(fx, 'python3 userns.py; unshare -U true 2>/dev/null; echo "unshare-U=$?"; unshare -Ur id -u 2>/dev/null; echo "root=$?"');
    expect(r.text).toBe('unshare errno 1\nunshare-U=1\nroot=1\n');
  });

  // The seccomp rule answers first (EPERM above); this proves bwrap's own layer holds without it.
  test.skipIf(!findHostTools().disableUserns)('without the seccomp filter, bwrap --disable-userns alone still refuses unshare -U (ENOSPC)', () => {
    const tools = findHostTools();
    const plan = planSandbox({ profile: fx.profile, workdir: fx.workdir, hostEnv: process.env, protect: [] });
    const args = buildBwrapArgs({ ...plan.bwrap, disableUserns: true });
    const r = spawnSync(tools.bwrap, [...args, '--', 'unshare', '-U', 'true'], { encoding: 'utf8' });
    expect({ status: r.status, stderr: r.stderr.trim() }).toEqual({ status: 1, stderr: 'unshare: unshare failed: No space left on device' });
  });

  test('clone3 answers ENOSYS, and threads and child processes still start (glibc falls back to clone)', async () => {
    writeFileSync(join(fx.workdir, 'clone3.py'), `
import ctypes, subprocess, threading
libc = ctypes.CDLL(None, use_errno=True)
libc.syscall(435, None, 0)  # clone3 with no arguments: EINVAL if the kernel sees it
print("clone3 errno", ctypes.get_errno())
t = threading.Thread(target=print, args=("thread ran",)); t.start(); t.join()
print(subprocess.run(["echo", "child ran"], capture_output=True, text=True).stdout, end="")
`);
    const host = spawnSync('python3', [join(fx.workdir, 'clone3.py')], { encoding: 'utf8' });
    expect(host.stdout).toBe('clone3 errno 22\nthread ran\nchild ran\n');
    writeFileSync(join(fx.workdir, 'worker.cjs'), `new (require('node:worker_threads').Worker)("console.log('worker ran')", { eval: true });`);
    const r = await sandboxed(fx, 'python3 clone3.py; node worker.cjs');
    expect(r.text).toBe('clone3 errno 38\nthread ran\nchild ran\nworker ran\n');
  });
});
