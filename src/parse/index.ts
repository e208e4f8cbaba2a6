// parseScript: every simple command a bash script could run, normalized, with everything it cannot
// see into reported as an Unknown. Never throws: any failure becomes an Unknown (fail closed).

import { CapError, LexError, newStats } from './cursor.js';
import { lexScript } from './lex-script.js';
import { addUnknown, clip, LIMITS, variantBudget, type Frame, type ParseContext, type ParseState } from './state.js';
import type { ParsedScript } from './types.js';
import { makeRunner } from './runner.js';
import { walkLexed } from './walk.js';

/** The contract types (types.ts) and the context parseScript takes. */
export type { ParseContext } from './state.js';
export { LIMITS } from './state.js';
export { commandVariants, hasCandidates, MAX_VARIANTS, wordVariants } from './candidates.js';
export type * from './types.js';

const TOP: Frame = { depth: 0, via: [], isolated: false, pipeline: false, background: false, stdin: undefined, redirects: [], hereDocs: [] };

/** Parse a bash script into its simple commands (see types.ts for every field). */
export function parseScript(source: string, context: ParseContext = {}): ParsedScript {
  const src = typeof source === 'string' ? source : String(source);
  const st: ParseState = {
    commands: [],
    functions: [],
    unknowns: [],
    stats: newStats(),
    vars: new Map(),
    varScopes: new Map(),
    arrays: new Map(),
    positional: undefined,
    ctxVars: { ...(context.vars ?? {}) },
    fnStack: [],
    docText: new WeakMap(),
    capped: false,
    loops: [],
    loopSeq: 0,
    variantBudget: variantBudget(src),
  };
  const result = (): ParsedScript => ({ source: src, commands: st.commands, functions: st.functions, comments: st.stats.comments, unknowns: st.unknowns });
  if (src.length > LIMITS.maxSourceBytes) {
    addUnknown(st, 'too-complex', `script is larger than ${LIMITS.maxSourceBytes} bytes`, clip(src));
    return result();
  }
  try {
    const lexed = lexScript({ s: src, pos: 0, stats: st.stats, nest: 0 }, null);
    walkLexed(makeRunner(st), lexed, TOP);
  } catch (e) {
    // SECURITY: whatever went wrong, the script is reported as something we could not see into.
    if (e instanceof LexError) addUnknown(st, 'unparseable', e.message, clip(src));
    else if (e instanceof CapError || e instanceof RangeError) addUnknown(st, 'too-complex', e.message, clip(src));
    else addUnknown(st, 'unparseable', `internal parse error: ${e instanceof Error ? e.message : String(e)}`, clip(src));
  }
  return result();
}
