import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScript } from '../../src/parse/index.js';

// Scripts built from known commands in random structure: every one of them must come back, and
// nothing from a here-doc body may. This is the "a command missing from `commands` is a hole" claim.

const name = fc.constantFrom('rm', 'curl', 'chmod', 'dd', 'mv', 'cp', 'git', 'kill', 'tee', 'ls');
const arg = fc.constantFrom('-rf', '/tmp/x', '"a b"', "'c d'", '$HOME', '--force', 'x#y', '{a,b}', '"$(echo q)"', '2>/dev/null', '> out');

type Piece = { text: string; names: string[] };
const simple: fc.Arbitrary<Piece> = fc.tuple(name, fc.array(arg, { maxLength: 3 })).map(([n, args]) => ({
  text: [n, ...args].join(' '),
  names: [n, ...args.filter((a) => a.includes('$(echo')).map(() => 'echo')],
}));

const piece: fc.Arbitrary<Piece> = fc.letrec<{ p: Piece }>((tie) => ({
  p: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    simple,
    fc.tuple(tie('p'), fc.constantFrom(' ; ', ' && ', ' || ', ' | ', '\n', ' & '), tie('p')).map(([a, op, b]) => ({ text: `${a.text}${op}${b.text}`, names: [...a.names, ...b.names] })),
    tie('p').map((a) => ({ text: `{ ${a.text}; }`, names: a.names })),
    tie('p').map((a) => ({ text: `( ${a.text} )`, names: a.names })),
    fc.tuple(tie('p'), tie('p')).map(([a, b]) => ({ text: `if ${a.text}; then ${b.text}; fi`, names: [...a.names, ...b.names] })),
    tie('p').map((a) => ({ text: `while false; do ${a.text}; done`, names: ['false', ...a.names] })),
    tie('p').map((a) => ({ text: `echo "$( ${a.text} )"`, names: ['echo', ...a.names] })),
    tie('p').map((a) => ({ text: `sh -c '${a.text.replace(/'/g, `'\\''`)}'`, names: ['sh', ...a.names] })),
    tie('p').map((a) => ({ text: `cat > f <<'EOF'\nrm -rf / && shutdown now\nEOF\n${a.text}`, names: ['cat', ...a.names] })),
    tie('p').map((a) => ({ text: `case "$x" in a|b) ${a.text};; *) ;; esac`, names: a.names })),
    tie('p').map((a) => ({ text: `for i in 1 2; do ${a.text}; done`, names: a.names })),
    tie('p').map((a) => ({ text: `f() { ${a.text}; }`, names: a.names })),
    tie('p').map((a) => ({ text: `! ${a.text}`, names: a.names })),
    tie('p').map((a) => ({ text: `diff <( ${a.text} ) y`, names: ['diff', ...a.names] })),
  ),
})).p;

const sorted = (xs: Array<string | undefined>): string[] => xs.map((x) => x ?? '?').sort();

describe('no command is ever dropped or invented', () => {
  it('reports exactly the commands of randomly structured scripts', () => {
    fc.assert(
      fc.property(piece, (p) => {
        const r = parseScript(p.text);
        expect(r.unknowns.filter((u) => u.kind === 'unparseable')).toEqual([]);
        expect(sorted(r.commands.filter((c) => c.via.length === 0 || c.via.at(-1) === '$(...)' || c.via.at(-1) === 'sh -c' || c.via.at(-1) === '<(...)').map((c) => c.program))).toEqual(sorted(p.names));
      }),
      { numRuns: 1500 },
    );
  });
});
