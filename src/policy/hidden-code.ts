// Ways a command runs code the policy never sees as a command: options that take a shell command or
// a script (git -c core.pager=.., tar --to-command, vim -c '!..'), a command name chosen by a glob, a
// file written earlier in the same script and then executed, and functions that spawn each other.
import type { ParsedScript, SimpleCommand } from '../parse/types.js';
import type { ResolvedPath } from '../resolve/index.js';
import type { NormalizedCommand } from './normalize.js';
import type { RuleMatch } from './types.js';
import { own } from '../util/own.js';

/** git config keys whose value later git commands run as a program or shell command. */
const gitCodeKeys = /^(alias\.|core\.(pager|editor|sshcommand|fsmonitor|hookspath|askpass|gitproxy)$|diff\..*\.(textconv|command)$|merge\..*\.driver$|filter\..*\.(clean|smudge|process)$|credential(\..*)?\.helper$|gpg(\..*)?\.program$|sequence\.editor$|pager\.|uploadpack\.packobjectshook$|remote\..*\.(uploadpack|receivepack)$|include\.path$|includeif\.)/i;

/** Files whose content later commands run: git hooks and git's config. */
const codeFiles = /\/\.git\/(hooks\/[^/]+|config)$/;

/** Options whose value is code run by a shell (or an editor command that may shell out). */
const codeOptions: Record<string, { options: string[]; valueTest?: RegExp }> = {
  git: {
    options: ['-c', '--config-env'],
    valueTest: /^(alias\.[^=]*=\s*!|core\.(pager|editor|sshcommand|fsmonitor|hookspath|askpass)=|diff\.[^=]*\.(textconv|command)=|[^=]*\.(command|cmd|helper|program|tool)=|sequence\.editor=|uploadpack\.packobjectshook=)/i,
  },
  tar: { options: ['--to-command', '--checkpoint-action', '--use-compress-program', '-I', '--info-script', '--new-volume-script', '-F', '--rsh-command'] },
  vim: { options: ['-c', '--cmd', '-S'] },
  vi: { options: ['-c', '--cmd', '-S'] },
  nvim: { options: ['-c', '--cmd', '-S'] },
  ex: { options: ['-c', '--cmd'] },
  rsync: { options: ['-e', '--rsh', '--rsync-path'] },
  ssh: { options: ['-o'], valueTest: /^(proxycommand|localcommand|permitlocalcommand|knownhostscommand)/i },
  scp: { options: ['-o', '-S'], valueTest: /^(proxycommand|localcommand|\/|\.)/i },
  zip: { options: ['-TT', '--unzip-command'] },
  man: { options: ['-P', '--pager', '-H', '--html'] },
  less: { options: ['--lesskey-src'] },
  make: { options: ['--eval', 'SHELL'] },
  gdb: { options: ['-ex', '--eval-command', '-x', '--command'] },
  openssl: { options: ['-engine'] },
};

function optionValues(cmd: SimpleCommand, option: string): string[] {
  const out: string[] = [];
  cmd.args.forEach((a, i) => {
    if (a.text === option && cmd.args[i + 1]) out.push(cmd.args[i + 1]!.text);
    else if (a.text.startsWith(`${option}=`)) out.push(a.text.slice(option.length + 1));
    else if (option.length === 2 && !option.startsWith('--') && a.text.startsWith(option) && a.text.length > 2 && !a.text.startsWith('--')) out.push(a.text.slice(2));
  });
  return out;
}

function describeCmd(cmd: SimpleCommand): string {
  const text = [cmd.program ?? '', ...cmd.args.map((a) => a.text)].join(' ');
  return `\`${text.length > 80 ? `${text.slice(0, 77)}...` : text}\``;
}

export function hiddenCodeRules(
  script: ParsedScript,
  commands: Array<{ cmd: SimpleCommand; n: NormalizedCommand }>,
  paths: ResolvedPath[],
  blockedIfUnknown: boolean,
): RuleMatch[] {
  const decision = blockedIfUnknown ? 'blocked' : 'approval-required';
  const rules: RuleMatch[] = [];
  for (const { cmd } of commands) {
    const spec = own(codeOptions, cmd.program!);
    if (spec) {
      for (const option of spec.options) {
        const value = optionValues(cmd, option).find((v) => !spec.valueTest || spec.valueTest.test(v));
        if (value !== undefined) {
          rules.push({ key: 'builtin.inline-code', decision, detail: `${describeCmd(cmd)} runs code given in ${option} (${JSON.stringify(value.slice(0, 60))}), which the policy cannot see into` });
          break;
        }
      }
      if (cmd.program === 'vim' || cmd.program === 'vi' || cmd.program === 'nvim') {
        const plus = cmd.args.find((a) => a.text.startsWith('+') && a.text.length > 1 && !/^\+\d+$/.test(a.text));
        if (plus) rules.push({ key: 'builtin.inline-code', decision, detail: `${describeCmd(cmd)} runs the editor command ${JSON.stringify(plus.text)}` });
      }
    }
    if (cmd.program === 'git' && cmd.args.some((a) => a.text === 'config')) {
      const key = cmd.args.slice(cmd.args.findIndex((a) => a.text === 'config') + 1).find((a) => !a.text.startsWith('-'));
      if (key && (!key.literal || gitCodeKeys.test(key.text))) {
        rules.push({ key: 'builtin.dynamic-code', decision, detail: `${describeCmd(cmd)} sets ${key.text}, a command later git commands run` });
      }
    }
    if (runners.has(cmd.program!)) {
      const fromPipe = cmd.args.find((a) => /^\/(dev\/(fd\/\d+|stdin)|proc\/self\/fd\/\d+)$/.test(a.text));
      if (fromPipe) rules.push({ key: 'builtin.dynamic-code', decision, detail: `${describeCmd(cmd)} runs code read from ${fromPipe.text} (a pipe or process substitution), which the policy cannot see` });
    }
    if (cmd.name?.glob && /[*?]|\[.+\]/.test(cmd.name.raw)) {
      rules.push({ key: 'builtin.dynamic-command', decision, detail: `the command name "${cmd.name.raw}" is a glob: which program runs depends on the files present` });
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
