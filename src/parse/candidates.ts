// Words with candidates (loop-vars.ts) made literal, one combination at a time, for the consumers
// that judge literal commands: the resolver (which words are paths, where they point) and the pattern
// matcher (which flags and operands a command gets). A candidate can change a command's shape (a
// value "-o" turns the next word into an output file), so each combination is judged whole.

import type { SimpleCommand, Word } from './types.js';
import { programOf } from './walk.js';

/** Most combinations one command is expanded to; beyond, its words stay unknown (fail closed). */
export const MAX_VARIANTS = 1024;

/** True if some word of the command (name, argument or redirection target) has candidates. */
export function hasCandidates(cmd: SimpleCommand): boolean {
  return cmd.name?.candidates !== undefined || cmd.args.some((a) => a.candidates !== undefined) || cmd.redirects.some((r) => r.target.candidates !== undefined);
}

/**
 * Every combination of the words' candidates as literal words (words with the same candidateKey take
 * the same pass; words without candidates are kept as they are). Undefined when no word has
 * candidates, or when there would be more than MAX_VARIANTS combinations.
 */
export function wordVariants(words: Word[]): Word[][] | undefined {
  const groups = new Map<string, number>();
  for (const w of words) {
    if (w.candidates !== undefined) groups.set(w.candidateKey ?? '', Math.max(groups.get(w.candidateKey ?? '') ?? 0, w.candidates.length));
  }
  if (groups.size === 0) return undefined;
  const keys = [...groups.keys()];
  const sizes = keys.map((k) => groups.get(k) as number);
  let total = 1;
  for (const n of sizes) {
    total *= n;
    if (total > MAX_VARIANTS) return undefined;
  }
  const index = keys.map(() => 0);
  const slot = new Map(keys.map((k, i) => [k, i]));
  const out: Word[][] = [];
  for (let n = 0; n < total; n++) {
    out.push(
      words.map((w) => {
        if (w.candidates === undefined) return w;
        const i = index[slot.get(w.candidateKey ?? '') as number] as number;
        // A shorter list under the same key cannot happen (same loops, same product); fail closed if it does.
        const text = w.candidates[i];
        return text === undefined ? w : { raw: w.raw, text, literal: true, glob: w.glob };
      }),
    );
    for (let k = keys.length - 1; k >= 0; k--) {
      index[k] = (index[k] as number) + 1;
      if ((index[k] as number) < (sizes[k] as number)) break;
      index[k] = 0;
    }
  }
  return out;
}

/** How many combinations of candidates a command has (1 when none), counting up to MAX_VARIANTS + 1. */
export function variantCount(cmd: SimpleCommand): number {
  const groups = new Map<string, number>();
  for (const w of [cmd.name, ...cmd.args, ...cmd.redirects.map((r) => r.target)]) {
    if (w?.candidates !== undefined) groups.set(w.candidateKey ?? '', Math.max(groups.get(w.candidateKey ?? '') ?? 0, w.candidates.length));
  }
  let total = 1;
  for (const n of groups.values()) total = Math.min(total * n, MAX_VARIANTS + 1);
  return total;
}

/** Take the candidates off every word of a command: its loop words are plainly unknown again. */
export function dropCandidates(cmd: SimpleCommand): void {
  for (const w of [cmd.name, ...cmd.args, ...cmd.redirects.map((r) => r.target)]) {
    if (w?.candidates === undefined) continue;
    delete w.candidates;
    delete w.candidateKey;
  }
}

/** The command once per combination of its candidates (see wordVariants), or undefined. */
export function commandVariants(cmd: SimpleCommand): SimpleCommand[] | undefined {
  const head = cmd.name ? [cmd.name] : [];
  const words = [...head, ...cmd.args, ...cmd.redirects.map((r) => r.target)];
  const variants = wordVariants(words);
  if (!variants) return undefined;
  const argsEnd = head.length + cmd.args.length;
  return variants.map((v) => {
    const name = cmd.name ? v[0] : undefined;
    return {
      ...cmd,
      name,
      program: name === cmd.name ? cmd.program : programOf(name),
      args: v.slice(head.length, argsEnd),
      redirects: cmd.redirects.map((r, i) => ({ ...r, target: v[argsEnd + i] as Word })),
    };
  });
}
