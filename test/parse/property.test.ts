import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScript } from '../../src/parse/index.js';
import { wellFormed } from './helpers.js';

const shellish = fc
  .array(
    fc.oneof(
      fc.constantFrom('rm', 'sudo', 'sh', '-c', 'eval', 'x=1', '$x', '${x:-y}', '$(', ')', '`', "'", '"', '\\', '$\'\\x72\'', '{a,b}', '<<EOF', '<<\'EOF\'', 'EOF', '<<<', '<(', '>(', '|', '|&', '&&', '||', ';', '&', '\n', '(', '{', '}', '[[', ']]', '((', '))', 'if', 'then', 'fi', 'for', 'in', 'do', 'done', 'case', 'esac', ';;', 'function', '#', '>', '>>', '2>&1', '&>', 'a=(', '*', '$((1+2))', '\uE000', '!', 'xargs', 'find', '-exec', '\\;', 'python3', '-e', 'awk'),
      fc.string({ maxLength: 6 }),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(' '));

describe('parseScript never throws and always returns a well-formed result', () => {
  it('for arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        const r = parseScript(s);
        expect(wellFormed(r)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('for arbitrary unicode strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
        expect(wellFormed(parseScript(s))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('for shell-ish generated strings', () => {
    fc.assert(
      fc.property(shellish, (s) => {
        const r = parseScript(s);
        expect(wellFormed(r)).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it('never reports a clean result for a script bash itself rejects as a whole', () => {
    // Unbalanced openers: bash -n fails on every one of these; we must say unparseable, not "nothing".
    for (const s of ['echo $(', 'echo "', "echo '", 'echo `', 'if true; then', 'a && ', '( ls', 'echo ${x', 'cat <(ls']) {
      expect(parseScript(s).unknowns.map((u) => u.kind)).toEqual(['unparseable']);
    }
  });
});
