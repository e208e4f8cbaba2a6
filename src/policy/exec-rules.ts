// The exec tool's rules over a parsed and resolved script: blocked patterns, unknowns, destructive
// operations, and names that would let one command change what a later one runs.
import type { ParsedScript, SimpleCommand } from '../parse/types.js';
import type { ResolvedPath } from '../resolve/index.js';
import { isHarmlessDevice } from '../resolve/path-programs.js';
import { asWritten } from './allowed-paths.js';
import { destructiveMatches } from './destructive.js';
import { normalizeArgs, type NormalizedCommand } from './normalize.js';
import { matchCommand, type CompiledPattern } from './patterns.js';
import type { Decision, RuleMatch } from './types.js';

export function normalizeAll(script: ParsedScript, home: string): Array<{ cmd: SimpleCommand; n: NormalizedCommand }> {
  const out: Array<{ cmd: SimpleCommand; n: NormalizedCommand }> = [];
  for (const cmd of script.commands) {
    if (cmd.program !== undefined) out.push({ cmd, n: normalizeArgs(cmd.program, cmd.args, home) });
  }
  return out;
}

function render(cmd: SimpleCommand): string {
  return [cmd.program ?? '', ...cmd.args.map((a) => a.text)].join(' ').trim();
}

function describe(cmd: SimpleCommand): string {
  const via = cmd.via.length > 0 ? ` (via ${cmd.via.join(' > ')})` : '';
  const text = render(cmd);
  return `\`${text.length > 80 ? `${text.slice(0, 77)}...` : text}\`${via}`;
}

/** blockedPatterns in "normalized" mode: matched against what the shell would run. */
export function patternRules(
  patterns: CompiledPattern[],
  script: ParsedScript,
  commands: Array<{ cmd: SimpleCommand; n: NormalizedCommand }>,
  paths: ResolvedPath[],
  keyBase: string,
): RuleMatch[] {
  const rules: RuleMatch[] = [];
  for (const p of patterns) {
    const key = `${keyBase}.blockedPatterns[${p.index}]`;
    const quoted = JSON.stringify(p.source);
    let hit: RuleMatch | undefined;
    if (p.kind === 'command') {
      for (const { cmd, n } of commands) {
        const m = matchCommand(p, n, cmd.appendsUnknownArgs === true);
        if (m === 'match') {
          hit = { key, decision: 'blocked', detail: `${describe(cmd)} matches blocked pattern ${quoted}` };
          break;
        }
        if (m === 'could-match' && !hit) {
          hit = { key, decision: 'approval-required', detail: `${describe(cmd)} may match blocked pattern ${quoted} once its unknown arguments are known` };
        }
      }
    } else if (p.kind === 'write-redirect') {
      const target = paths.find(
        (x) => x.access === 'write' && x.resolved.startsWith(p.targetPrefix) && !(x.certainty === 'exact' && isHarmlessDevice(x.resolved, 'write')),
      );
      if (target) hit = { key, decision: 'blocked', detail: `${target.command} writes to ${target.resolved} (from ${asWritten(target.arg)}), matching blocked pattern ${quoted}` };
    } else if (p.kind === 'fork-bomb') {
      const f = script.functions.find((fn) => fn.spawnsItself);
      if (f) hit = { key, decision: 'blocked', detail: `function ${f.name} spawns copies of itself (a fork bomb), matching blocked pattern ${quoted}` };
    } else {
      const cmd = commands.find(({ cmd }) => render(cmd).includes(p.source))?.cmd;
      if (script.source.includes(p.source)) hit = { key, decision: 'blocked', detail: `the command contains blocked pattern ${quoted}` };
      else if (cmd) hit = { key, decision: 'blocked', detail: `${describe(cmd)} contains blocked pattern ${quoted}` };
    }
    if (hit) rules.push(hit);
    else if (script.source.includes(p.source.trim())) {
      rules.push({ key, decision: 'allow', detail: `${quoted} appears in the text only as data (not as a command that would run)` });
    }
  }
  return rules;
}

/** blockedPatterns in "literal" mode (the seeds' rule), and for input the parser could not read. */
export function literalPatternRules(patterns: string[], source: string, keyBase: string): RuleMatch[] {
  const rules: RuleMatch[] = [];
  patterns.forEach((p, i) => {
    if (source.includes(p)) rules.push({ key: `${keyBase}.blockedPatterns[${i}]`, decision: 'blocked', detail: `the command contains blocked pattern ${JSON.stringify(p)}` });
  });
  return rules;
}

/** What the analysis could not see into: asked about (or blocked in locked mode); a cap always blocks. */
export function unknownRules(script: ParsedScript, locked: boolean): RuleMatch[] {
  return script.unknowns.map((u) => {
    const decision: Decision = u.kind === 'too-complex' || locked ? 'blocked' : 'approval-required';
    const suffix = decision === 'blocked' && u.kind !== 'too-complex' ? ' (locked mode blocks what it cannot check)' : '';
    return { key: `builtin.${u.kind}`, decision, detail: `${u.detail}${suffix}` };
  });
}

/** The sandboxed mode's approval trigger. */
export function destructiveRules(commands: Array<{ cmd: SimpleCommand; n: NormalizedCommand }>, paths: ResolvedPath[]): RuleMatch[] {
  const rules: RuleMatch[] = [];
  for (const { cmd, n } of commands) {
    // An unknown argument may be the very flag or operand (--force, +ref): show it as written, and say
    // the match may come from it, not that the command surely is destructive.
    const unknown = cmd.args.filter((a) => !a.literal).map((a) => a.raw);
    const shown = unknown.length ? { ...cmd, args: cmd.args.map((a) => (a.literal ? a : { ...a, text: a.raw })) } : cmd;
    const may = unknown.length ? ` (or may: ${unknown.join(' ').slice(0, 60)} is not known until it runs)` : '';
    for (const rule of destructiveMatches(n)) {
      rules.push({ key: 'security.mode', decision: 'approval-required', detail: `sandboxed mode: ${describe(shown)} ${rule.reason}${may} (destructive: ${rule.id})` });
    }
  }
  for (const p of paths) {
    if (p.overwritesExisting) {
      rules.push({ key: 'security.mode', decision: 'approval-required', detail: `sandboxed mode: ${p.command} overwrites the existing file ${p.resolved} (destructive: overwrite)` });
    }
  }
  return rules;
}
