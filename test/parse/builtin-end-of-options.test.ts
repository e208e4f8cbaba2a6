// Builtins that accept `--` before their operands still run the code after it (probed with echo).
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/policy/evaluate.js';
import { loadProfile } from '../../src/profile/load.js';
import { commands } from './helpers.js';

const sandboxed = loadProfile('sandboxed');
const decide = (command: string) => evaluate(command, sandboxed, { cwd: '/tmp/argent-end-of-options/project', home: '/root' });

describe('eval and trap take `--` before their code', () => {
  it.each([
    ["eval -- 'sudo id'", 'sudo id', 'eval'],
    ["trap -- 'sudo id' EXIT", 'sudo id', 'trap'],
  ])('%s runs `%s`', (script, inner, via) => {
    expect(commands(script).find((c) => c.cmd === inner)?.via).toEqual([via]);
  });

  it.each(["eval -- 'sudo id'", "eval -- 'rm -rf build'", "trap -- 'sudo id' EXIT"])('%s is blocked', (command) => {
    expect(decide(command).decision).toBe('blocked');
  });

  it('an eval of only `--` runs nothing', () => {
    expect(commands('eval --')).toEqual([{ cmd: 'eval --' }]);
  });
});
