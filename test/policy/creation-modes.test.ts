import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluate } from '../../src/policy/evaluate.js';
import { loadProfile } from '../../src/profile/load.js';

const project = realpathSync(mkdtempSync(join(tmpdir(), 'argent-modes-')));
afterAll(() => rmSync(project, { recursive: true, force: true }));
const sandboxed = loadProfile('sandboxed');
const decide = (command: string) => evaluate(command, sandboxed, { cwd: project, home: '/root' });

describe('a world-writable mode set at creation matches the "chmod 777" pattern', () => {
  it.each(['mkdir -m 777 shared', 'mkdir --mode=a+rwx shared', 'install -m 0777 a tool', 'rsync -a --chmod=a+rwx src/ copy/', 'umask 000'])(
    'blocks %s',
    (command) => {
      const e = decide(command);
      expect([e.decision, e.reason]).toEqual(['blocked', expect.stringContaining('matches blocked pattern "chmod 777"')]);
    },
  );

  it('asks for other modes and an unknown one', () => {
    expect(decide('mkdir -m 700 private').decision).toBe('approval-required');
    expect(decide('mkdir -m "$MODE" shared').decision).toBe('approval-required');
  });
});
