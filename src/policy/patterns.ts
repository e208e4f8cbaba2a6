// blockedPatterns, compiled once per profile. The seeds define a pattern as a substring of the command
// string ("literal" matching). By default ("normalized") a pattern is read as a shell command and
// matched against what the shell would run, so spelling tricks do not get past it and data does not
// trip it. Shapes: a simple command ("rm -rf /", "sudo", "chmod 777"), a write redirection ("> /dev/"),
// a self-spawning function (the fork bomb, under any name); anything else falls back to substrings.
import { posix } from 'node:path';
import { normalizeArgs, programFamilies, type NormalizedCommand } from './normalize.js';
import { own } from '../util/own.js';

export type CompiledPattern =
  | { kind: 'command'; source: string; index: number; program: string; flags: Set<string>; operands: string[] }
  | { kind: 'write-redirect'; source: string; index: number; targetPrefix: string }
  | { kind: 'fork-bomb'; source: string; index: number }
  | { kind: 'substring'; source: string; index: number };

const shellMeta = /[|;&(){}<>$`\\"'*?[\]]/;

function literalWord(text: string) {
  return { raw: text, text, literal: true, glob: false };
}

/** Compiles one pattern; `home` expands a leading ~ in operands. */
export function compilePattern(source: string, index: number, home: string): CompiledPattern {
  const trimmed = source.trim();
  const redirect = /^(?:\d*)(>>?|>\||&>>?)\s*(\S+)$/.exec(trimmed);
  if (redirect) {
    let target = redirect[2]!;
    if (target.startsWith('/')) target = posix.normalize(target);
    return { kind: 'write-redirect', source, index, targetPrefix: target };
  }
  if (/\(\)\s*\{/.test(trimmed) && /[|&]/.test(trimmed)) return { kind: 'fork-bomb', source, index };
  const tokens = trimmed.split(/\s+/).filter(Boolean);
  if (tokens.length === 0 || tokens.some((t) => shellMeta.test(t.replace(/^~/, '')))) {
    return { kind: 'substring', source, index };
  }
  const program = posix.basename(tokens[0]!);
  const n = normalizeArgs(program, tokens.slice(1).map(literalWord), home);
  return { kind: 'command', source, index, program, flags: n.flags, operands: n.operands };
}

function programMatches(pattern: string, actual: string, isLastToken: boolean, family?: string): boolean {
  const program = family ?? own(programFamilies, actual) ?? actual;
  if (program === pattern || actual === pattern) return true;
  // A one-word pattern keeps the substring rule's reach over variants: "mkfs" matches mkfs.ext4.
  return isLastToken && program.startsWith(pattern) && /^[.\-_]/.test(program.slice(pattern.length));
}

function operandsMatch(pattern: string[], operands: string[]): boolean {
  let j = 0;
  for (let i = 0; i < pattern.length; i++) {
    const last = i === pattern.length - 1;
    const want = pattern[i]!;
    // The last operand matches as a prefix, as a substring of the command would: "rm -rf /" matches "rm -rf /tmp/x".
    while (j < operands.length && !(last ? operands[j]!.startsWith(want) : operands[j] === want)) j++;
    if (j === operands.length) return false;
    j++;
  }
  return true;
}

export type CommandMatch = 'match' | 'could-match' | 'no';

/** Matches a 'command' pattern against one normalized command. `openEnded`: more operands come at run time (xargs). */
export function matchCommand(p: Extract<CompiledPattern, { kind: 'command' }>, cmd: NormalizedCommand, openEnded: boolean): CommandMatch {
  // For-loop words with known values: the strictest result over every combination of them.
  if (cmd.variants) {
    let best: CommandMatch = 'no';
    for (const v of cmd.variants) {
      const m = matchCommand(p, v, openEnded);
      if (m === 'match') return m;
      if (m === 'could-match') best = m;
    }
    return best;
  }
  const isLastToken = p.flags.size === 0 && p.operands.length === 0;
  if (!programMatches(p.program, cmd.program, isLastToken, cmd.family)) return 'no';
  const flagsOk = [...p.flags].every((f) => cmd.flags.has(f));
  const operandsOk = operandsMatch(p.operands, cmd.operands);
  if (flagsOk && operandsOk) return 'match';
  // SECURITY: a word we cannot see ($FLAGS, "$@", $(...)) may become exactly the missing flag or operand.
  if (cmd.hasDynamicArgs) return 'could-match';
  if (openEnded && flagsOk && p.operands.length > 0) return 'could-match';
  return 'no';
}
