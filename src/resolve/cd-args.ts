// How cd and pushd read their words, and the shell option that makes them physical. bash's cd is
// logical (`cd link/..` goes back where it started) unless -P is given or `set -P` / `set -o physical`
// is on; then the link is resolved first and `..` climbs from its target (probed in bash 5.2).
import type { SimpleCommand, Word } from '../parse/types.js';

/** Whether cd resolves symlinks: surely not, surely, or it depends on what ran (a branch, a variable). */
export type Physical = 'logical' | 'physical' | 'either';

/** Letters of cd's and pushd's options (-n: pushd adds to the stack without changing directory). */
const CD_OPTION = /^-[LPe@n]+$/;

export interface CdArgs {
  /** The directory operand (or `-`, `+N`, `-N`), if any. */
  target: Word | undefined;
  /** What its own flags say: the last of -L / -P wins; undefined when they say nothing. */
  physical: Physical | undefined;
  /** pushd -n: the directory is only put on the stack. */
  noChange: boolean;
}

/** Reads cd's or pushd's options up to `--` or the first operand. */
export function cdArgs(cmd: SimpleCommand): CdArgs {
  let physical: Physical | undefined;
  let noChange = false;
  for (let i = 0; i < cmd.args.length; i++) {
    const a = cmd.args[i]!;
    if (a.text === '--') return { target: cmd.args[i + 1], physical, noChange };
    const texts = a.literal ? [a.text] : a.candidates;
    // SECURITY: a flag word from a loop (`for o in -P; do cd $o link/..`) may turn physical on.
    if (texts && texts.length > 0 && texts.every((t) => CD_OPTION.test(t) && !/^-\d/.test(t))) {
      const last = texts.map((t) => t.replace(/[^LP]/g, '').slice(-1));
      if (last.every((l) => l === 'P')) physical = 'physical';
      else if (last.every((l) => l === 'L')) physical = 'logical';
      else if (last.some((l) => l === 'P')) physical = 'either';
      if (texts.some((t) => t.includes('n'))) noChange = cmd.program === 'pushd';
      continue;
    }
    return { target: a, physical, noChange };
  }
  return { target: undefined, physical, noChange };
}

/** Shells that take set's letters on their command line (`bash -P -c '..'`, `bash -o physical`). */
const SHELLS = new Set(['bash', 'sh', 'dash', 'zsh', 'ksh', 'mksh', 'rbash']);

/**
 * A shell started with -P or -o physical: the commands of its script (listed after it) may be physical.
 * Taken as either way for the rest, since where its script ends is not tracked here.
 */
function startsPhysical(cmd: SimpleCommand): boolean {
  for (let i = 0; i < cmd.args.length; i++) {
    const t = cmd.args[i]!.text;
    if (!/^[-+][A-Za-z]+$/.test(t) || t === '-c' || t.endsWith('c')) return /^-[A-Za-z]*P/.test(t);
    if (t.startsWith('-') && t.includes('P')) return true;
    if (t.endsWith('o') && cmd.args[++i]?.text === 'physical') return true;
  }
  return false;
}

/** The `physical` shell option after `cmd` (set -P, set -euP, set -o physical, shopt -so physical). */
export function nextPhysical(state: Physical, cmd: SimpleCommand): Physical {
  const p = cmd.program;
  if (p !== undefined && SHELLS.has(p)) return startsPhysical(cmd) ? 'either' : state;
  if (p !== 'set' && p !== 'shopt') return state;
  let to: Physical | undefined;
  const args = cmd.args;
  if (args.some((a) => !a.literal)) {
    // SECURITY: `set -$flags` may hold P.
    if (args.some((a) => !a.literal && (a.candidates === undefined || a.candidates.some((c) => /P|physical/.test(c))))) to = 'either';
  } else if (p === 'set') {
    for (let i = 0; i < args.length; i++) {
      const t = args[i]!.text;
      if (t === '--' || t === '-') break;
      if (!/^[-+][A-Za-z]*$/.test(t)) break;
      const sign: Physical = t.startsWith('-') ? 'physical' : 'logical';
      if (t.includes('P')) to = sign;
      // -o NAME, also at the end of a cluster (set -eo physical).
      if (t.endsWith('o') && t.length > 1 && args[++i]?.text === 'physical') to = sign;
    }
  } else {
    // shopt -o NAME works on set's options: -s sets, -u unsets (-so, -os, -s -o).
    const flags = args.filter((a) => a.text.startsWith('-')).map((a) => a.text).join('');
    if (flags.includes('o') && args.some((a) => a.text === 'physical')) {
      if (flags.includes('s')) to = 'physical';
      else if (flags.includes('u')) to = 'logical';
    }
  }
  if (to === undefined) return state;
  // One that may not run leaves either state possible.
  return cmd.flow && to !== state ? 'either' : to;
}
