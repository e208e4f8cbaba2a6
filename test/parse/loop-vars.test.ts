import { describe, expect, it } from 'vitest';
import { commandVariants, parseScript, wordVariants } from '../../src/parse/index.js';
import type { Word } from '../../src/parse/types.js';
import { wordText } from './helpers.js';

/** A word as these tests write it: its text, then its candidates in braces (and * when they are globs). */
function show(w: Word): string {
  if (!w.candidates) return wordText(w);
  return `${wordText(w)}{${w.candidates.join('|')}}${w.glob ? '*' : ''}`;
}

/** Every command as "program args > redirect-targets", with candidates shown. */
function shown(script: string): string[] {
  return parseScript(script).commands.map((c) =>
    [c.name ? show(c.name) : '', ...c.args.map(show), ...c.redirects.map((r) => `${r.op} ${show(r.target)}`)].join(' ').trim(),
  );
}

describe('a for loop over literal words gives its variable candidates in the body', () => {
  const table: Array<[string, string, string[]]> = [
    ['a glob list, quoted reference', 'for f in src/*.ts; do wc -l "$f"; done', ['wc -l ?{src/*.ts}*']],
    ['two files, quoted, with text around', 'for f in a.txt b.txt; do cat "$f"; echo "== $f"; done', ['cat ?{a.txt|b.txt}', 'echo == ?{== a.txt|== b.txt}']],
    ['${f} and text on both sides', 'for f in a b; do cp "${f}" "out/$f.bak"; done', ['cp ?{a|b} out/?.bak{out/a.bak|out/b.bak}']],
    ['unquoted, values that neither split nor glob', 'for x in -rf; do rm $x build; done', ['rm ?{-rf} build']],
    ['unquoted with unquoted text around', 'for d in src test; do ls $d/lib; done', ['ls ?/lib{src/lib|test/lib}']],
    ['a redirection target', 'for f in a b; do sort "$f" > "$f.sorted"; done', ['sort ?{a|b} > ?.sorted{a.sorted|b.sorted}']],
    ['brace expansion in the list', 'for f in {a,b}.md; do cat "$f"; done', ['cat ?{a.md|b.md}']],
    ['a quoted list word with a blank, used quoted', 'for f in "my file.txt"; do cat "$f"; done', ['cat ?{my file.txt}']],
    ['a folded constant in the list', 'd=docs; for f in $d/a $d/b; do cat "$f"; done', ['cat ?{docs/a|docs/b}']],
    ['unquoted ~ in the list', 'for f in ~/.bashrc; do cat "$f"; done', ['cat ?{~/.bashrc}']],
    ['nested loops: every combination', 'for a in x y; do for b in 1 2; do cat "$a/$b" "$b"; done; done', ['cat ?/?{x/1|x/2|y/1|y/2} ?{1|2}']],
    ['eval of literal code in the body', `for f in a; do eval 'cat "$f"'; done`, ['eval cat "$f"', 'cat ?{a}']],
    ['a substitution in the body inherits the value', 'for f in a; do echo "$(cat "$f")"; done', ['echo ?', 'cat ?{a}']],
    ['the command name', 'for c in ls; do $c -l; done', ['?{ls} -l']],
  ];
  it.each(table)('%s', (_title, script, expected) => {
    expect(shown(script).filter((c) => c !== '')).toEqual(expected);
  });
});

