// The shell's own tables and hook variables, set by any builtin that sets a variable: each changes
// what a later, separately checked command runs, so it needs approval.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/policy/evaluate.js';
import { loadProfile } from '../../src/profile/load.js';

const sandboxed = loadProfile('sandboxed');
const decide = (command: string) => evaluate(command, sandboxed, { cwd: '/tmp', home: '/root' });
const sessionRules = (command: string) => decide(command).rules.filter((r) => r.key === 'builtin.session-state').map((r) => r.detail);

describe('BASH_ALIASES and BASH_CMDS are the alias and hash tables', () => {
  it.each([
    ["BASH_ALIASES[ll]='ls -l'", 'setting BASH_ALIASES defines an alias, which changes what later commands of that name run'],
    ["BASH_ALIASES=([ll]='ls -l')", 'setting BASH_ALIASES defines an alias, which changes what later commands of that name run'],
    ["declare 'BASH_ALIASES[ll]=ls -l'", 'setting BASH_ALIASES defines an alias, which changes what later commands of that name run'],
    ["printf -v 'BASH_ALIASES[ll]' %s 'ls -l'", 'setting BASH_ALIASES defines an alias, which changes what later commands of that name run'],
    ['BASH_CMDS[ls]=/bin/true', 'setting BASH_CMDS makes a command name run another program for the rest of the session, like hash -p'],
    ['BASH_CMDS+=([ls]=/bin/true)', 'setting BASH_CMDS makes a command name run another program for the rest of the session, like hash -p'],
  ])('%s', (command, detail) => {
    expect(sessionRules(command)).toEqual([detail]);
    expect(decide(command).decision).toBe('approval-required');
  });
});

describe('hook variables set by read, printf -v and mapfile, not only by assignment', () => {
  it.each([['read PROMPT_COMMAND < cmd.txt'], ["printf -v PS4 '%s' x"], ['mapfile -t BASH_ENV < f'], ['export PS1=x']])('%s', (command) => {
    expect(sessionRules(command)).toEqual([expect.stringMatching(/^setting (PROMPT_COMMAND|PS4|BASH_ENV|PS1) /)]);
  });

  it.each([['export PS1'], ['unset PROMPT_COMMAND'], ['echo "${BASH_ALIASES[ll]}"'], ['read -r line < f'], ['[[ -v BASH_CMDS[ls] ]]']])('not by %s', (command) => {
    expect(sessionRules(command)).toEqual([]);
  });
});

describe('physical cd for later commands', () => {
  const detail = 'set -P / -o physical makes later cds resolve symlinks first, which later commands are not judged with';
  it.each(['set -P', 'set -euP', 'set -o physical', 'shopt -so physical'])('%s needs approval', (command) => {
    expect(sessionRules(command)).toEqual([detail]);
  });
  it.each(['set +P', 'set -euo pipefail', 'set +o physical', 'shopt -u -o physical'])('%s does not', (command) => {
    expect(sessionRules(command)).toEqual([]);
  });
});
