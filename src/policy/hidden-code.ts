// Ways a command runs code the policy never sees as a command: options and operands that take a shell
// command or a script (git -c core.pager=.., git rebase --exec, tar --to-command, socat EXEC:), input
// run as code (xargs sh -c, parallel ::: CMD, ed's `!`), a command name chosen by a glob, a file
// written earlier in the same script and then executed, and functions that spawn each other.
// The tables are in code-options.ts.
import type { ParsedScript, SimpleCommand, Word } from '../parse/types.js';
import type { ResolvedPath } from '../resolve/index.js';
import type { NormalizedCommand } from './normalize.js';
import type { RuleMatch } from './types.js';
import { own } from '../util/own.js';
import { codeOptions, codeOperands, codeSubcommands, gitCodeGlobalOptions, gitCodeKeys, gitCodeSubcommands, gitConfigValueOptions, isGitCodeSetting } from './code-options.js';
import { inputAsCode, stdinEditorCode } from './input-code.js';

/** Files whose content later commands run: git hooks and git's config. */
const codeFiles = /\/\.git\/(hooks\/[^/]+|config)$/;

/** The values of `option` (`-o V`, `-oV`, `--opt V`, `--opt=V`); attachedOnly: an optional value (git grep -O). */
function optionValues(cmd: SimpleCommand, option: string, attachedOnly = false): string[] {
  const out: string[] = [];
  cmd.args.forEach((a, i) => {
    if (a.text === option && cmd.args[i + 1] && !attachedOnly) out.push(cmd.args[i + 1]!.text);
    else if (a.text.startsWith(`${option}=`)) out.push(a.text.slice(option.length + 1));
    else if (option.length === 2 && !option.startsWith('--') && a.text.startsWith(option) && a.text.length > 2 && !a.text.startsWith('--')) out.push(a.text.slice(2));
  });
  return out;
}

function describeCmd(cmd: SimpleCommand): string {
  const text = [cmd.program ?? '', ...cmd.args.map((a) => a.text)].join(' ');
  return `\`${text.length > 80 ? `${text.slice(0, 77)}...` : text}\``;
}

