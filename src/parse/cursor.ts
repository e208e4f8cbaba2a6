// The pre-pass's reading position and what it learns on the way (comments, which variables are
// assigned or touched, so only single-assignment constants are folded later).

import { placeholder, MAX_PLACEHOLDERS, type Segment } from './segments.js';

export interface LexStats {
  comments: string[];
  /** How many times each NAME= / NAME+= / NAME[..]= assignment appears anywhere in the script. */
  assignCounts: Map<string, number>;
  /** Names also touched some other way (for, read, arithmetic, +=, bare name argument): never folded. */
  poisoned: Set<string>;
}

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

export function newStats(): LexStats {
  return { comments: [], assignCounts: new Map(), poisoned: new Set() };
}

export function countAssign(stats: LexStats, name: string): void {
  stats.assignCounts.set(name, (stats.assignCounts.get(name) ?? 0) + 1);
}

export const isBlank = (ch: string | undefined): boolean => ch === ' ' || ch === '\t';
