import { describe, expect, test } from 'vitest';
import { buildBwrapArgs, type BwrapInput } from '../../src/sandbox/bwrap-args.js';
import { prlimitArgs } from '../../src/sandbox/limits.js';
import { DEFAULT_LIMITS } from '../../src/profile/profile.js';

const base: BwrapInput = {
  workdir: '/srv/proj',
  writable: ['/srv/proj'],
  hiddenDirs: ['/home', '/root', '/run'],
  hiddenFiles: [],
  rehideDirs: ['/tmp/.X11-unix'],
  protectedPaths: ['/srv/proj/profile.json'],
  restoreFiles: [],
  sharedTmp: false,
  network: 'none',
  seccompFd: 3,
};

describe('buildBwrapArgs', () => {
  test('builds the whole argv: read-only root, read-only /dev, hidden homes and /run, rw working root, protected profile, no capabilities', () => {
    expect(buildBwrapArgs(base)).toEqual([
      '--ro-bind', '/', '/',
      '--dev', '/dev', '--remount-ro', '/dev',
      '--tmpfs', '/dev/shm',
      '--proc', '/proc',
      '--tmpfs', '/tmp',
      '--tmpfs', '/home', '--tmpfs', '/root', '--tmpfs', '/run',
      '--bind', '/srv/proj', '/srv/proj',
      '--ro-bind', '/srv/proj/profile.json', '/srv/proj/profile.json',
      '--unshare-all', '--unshare-user',
      '--cap-drop', 'ALL',
      '--die-with-parent',
      '--seccomp', '3',
      '--chdir', '/srv/proj',
    ]);
  });

  test('shares the host network only for network "host"', () => {
    expect(buildBwrapArgs(base)).not.toContain('--share-net');
    expect(buildBwrapArgs({ ...base, network: 'host' })).toContain('--share-net');
  });

  test('binds the host /tmp instead of a private tmpfs when /tmp is an allowedPath, and hides its X11 sockets again', () => {
    const args = buildBwrapArgs({ ...base, writable: ['/srv/proj', '/tmp'], sharedTmp: true });
    expect(args.join(' ')).not.toContain('--tmpfs /tmp ');
    const bind = args.join(' ').indexOf('--bind /tmp /tmp');
    const rehide = args.join(' ').indexOf('--tmpfs /tmp/.X11-unix');
    expect(bind).toBeGreaterThan(0);
    expect(rehide).toBeGreaterThan(bind);
  });

  test('binds protected paths read-only after (over) every writable bind, and /dev/null over hidden sockets', () => {
    const args = buildBwrapArgs({ ...base, hiddenFiles: ['/srv/proj/agent.sock'], protectedPaths: ['/srv/proj/profile.json', '/srv/proj/logs'] }).join(' ');
    expect(args.indexOf('--ro-bind /srv/proj/logs /srv/proj/logs')).toBeGreaterThan(args.indexOf('--bind /srv/proj /srv/proj'));
    expect(args).toContain('--ro-bind /dev/null /srv/proj/agent.sock');
  });

  test('adds --disable-userns right after --unshare-user when the host bwrap has it, and never otherwise', () => {
    const args = buildBwrapArgs({ ...base, disableUserns: true });
    expect(args.slice(args.indexOf('--unshare-all'), args.indexOf('--unshare-all') + 3)).toEqual(['--unshare-all', '--unshare-user', '--disable-userns']);
    expect(buildBwrapArgs(base)).not.toContain('--disable-userns');
    expect(buildBwrapArgs({ ...base, disableUserns: false })).not.toContain('--disable-userns');
  });

  test('never adds --new-session (it would detach the PTY); TIOCSTI is stopped by seccomp instead', () => {
    expect(buildBwrapArgs(base)).not.toContain('--new-session');
  });
});

describe('prlimitArgs', () => {
  test('turns the default limits into one prlimit prefix with core dumps off', () => {
    expect(prlimitArgs(DEFAULT_LIMITS)).toEqual([
      'prlimit', '--nproc=256', `--as=${4096 * 1024 * 1024}`, `--fsize=${1024 * 1024 * 1024}`, '--cpu=600', '--nofile=1024', '--core=0', '--',
    ]);
  });
});
