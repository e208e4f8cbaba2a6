// Programs the wrapper table does not know, privilege tools by other names, and rm -rf by other names.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/policy/evaluate.js';
import { loadProfile, toEffective } from '../../src/profile/load.js';

const sandboxed = loadProfile('sandboxed');
const locked = toEffective('locked-test', [], { security: { mode: 'locked' }, toolPolicies: { exec: { blockedPatterns: ['rm -rf', 'sudo'] } } });
const decide = (command: string, profile = sandboxed) => evaluate(command, profile, { cwd: '/tmp/argent-unknown-runners/project', home: '/root' });

describe('an unknown program whose arguments would be a blocked command needs approval', () => {
  it('says which words would match which pattern', () => {
    const e = decide('frobnicate --quiet 2020 sudo id');
    expect(e.decision).toBe('approval-required');
    expect(e.rules).toContainEqual({
      key: 'builtin.unknown-runner',
      decision: 'approval-required',
      detail: 'frobnicate is not a program the policy knows; if it runs its arguments, `sudo id` matches blocked pattern "sudo"',
    });
  });

  it.each([
    'frobnicate rm -rf build',
    'frobnicate --exec=\'sudo id\'',
    'frobnicate \'ls; rm -rf build\'',
    'frobnicate run -- env sudo id',
    'kubectl exec pod -- sudo id',
  ])('%s', (command) => {
    expect(decide(command).decision).toBe('approval-required');
  });

  it('blocks it in locked mode, which blocks what it cannot check', () => {
    expect(decide('frobnicate sudo id', locked).decision).toBe('blocked');
  });

  it.each([
    'grep -r sudo docs/',
    'echo sudo',
    'git commit -m "rm -rf build"',
    'gh pr create --title "drop sudo" --body "rm -rf build no more"',
    'npm install --save-dev rimraf',
    'npm rm left-pad',
    'apt-get download sudo', // (apt-get install writes /usr: judged by resolve/implicit-targets.ts)
    'man sudo',
    'getent group sudo',
    'frobnicate rm old.txt',
    'frobnicate --message "fix the sudo docs"',
  ])('leaves data alone: %s', (command) => {
    expect(decide(command).decision).toBe('allow');
  });
});

describe('privilege tools are the sudo pattern by any name or form', () => {
  it.each([
    'runuser -u root id',
    'gosu root id',
    'su-exec root id',
    'sg root -c id',
    'nsenter -t 1 -a id',
    'setpriv --reuid=0 --regid=0 --init-groups id',
    'capsh --user=root -- -c id',
    'chpst -u root id',
    'systemd-run --uid=0 id',
    'systemd-run id',
    'machinectl shell root@',
    'ssh root@localhost id',
    'ssh -p 22 root@127.0.0.1 id',
    'ssh -l root localhost id',
  ])('%s is blocked', (command) => {
    expect(decide(command).decision).toBe('blocked');
  });

  it.each(['setpriv --no-new-privs npm test', 'systemd-run --user --scope npm test', 'capsh --print', 'ssh deploy@example.com uptime', 'ssh -l deploy localhost id', 'machinectl list'])(
    '%s is not privilege',
    (command) => {
      expect(decide(command).decision).toBe('allow');
    },
  );
});

describe('rm -rf by another name', () => {
  it('blocks rimraf as rm -rf, directly and through npx', () => {
    expect(decide('rimraf build').decision).toBe('blocked');
    expect(decide('npx rimraf build').reason).toBe('`rimraf build` (via npx) matches blocked pattern "rm -rf"');
  });
});

describe('hash -p', () => {
  it('needs approval: it makes a command name run another program', () => {
    expect(decide('hash -p /bin/rm ls; ls -rf build').reason).toBe('hash -p makes a command name run another program for the rest of the session');
    expect(decide('hash -r').decision).toBe('allow');
  });
});
