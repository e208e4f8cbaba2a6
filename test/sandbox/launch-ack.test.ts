// The launcher holds the PTY until the supervisor has read the end marker (it answers with the nonce):
// exiting earlier lets node-pty report the exit before the last bytes, which then leak or go missing.
// A one-shot writes ^D when its stdin ends; a command that does not read it leaves that end of input for
// the launcher's own wait, which must not take it for the acknowledgement.
import { spawn } from 'node-pty';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findHostTools } from '../../src/sandbox/host.js';
import { prepareLaunch } from '../../src/sandbox/prepare.js';
import { makeFixture, type Fixture } from './helpers.js';

let fx: Fixture;
beforeAll(() => {
  fx = makeFixture();
});
afterAll(() => fx.cleanup());

describe('the launcher waits for the acknowledgement', () => {
  it('even after an end of input the command never read', async () => {
    const prepared = prepareLaunch({ profile: fx.profile, workdir: fx.workdir, tools: findHostTools(), hostEnv: process.env, argv: ['bash', '--noprofile', '--norc', '-c', 'echo out'], ttyModes: ['-echo', '-onlcr'] });
    const { spec } = prepared;
    const child = spawn(spec.file, spec.args, { cwd: spec.cwd, env: spec.env, encoding: null });
    let seen = '';
    let exited = false;
    const exit = new Promise<number>((resolve) => child.onExit(({ exitCode }) => { exited = true; resolve(exitCode); }));
    const marker = new Promise<void>((resolve) => {
      let eofSent = false;
      child.onData((d: string | Buffer) => {
        seen += d.toString();
        if (!eofSent && seen.includes(`${spec.nonce}-ready`)) {
          eofSent = true;
          child.write('\x04'); // what a one-shot sends when its stdin ends
        }
        if (seen.includes(`\x1e${spec.nonce} 0\x1e`)) resolve();
      });
    });
    try {
      await marker;
      // The end marker is out and nobody answered yet: the launcher must still hold the PTY.
      await new Promise((r) => setTimeout(r, 400));
      expect(exited).toBe(false);
      child.write(`${spec.nonce}\n`);
      expect(await exit).toBe(0);
      expect(seen).toContain('out\n');
    } finally {
      if (!exited) child.kill('SIGKILL');
      await prepared.release();
    }
  });
});
