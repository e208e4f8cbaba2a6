// In a persistent session one command can change what the NEXT command runs: a function or alias that
// shadows a builtin, a DEBUG trap, a prompt hook, extdebug. Each later command is checked on its own,
// so anything that could make it run unchecked code needs approval.
import { nameOperands } from '../parse/name-operands.js';
import type { ParsedScript, SimpleCommand } from '../parse/types.js';
import type { NormalizedCommand } from './normalize.js';
import type { RuleMatch } from './types.js';

/** Names a later command relies on: shadowing them would make it run something the policy never saw. */
const protectedNames = new Set([
  'builtin', 'command', 'eval', 'exec', 'source', '.', 'cd', 'pwd', 'printf', 'echo', 'trap', 'set', 'unset', 'shopt',
  'enable', 'alias', 'unalias', 'declare', 'typeset', 'local', 'readonly', 'export', 'read', 'return', 'exit', 'test',
  '[', 'true', 'false', 'sudo', 'rm', 'ls', 'cat', 'git', 'bash', 'sh', 'env', 'wait', 'kill', 'type', 'hash',
]);

/** Variables whose value the shell runs as code, or that change how it starts or prompts. */
const hookVariables = new Set(['PROMPT_COMMAND', 'BASH_ENV', 'ENV', 'PS0', 'PS1', 'PS2', 'PS4', 'SHELLOPTS', 'BASHOPTS', 'BASH_XTRACEFD']);
/** Arrays that are the shell's own tables: setting an element defines an alias or hashes a command. */
const commandTables: Record<string, string> = {
  BASH_ALIASES: 'defines an alias, which changes what later commands of that name run',
  BASH_CMDS: 'makes a command name run another program for the rest of the session, like hash -p',
};
const declarers = new Set(['export', 'declare', 'typeset', 'local', 'readonly']);
/** Builtins whose name operands are only read or removed, never given a value. */
const notSetting = new Set(['unset', 'test', '[', '[[']);

/** Why setting variable `name` (maybe NAME[key] or NAME+) changes what later commands run, if it does. */
function hookReason(name: string): string | undefined {
  const base = name.replace(/[[+][\s\S]*$/, '');
  if (Object.hasOwn(commandTables, base)) return `setting ${base} ${commandTables[base]}`;
  if (hookVariables.has(base) || base.startsWith('BASH_FUNC_')) return `setting ${base} makes the shell run code the policy does not see`;
  return undefined;
}

function rule(detail: string): RuleMatch {
  return { key: 'builtin.session-state', decision: 'approval-required', detail };
}

function flagLetters(cmd: SimpleCommand): string {
  return cmd.args.filter((a) => /^-[A-Za-z]+$/.test(a.text)).map((a) => a.text.slice(1)).join('');
}

export function sessionStateRules(script: ParsedScript, commands: Array<{ cmd: SimpleCommand; n: NormalizedCommand }>): RuleMatch[] {
  const rules: RuleMatch[] = [];
  const shadow = (name: string, how: string) => {
    if (protectedNames.has(name) || name.startsWith('__argent')) rules.push(rule(`${how} ${JSON.stringify(name)} would change what later commands named ${name} run`));
  };
  for (const f of script.functions) shadow(f.name, 'defining a function');
  for (const cmd of script.commands) {
    for (const a of cmd.assignments) {
      const why = hookReason(a.name);
      if (why) rules.push(rule(why));
    }
  }
  for (const { cmd } of commands) {
    const p = cmd.program!;
    const words = cmd.args.map((a) => a.text);
    const letters = flagLetters(cmd);
    if (p === 'alias') for (const w of words) shadow(w.split('=')[0]!, 'defining an alias');
    // export PS4=.., read PS4, printf -v 'BASH_ALIASES[ll]' ..: every builtin that sets a named variable
    // (a declarer's bare NAME only changes attributes).
    if (!notSetting.has(p)) {
      for (const { word } of nameOperands(p, cmd.args)) {
        const why = declarers.has(p) && !word.text.includes('=') ? undefined : hookReason(word.text.split('=')[0]!);
        if (why) rules.push(rule(why));
      }
    }
    if (declarers.has(p)) {
      if ((p === 'readonly' && letters.includes('f')) || (letters.includes('f') && letters.includes('r'))) {
        rules.push(rule(`\`${p} -${letters}\` makes functions permanent, so the session cannot reset them`));
      }
    }
    if (p === 'trap' && words.some((w) => /^(DEBUG|RETURN|ERR|SIGRETURN)$/i.test(w))) {
      rules.push(rule('a DEBUG, RETURN or ERR trap runs code around every later command'));
    }
    if (p === 'shopt' && words.includes('extdebug')) rules.push(rule('shopt extdebug lets a DEBUG trap skip later commands'));
    if (p === 'set' && (letters.includes('T') || words.includes('functrace'))) rules.push(rule('set -T makes DEBUG and RETURN traps reach into functions'));
    // Each command is judged with logical cd (bash's default): `set -P` in one would make a later
    // `cd link/..` land where the link's target is, not where that command was judged.
    const physicalOn = words.some((w) => /^-[A-Za-z]*P/.test(w)) || (words.includes('physical') && !words.some((w) => /^\+o$|^-u$/.test(w)));
    if ((p === 'set' || p === 'shopt') && physicalOn) rules.push(rule('set -P / -o physical makes later cds resolve symlinks first, which later commands are not judged with'));
    if (p === 'enable' && words.some((w) => !/^-[aps]+$/.test(w))) rules.push(rule('enable changes which builtins later commands get'));
    // hash -p FILE NAME: every later command named NAME runs FILE (hash -p /bin/rm ls).
    if (p === 'hash' && letters.includes('p')) rules.push(rule('hash -p makes a command name run another program for the rest of the session'));
  }
  return rules;
}