describe('no candidates where the value is not surely one of the list', () => {
  const table: Array<[string, string, string[]]> = [
    ['the body assigns the variable', 'for f in src/*; do f=/etc/passwd; cat "$f"; done', ['cat ?']],
    ['read into it', 'for f in a; do read -r f < x; cat "$f"; done', ['read -r f < x', 'cat ?']],
    ['read into it, quoted name', 'for f in a; do read "f" < x; cat "$f"; done', ['read f < x', 'cat ?']],
    ['read through a name in a variable', 'r=f; for f in a; do read "$r" < x; cat "$f"; done', ['read ? < x', 'cat ?']],
    ['printf -v with the name attached', 'for f in a; do printf -vf %s /etc/passwd; cat "$f"; done', ['printf -vf %s /etc/passwd', 'cat ?']],
    ['a nameref', 'for f in a; do declare -n g=f; g=/etc/passwd; cat "$f"; done', ['declare -n g=f', 'cat ?']],
    ['declare behind builtin', 'for f in a; do builtin declare f=/x; cat "$f"; done', ['builtin declare f=/x', 'declare f=/x', 'cat ?']],
    ['unset', 'for f in a; do unset f; cat "$f"; done', ['unset f', 'cat ?']],
    ['eval sets it after the use, on the next pass', `for f in a b; do cat "$f"; eval 'f=/etc/passwd'; done`, ['cat ?', 'eval f=/etc/passwd']],
    ['a trap sets it', `trap 'f=/etc/passwd' ERR; for f in a; do cat "$f"; done`, ['trap f=/etc/passwd ERR', 'cat ?']],
    ['${f:=..} assigns', 'for f in a; do echo ${f:=/x}; cat "$f"; done', ['echo ?', 'cat ?']],
    ['arithmetic on it', 'for i in 1 2; do (( i++ )); cat "$i"; done', ['cat ?']],
    ['the same name in a nested loop', 'for f in a; do for f in /etc/passwd; do :; done; cat "$f"; done', [':', 'cat ?']],
    ['the same name in a later loop', 'for f in a; do cat "$f"; done; for f in b; do cat "$f"; done', ['cat ?', 'cat ?']],
    ['a function setting it', 'g() { f=/etc/passwd; }; for f in a; do g; cat "$f"; done', ['g', 'cat ?']],
    ['after the loop', 'for f in ok.txt; do cat "$f"; done; cat "$f"', ['cat ?{ok.txt}', 'cat ?']],
    ['for without in', 'for f; do cat "$f"; done', ['cat ?']],
    ['C-style for', 'for ((i=0;i<3;i++)); do cat "$i"; done', ['cat ?']],
    ['select', 'select f in a b; do cat "$f"; done', ['cat ?']],
    ['while read', 'ls | while read f; do cat "$f"; done', ['ls', 'read f', 'cat ?']],
    ['a command substitution in the list', 'for f in $(ls); do cat "$f"; done', ['ls', 'cat ?']],
    ['an unknown variable in the list', 'for f in $DIRS; do cat "$f"; done', ['cat ?']],
    ['another unknown in the word', 'for f in a; do cat "$d/$f"; done', ['cat ?/?']],
    ['${f/.ts/} (a substitution) is not evaluated', 'for f in a.ts; do cat "${f/.ts/}"; done', ['cat ?']],
    ['unquoted glob value: file names split and glob again', 'for f in src/*.ts; do wc -l $f; done', ['wc -l ?']],
    ['unquoted value with a blank', 'for x in "-r -f"; do rm $x b; done', ['rm ? b']],
    ['unquoted empty value', 'for x in "" a; do rm $x b; done', ['rm ? b']],
    ['a quoted * in the list (a literal star)', 'for f in "*"; do cat "$f"; done', ['cat ?']],
    ['a quoted ~ in the list', 'for f in "~/x"; do cat "$f"; done', ['cat ?']],
    ['IFS changed, unquoted use', 'IFS=/; for f in a/b; do cat $f; done', ['cat ?']],
    ['a variable the shell sets itself', 'for REPLY in a; do read; cat "$REPLY"; done', ['read', 'cat ?']],
    ['inside sh -c (another process)', `for f in a; do sh -c 'cat "$f"'; done`, ['sh -c cat "$f"', 'cat ?']],
    ['inside a function defined in the loop', 'for f in a; do g() { cat "$f"; }; done', ['cat ?']],
    ['a substitution assigns it', 'for f in a; do x=$(f=1); cat "$f"; done', ['cat ?']],
  ];
  it.each(table)('%s', (_title, script, expected) => {
    expect(shown(script).filter((c) => c !== '')).toEqual(expected);
  });
});

