// The pre-pass's reading position and what it learns on the way (comments, which variables are
// assigned or touched, so only single-assignment constants are folded later).

import { placeholder, MAX_PLACEHOLDERS, type Segment } from './segments.js';

/** What the pre-pass learns about the whole script while it reads it. */
export interface LexStats {
  comments: string[];
  /** How many times each NAME= / NAME+= / NAME[..]= assignment appears anywhere in the script. */
  assignCounts: Map<string, number>;
  /** Names also touched some other way (select, read, arithmetic, +=, bare name argument): never folded. */
  poisoned: Set<string>;
  /** How many `for NAME in` heads bind each name (never folded; a loop variable bound once may get candidates). */
  forVars: Map<string, number>;
  /**
   * Set when a variable may be set under a name we cannot see: a nameref (declare -n) or a dynamic
   * name operand (read "$r", printf -v "$r", unset $r). Then no variable is folded.
   */
  dynamicNames: boolean;
}

/** The string being pre-passed and the reading position in it. */
export interface Cursor {
  s: string;
  pos: number;
  stats: LexStats;
  /** How many nested scripts ($(..), `..`, <(..)) enclose this position. */
  nest: number;
}

/** Input bash would reject (or that we cannot read): the caller reports it as 'unparseable'. */
export class LexError extends Error {
  override name = 'LexError';
}

/** A size/depth cap of the pre-pass was hit: the caller reports 'too-complex'. */
export class CapError extends Error {
  override name = 'CapError';
}

/** Most nested scripts the pre-pass follows before it gives up (fail closed). */
export const MAX_LEX_NEST = 64;

/** Add a segment to the table and return the placeholder character that stands for it. */
export function addSegment(segs: Segment[], seg: Segment): string {
  if (segs.length >= MAX_PLACEHOLDERS) throw new CapError('too many quoted or expanded pieces in one script');
  segs.push(seg);
  return placeholder(segs.length - 1);
}

/** Empty statistics for a new parseScript call. */
export function newStats(): LexStats {
  return { comments: [], assignCounts: new Map(), poisoned: new Set(), forVars: new Map(), dynamicNames: false };
}

/** Count one assignment to NAME (a name assigned more than once is never folded). */
export function countAssign(stats: LexStats, name: string): void {
  stats.assignCounts.set(name, (stats.assignCounts.get(name) ?? 0) + 1);
}

/** Space or tab: the blanks that separate words. */
export const isBlank = (ch: string | undefined): boolean => ch === ' ' || ch === '\t';
