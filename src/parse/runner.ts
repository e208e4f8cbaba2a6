// The Runner: how analyze.ts hands code strings (sh -c, eval...) and wrapped argv (sudo, xargs...)
// back to be walked, one nesting level deeper, failing closed at the depth cap.

import { CapError, LexError } from './cursor.js';
import { lexScript } from './lex-script.js';
import { addUnknown, clip, LIMITS, type Frame, type ParseState } from './state.js';
import type { SimpleCommand } from './types.js';
import { emit, programOf, walkLexed, type Runner } from './walk.js';

/** A Runner over a parse state: how nested code and wrapped argv get walked. */
export function makeRunner(st: ParseState): Runner {
  const run: Runner = {
    st,
    code(text, via, frame, outer) {
      const source = outer.source;
      const inner: Frame = { ...frame, depth: frame.depth + 1, via: [...outer.via, via], isolated: true, pipeline: false, background: false, stdin: undefined, redirects: [], hereDocs: [] };
      if (inner.depth > LIMITS.maxDepth) {
        addUnknown(st, 'too-complex', `nested more than ${LIMITS.maxDepth} levels deep`, clip(source));
        return;
      }
      // SECURITY: only eval runs its code here and now; other code (sh -c, trap, alias, ssh) runs in
      // another process or later, where a loop variable has another value or none.
      const loops = st.loops;
      if (via !== 'eval') st.loops = [];
      try {
        walkLexed(run, lexScript({ s: text, pos: 0, stats: st.stats, nest: 0 }, null), inner);
      } catch (e) {
        if (e instanceof LexError) addUnknown(st, 'unparseable', `${via}: ${e.message}`, clip(source));
        else if (e instanceof CapError) addUnknown(st, 'too-complex', `${via}: ${e.message}`, clip(source));
        else throw e;
      } finally {
        st.loops = loops;
      }
    },
    argv(words, via, frame, outer, appendsUnknownArgs) {
      const name = words[0];
      if (!name) return;
      const inner: Frame = { ...frame, depth: frame.depth + 1 };
      if (inner.depth > LIMITS.maxDepth) {
        addUnknown(st, 'too-complex', `nested more than ${LIMITS.maxDepth} levels deep`, clip(outer.source));
        return;
      }
      const cmd: SimpleCommand = {
        name,
        program: programOf(name),
        args: words.slice(1),
        assignments: [],
        redirects: outer.redirects,
        hereDocs: outer.hereDocs,
        via: [...outer.via, via],
        source: words.map((w) => w.raw).join(' '),
      };
      if (appendsUnknownArgs) cmd.appendsUnknownArgs = true;
      if (outer.background) cmd.background = true;
      emit(run, cmd, inner);
    },
  };
  return run;
}
