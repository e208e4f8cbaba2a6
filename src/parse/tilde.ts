// Tilde prefixes bash expands from variables: `~` is $HOME, `~+` is $PWD, `~-` is $OLDPWD, `~N`/`~+N`/
// `~-N` are directory-stack entries. Left as `~` they are judged against the session's home by the
// resolve stage, which is right only while the script leaves HOME alone: `HOME=/tmp/h; cat ~/x` reads
// /tmp/h/x (probed), and `~+` must never be read as a directory named "~+" inside the project.
import { addSegment } from './cursor.js';
import { placeholderIndex, type Segment } from './segments.js';
import type { ParseState } from './state.js';

/** The variable each tilde prefix reads; DIRSTACK (never folded) stands for a stack entry. */
function prefixVariable(user: string): string | undefined {
  if (user === '') return 'HOME';
  if (user === '+') return 'PWD';
  if (user === '-') return 'OLDPWD';
  if (/^[+-]?\d+$/.test(user)) return 'DIRSTACK';
  return undefined; // ~user: the resolve stage reads the passwd file
}

/** True when the script may change NAME (so the session's value no longer holds). */
function touched(st: ParseState, name: string): boolean {
  const s = st.stats;
  return s.assignCounts.has(name) || s.poisoned.has(name) || s.forVars.has(name) || s.dynamicNames;
}

/**
 * A pre-passed word with its unquoted leading tilde prefix replaced by the quoted variable it stands
 * for ("$HOME"), so folding gives its value or, when the value is not known, an unknown part.
 */
export function expandTildePrefix(st: ParseState, segs: Segment[], text: string): string {
  if (!text.startsWith('~')) return text;
  const slash = text.indexOf('/');
  const prefix = slash === -1 ? text : text.slice(0, slash);
  // A quoted or expanded character anywhere in the prefix turns tilde expansion off.
  if ([...prefix].some((ch) => placeholderIndex(ch.codePointAt(0) ?? 0) >= 0)) return text;
  const name = prefixVariable(prefix.slice(1));
  if (name === undefined || (name === 'HOME' && !touched(st, 'HOME'))) return text;
  const param: Segment = { kind: 'param', raw: `\${${name}}`, name, plain: true, nested: [] };
  return addSegment(segs, { kind: 'dq', raw: prefix, parts: [param] }) + text.slice(prefix.length);
}
