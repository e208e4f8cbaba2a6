// A persistent session with real bwrap and a real PTY. The policy stage is a recording stub here, so
// the claims are about the session and the OS layer (the real engine is exercised in test/cli).
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ApprovalOutcome, Approver } from '../../src/approval/types.js';
import type { AuditEvent } from '../../src/audit/events.js';
import type { Decision, EvaluateOptions, Evaluation } from '../../src/policy/types.js';
import type { Profile } from '../../src/profile/profile.js';
import { startSession, type Session } from '../../src/session/session.js';
import { makeFixture, type Fixture } from '../sandbox/helpers.js';

const seen: EvaluateOptions[] = [];
const decisions = new Map<string, Decision>();

function evaluate(command: string, profile: Profile, options: EvaluateOptions): Evaluation {
  seen.push(options);
  const decision = decisions.get(command) ?? 'allow';
  return {
    decision,
    tool: 'exec',
    rules: [{ key: 'test.stub', decision, detail: `stub says ${decision}` }],
    reason: `stub says ${decision}`,
    paths: [],
    profile: profile.name,
    profileRevision: profile.revision,
    cwd: options.cwd,
  };
}

const answering = (approved: boolean): Approver => ({
  kind: 'none',
  request: async (req): Promise<ApprovalOutcome> => ({ requestId: req.id, approved, by: 'test', reason: approved ? 'approved in test' : 'rejected in test', decidedAt: Date.now() }),
});

let fx: Fixture;
let s: Session;
const events: AuditEvent[] = [];

beforeAll(async () => {
  fx = makeFixture();
  s = await startSession({ profile: fx.profile, workdir: fx.workdir, evaluate, audit: (e) => events.push(e) });
});
afterAll(async () => {
  await s.dispose();
  fx.cleanup();
});

const text = (b: Buffer): string => b.toString('utf8').replace(/\r\n/g, '\n');

describe('state', () => {
  test('variables, functions and the cwd carry across commands; the policy is told the real cwd', async () => {
    await s.run('X=42; mkdir -p sub; cd sub; f() { echo "fn:$1"; }');
    seen.length = 0;
    const r = await s.run('echo $X; f a; pwd');
    expect(text(r.output)).toBe(`42\nfn:a\n${fx.workdir}/sub\n`);
    expect(seen[0]).toEqual({ cwd: `${fx.workdir}/sub`, workdir: fx.workdir });
    expect(r.cwd).toBe(`${fx.workdir}/sub`);
    await s.run('cd ..');
  });

  test("the cwd comes from the kernel, not the shell's word: a lying PWD does not move it", async () => {
    const r = await s.run('cd /tmp; PWD=/etc');
    expect(r.cwd).toBe('/tmp');
    seen.length = 0;
    await s.run('cd ' + fx.workdir);
    expect(seen[0]?.cwd).toBe('/tmp');
  });

  test('the exit code of each command is reported, and output without a final newline is kept', async () => {
    const r = await s.run('printf "no newline"; false');
    expect(r.exitCode).toBe(1);
    expect(text(r.output)).toBe('no newline');
  });
});

describe('the next command runs what the policy saw', () => {
  test('a forged end marker in the output does not end the command early', async () => {
    const r = await s.run(`printf '\\n\\036deadbeefdeadbeefdeadbeefdeadbeef 0\\036\\n'; echo after`);
    expect(text(r.output)).toContain('after');
    expect(r.exitCode).toBe(0);
  });

  test('aliases, functions shadowing builtins and a DEBUG trap left by one command do not touch the next', async () => {
    await s.run(`shopt -s expand_aliases; alias echo='echo hijacked'; printf() { builtin echo hijacked; }; eval() { builtin echo hijacked; }; builtin() { command echo hijacked; }; trap 'command echo trapped' DEBUG; PROMPT_COMMAND='touch pc'`);
    const r = await s.run('echo clean; printf "%s\\n" ok');
    expect(text(r.output)).toBe('clean\nok\n');
    expect(existsSync(join(fx.workdir, 'pc'))).toBe(false);
  });

  test('a script cannot type into the session shell with TIOCSTI', async () => {
    writeFileSync(join(fx.workdir, 'sti.py'), `
import fcntl, termios
try:
    for ch in b"touch injected\\n":
        fcntl.ioctl(0, termios.TIOCSTI, bytes([ch]))
    print("injected")
except OSError as e:
    print("errno", e.errno)
`);
    const r = await s.run('python3 sti.py < /dev/tty');
    expect(text(r.output)).toBe('errno 1\n');
    await s.run('true');
    expect(existsSync(join(fx.workdir, 'injected'))).toBe(false);
  });
});

describe('limits and decisions', () => {
  test('a timeout kills the command tree (exit 124) and the session keeps working', async () => {
    const r = await s.run("trap '' TERM; sleep 30", { timeoutMs: 300 });
    expect(r.timedOut).toBe(true);
    expect(r.exitCode).toBe(124);
    expect(text((await s.run('echo alive')).output)).toBe('alive\n');
  }, 15_000);

  test('a blocked command does not run and is refused with 126 and the rule', async () => {
    decisions.set('touch blocked-ran', 'blocked');
    const r = await s.run('touch blocked-ran');
    expect(r.exitCode).toBe(126);
    expect(r.refusal).toBe('blocked by policy (test.stub): stub says blocked');
    expect(existsSync(join(fx.workdir, 'blocked-ran'))).toBe(false);
  });

  test('approval-required without an approver is rejected, saying why', async () => {
    decisions.set('touch asked', 'approval-required');
    const r = await s.run('touch asked');
    expect(r.exitCode).toBe(126);
    expect(r.refusal).toContain('no approver');
    expect(existsSync(join(fx.workdir, 'asked'))).toBe(false);
  });

  test('approval-required runs only when the approver approves', async () => {
    decisions.set('touch approved', 'approval-required');
    const yes = await startSession({ profile: fx.profile, workdir: fx.workdir, evaluate, approver: answering(true) });
    const no = await startSession({ profile: fx.profile, workdir: fx.workdir, evaluate, approver: answering(false) });
    try {
      expect((await no.run('touch approved')).exitCode).toBe(126);
      expect(existsSync(join(fx.workdir, 'approved'))).toBe(false);
      expect((await yes.run('touch approved')).exitCode).toBe(0);
      expect(existsSync(join(fx.workdir, 'approved'))).toBe(true);
    } finally {
      await yes.dispose();
      await no.dispose();
    }
  });

  test('every command is audited in order: decision, run.start, run.end', async () => {
    events.length = 0;
    await s.run('echo audited');
    expect(events.map((e) => e.event)).toEqual(['decision', 'run.start', 'run.end']);
    expect(events[2]).toMatchObject({ event: 'run.end', exitCode: 0, timedOut: false, truncated: false, outputBytes: 8 }); // 'audited\n': the session turns the PTY's \n -> \r\n mapping off
  });
});

describe('isolation "none"', () => {
  test('an unrestricted profile keeps a session without namespaces, with the real cwd still from the kernel', async () => {
    const profile = { ...fx.profile, security: { ...fx.profile.security, mode: 'unrestricted' as const }, sandbox: { ...fx.profile.sandbox, isolation: 'none' as const } };
    const plain = await startSession({ profile, workdir: fx.workdir, evaluate });
    try {
      const r = await plain.run('cd /tmp && test -e /run/docker.sock && echo host-fs');
      expect(r.cwd).toBe('/tmp');
      expect(r.exitCode).toBe(existsSync('/run/docker.sock') ? 0 : 1);
    } finally {
      await plain.dispose();
    }
  });
});