describe('candidates stay non-literal and keep the glob meaning', () => {
  it('marks a quoted reference to a glob value as a non-literal glob word', () => {
    const [cmd] = parseScript('for f in src/*.ts README.md; do cat "$f"; done').commands;
    expect(cmd?.args[0]).toEqual({ raw: '"$f"', text: '\u0000', literal: false, glob: true, unknowns: ['$f'], candidates: ['src/*.ts', 'README.md'], candidateKey: '1' });
  });

  it('keeps 5000 values out of candidates (too many to judge one by one)', () => {
    const list = Array.from({ length: 5000 }, (_, i) => String(i)).join(' ');
    const [cmd] = parseScript(`for i in ${list}; do echo "$i"; done`).commands;
    expect(cmd?.args[0]?.candidates).toBeUndefined();
  });
});

describe('the judging work stays linear in the script size', () => {
  it('gives candidates until the script\'s variant budget is spent, then leaves loop words unknown', () => {
    const cmds = parseScript('for f in {1..1000}; do cat "$f"; cat "$f"; done').commands;
    expect(cmds.map((c) => c.args[0]?.candidates?.length)).toEqual([1000, undefined]);
  });
});

describe('variants: the command once per pass', () => {
  it('moves words of the same loop together', () => {
    const [cmd] = parseScript('for f in a b; do cp "$f" "$f.bak"; done').commands;
    expect(commandVariants(cmd!)?.map((v) => v.args.map((a) => a.text))).toEqual([
      ['a', 'a.bak'],
      ['b', 'b.bak'],
    ]);
  });

  it('combines words of different loops', () => {
    const [cmd] = parseScript('for a in x y; do for b in 1 2; do cp "$a" "$b"; done; done').commands;
    expect(commandVariants(cmd!)?.map((v) => v.args.map((a) => a.text).join(' '))).toEqual(['x 1', 'x 2', 'y 1', 'y 2']);
  });

  it('gives the program of a candidate command name', () => {
    const [cmd] = parseScript('for c in /bin/ls; do $c -l; done').commands;
    expect(commandVariants(cmd!)?.map((v) => v.program)).toEqual(['ls']);
  });

  it('gives nothing for words without candidates', () => {
    expect(wordVariants([{ raw: 'a', text: 'a', literal: true, glob: false }])).toBeUndefined();
  });
});

describe('${f OP word} on loop values and constants (param-ops.ts)', () => {
  const table: Array<[string, string, string[]]> = [
    ['suffix removal per pass', 'for f in a.ts b.ts; do mv "$f" "${f%.ts}.js"; done', ['mv ?{a.ts|b.ts} ?.js{a.js|b.js}']],
    ['a glob value keeps standing for its files', 'for f in src/*.ts; do cp "$f" "${f%.ts}.bak"; done', ['cp ?{src/*.ts}* ?.bak{src/*.bak}*']],
    ['basename of literal values', 'for f in /etc/passwd docs/a.md; do cat "${f##*/}"; done', ['cat ?{passwd|a.md}']],
    ['case change', 'for d in a b; do mkdir "build/${d^^}"; done', ['mkdir build/?{build/A|build/B}']],
    ['a constant', 'n=report.txt; cp "$n" "${n%.txt}.bak"', ['cp report.txt report.bak']],
    ['a default on a known value', 'd=/etc; echo hi > "${d:-/tmp}/x"', ['echo hi > /etc/x']],
  ];
  it.each(table)('%s', (_title, script, expected) => {
    expect(shown(script).filter((c) => c !== '')).toEqual(expected);
  });

  it('stays unknown where the result depends on the file names or would split', () => {
    expect(shown('for f in src/*.ts; do cat "${f##*/}"; done')).toEqual(['cat ?']);
    // Unquoted and empty for ".ts": the word would vanish, shifting the arguments.
    expect(shown('for f in a.ts .ts; do rm ${f%.ts} x; done')).toEqual(['rm ? x']);
    expect(shown('for f in a b; do cat "${f/a/b}"; done')).toEqual(['cat ?']);
  });
});