/** `rails runner CODE` (bin/rails too): the code, unless it names a script file. */
function appCode(cmd: SimpleCommand): string | undefined {
  const subs = own(codeSubcommands, (cmd.program ?? '').replace(/^.*\//, ''));
  const operands = cmd.args.filter((a) => !a.text.startsWith('-'));
  const code = subs?.includes(operands[0]?.text ?? '') ? operands[1] : undefined;
  return code && (!code.literal || !/\.rb$/.test(code.text)) ? code.text : undefined;
}

type Push = (key: string, detail: string) => void;

/** vim `+cmd` (any but a line number), less/more `+cmd` with a shell escape or a pipe. */
function editorPlusCommand(cmd: SimpleCommand): string | undefined {
  const p = cmd.program ?? '';
  const plusArgs = cmd.args.filter((a) => a.text.startsWith('+') && a.text.length > 1).map((a) => a.text);
  if (['vim', 'vi', 'nvim', 'view', 'vimdiff', 'gvim', 'ex'].includes(p)) return plusArgs.find((t) => !/^\+\d+$/.test(t));
  if (p === 'less' || p === 'more') return plusArgs.find((t) => /[!|]/.test(t));
  return undefined;
}

/** The key `git config [set|add] [--file F] KEY VALUE` sets: the first operand, option values skipped. */
function gitConfigKey(args: Word[]): Word | undefined {
  for (let i = 0; i < args.length; i++) {
    const t = args[i]!.text;
    if (gitConfigValueOptions.includes(t)) i++;
    else if (!t.startsWith('-') && t !== 'set' && t !== 'add') return args[i];
  }
  return undefined;
}

/** git: config keys that are commands (-c, --config-env, git config), subcommands that run a command, ext:: remotes. */
function gitCode(cmd: SimpleCommand, n: NormalizedCommand, push: Push): void {
  // `git clone -c/--config` writes the setting into the new repository's config.
  for (const option of ['-c', '--config', '--config-env']) {
    const setting = optionValues(cmd, option).find((v) => isGitCodeSetting(v, option === '--config-env'));
    if (setting !== undefined) push('builtin.inline-code', `${describeCmd(cmd)} runs code given in ${option} (${JSON.stringify(setting.slice(0, 60))}), which the policy cannot see into`);
  }
  for (const option of gitCodeGlobalOptions) {
    const value = optionValues(cmd, option)[0];
    if (value !== undefined) push('builtin.dynamic-code', `${describeCmd(cmd)} runs git's programs from ${JSON.stringify(value)} (${option}), which the policy cannot see into`);
  }
  const sub = n.operands[0];
  const reads = ['--get', '--get-all', '--get-regexp', '--get-urlmatch', '-l', '--list', 'get', 'list', '--unset', '--unset-all', 'unset'];
  if (sub === 'config' && !cmd.args.some((a) => reads.includes(a.text))) {
    const key = gitConfigKey(cmd.args.slice(cmd.args.findIndex((a) => a.text === 'config') + 1));
    if (key && (!key.literal || gitCodeKeys.test(key.text))) push('builtin.dynamic-code', `${describeCmd(cmd)} sets ${key.text}, a command later git commands run`);
  }
  const spec = own(gitCodeSubcommands, sub);
  for (const option of [...(spec?.options ?? []), ...(spec?.attachedOptions ?? [])]) {
    const value = optionValues(cmd, option, spec?.attachedOptions?.includes(option))[0];
    if (value !== undefined) {
      push('builtin.inline-code', `${describeCmd(cmd)} runs the command given in ${option} (${JSON.stringify(value.slice(0, 60))}), which the policy cannot see into`);
      break;
    }
  }
  if (spec?.action !== undefined && (n.operands[1] === spec.action || n.hasDynamicArgs)) {
    push('builtin.inline-code', `${describeCmd(cmd)} runs the command given after "${spec.action}", which the policy does not check`);
  }
  // SECURITY: the ext:: transport runs its URL as a command (when protocol.ext.allow lets it).
  const ext = cmd.args.map((a) => /(?:^|=)ext::(.*)$/is.exec(a.text)?.[1]).find((x) => x !== undefined);
  if (ext !== undefined) push('builtin.inline-code', `${describeCmd(cmd)} uses the ext:: transport, which runs ${JSON.stringify(ext.slice(0, 60))} as a command`);
}

export function hiddenCodeRules(
  script: ParsedScript,
  commands: Array<{ cmd: SimpleCommand; n: NormalizedCommand }>,
  paths: ResolvedPath[],
  blockedIfUnknown: boolean,
): RuleMatch[] {
  const decision = blockedIfUnknown ? 'blocked' : 'approval-required';
  const rules: RuleMatch[] = [];
  const push = (key: string, detail: string): void => void rules.push({ key, decision, detail });
  // The last command seen at each nesting depth: the wrapper that runs the next, deeper one.
  const outerAt: SimpleCommand[] = [];
  for (const { cmd, n } of commands) {
    const outer = cmd.via.length > 0 ? outerAt[cmd.via.length - 1] : undefined;
    outerAt[cmd.via.length] = cmd;
    for (const spec of own(codeOptions, cmd.program) ?? []) {
      for (const option of spec.options) {
        const value = optionValues(cmd, option).find((v) => !spec.valueTest || spec.valueTest.test(v));
        if (value !== undefined) {
          push('builtin.inline-code', `${describeCmd(cmd)} runs code given in ${option} (${JSON.stringify(value.slice(0, 60))}), which the policy cannot see into`);
          break;
        }
      }
    }
    const operandTest = own(codeOperands, cmd.program);
    // An operand that starts with an unknown value may turn out to be code too.
    const codeOperand = operandTest && cmd.args.find((a) => operandTest.test(a.text) || (!a.literal && a.text.startsWith('\u0000')));
    if (codeOperand) push('builtin.inline-code', `${describeCmd(cmd)} runs the code in ${JSON.stringify(codeOperand.text.slice(0, 60))}, which the policy cannot see into`);
    const inApp = appCode(cmd);
    if (inApp) push('builtin.inline-code', `${describeCmd(cmd)} runs the code ${JSON.stringify(inApp.slice(0, 60))} in the app, which the policy cannot see into`);
    const plus = editorPlusCommand(cmd);
    if (plus) push('builtin.inline-code', `${describeCmd(cmd)} runs the editor command ${JSON.stringify(plus)}`);
    if (cmd.program === 'git') gitCode(cmd, n, push);
    for (const detail of [...inputAsCode(cmd, outer), ...stdinEditorCode(cmd)]) push('builtin.dynamic-code', `${describeCmd(cmd)} ${detail}`);
    if (runners.has(cmd.program!)) {
      const fromPipe = cmd.args.find((a) => /^\/(dev\/(fd\/\d+|stdin)|proc\/self\/fd\/\d+)$/.test(a.text));
      if (fromPipe) push('builtin.dynamic-code', `${describeCmd(cmd)} runs code read from ${fromPipe.text} (a pipe or process substitution), which the policy cannot see`);
    }
    // extglob: @(..) +(..) !(..) pick the program as much as * and ? do (/usr/bin/@(sud)o).
    if (cmd.name?.glob && /[*?]|\[.+\]|[@+!]\(/.test(cmd.name.raw)) {
      push('builtin.dynamic-command', `the command name "${cmd.name.raw}" is a glob: which program runs depends on the files present`);
    }
  }
  for (const p of paths) {
    if (p.access === 'write' && codeFiles.test(p.resolved)) {
      rules.push({ key: 'builtin.dynamic-code', decision, detail: `${p.command} writes ${p.resolved}, which later git commands run` });
    }
  }
  // A file written by this script and then run by it: its content is whatever the script put there.
  const written = new Set(paths.filter((p) => p.access === 'write' && p.certainty === 'exact').map((p) => p.resolved));
  if (written.size > 0) {
    const executed = paths.filter((p) => p.access === 'read' && written.has(p.resolved) && isRunner(p.command));
    for (const p of executed) {
      rules.push({ key: 'builtin.dynamic-code', decision, detail: `${p.command} runs ${p.resolved}, which this same command writes: its content is not checked` });
    }
    for (const { cmd } of commands) {
      const name = cmd.name?.text ?? '';
      if (name.includes('/') && [...written].some((w) => w.endsWith(name.replace(/^\.\//, '/')))) {
        rules.push({ key: 'builtin.dynamic-code', decision, detail: `${name} is a file this same command writes, then runs: its content is not checked` });
      }
    }
  }
  return [...rules, ...mutualForkBomb(script)];
}

// Shell scripts only: a Python or Node file written and run here is no different from one already in
// the project (the OS sandbox confines both); a shell script could be checked, so it is not waved through.
const runners = new Set(['bash', 'sh', 'dash', 'zsh', 'ksh', 'source', '.']);
function isRunner(program: string): boolean {
  return runners.has(program);
}

/** Functions that call each other in a cycle with something in the background: a fork bomb under many names. */
function mutualForkBomb(script: ParsedScript): RuleMatch[] {
  const byName = new Map(script.functions.map((f) => [f.name, f]));
  const calls = new Map(script.functions.map((f) => [f.name, f.body.map((c) => c.program).filter((p): p is string => p !== undefined && byName.has(p))]));
  for (const start of byName.keys()) {
    const seen = new Set<string>();
    const stack = [...(calls.get(start) ?? [])];
    while (stack.length > 0) {
      const next = stack.pop()!;
      if (next === start && start !== undefined) {
        const cycle = [...seen, start];
        // Spawning: a call in the background, or two calls in one body (a pipeline `b|b` doubles each round).
        const spawns = cycle.some((name) => {
          const body = byName.get(name)?.body ?? [];
          return body.some((c) => c.background) || body.filter((c) => cycle.includes(c.program ?? '')).length >= 2;
        });
        if (spawns && cycle.length > 1) {
          return [{ key: 'builtin.fork-bomb', decision: 'blocked', detail: `functions ${cycle.join(', ')} call each other in the background without bound (a fork bomb)` }];
        }
      }
      if (seen.has(next)) continue;
      seen.add(next);
      stack.push(...(calls.get(next) ?? []));
    }
  }
  return [];
}
