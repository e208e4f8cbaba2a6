import { describe, expect, it } from 'vitest';
import { parseScript } from '../../src/parse/index.js';
import { lines, wordText } from './helpers.js';

/** The words of the last command, as tests write them (`?` for an unknown part). */
const lastWords = (script: string): string[] => {
  const cmd = parseScript(script).commands.at(-1);
  return cmd ? [cmd.name, ...cmd.args].filter((w) => w !== undefined).map(wordText) : [];
};

// Values checked against bash 5.2 with printf '<%s>'.
describe('an array assigned once with known elements folds like a constant', () => {
  it.each([
    ['files=(README.md notes.md); cat "${files[@]}"', ['cat', 'README.md', 'notes.md']],
    ['files=(README.md notes.md); cat "${files[0]}" "${files[1]}" "${files[-1]}" "${files[7]}"', ['cat', 'README.md', 'notes.md', 'notes.md', '']],
    ['files=(README.md notes.md); cat $files "${files}"', ['cat', 'README.md', 'README.md']],
    ['a=(x "y z"); printf "<%s>" "${a[@]}" "${a[*]}" "p${a[@]}s"', ['printf', '<%s>', 'x', 'y z', 'x y z', 'px', 'y zs']],
    ['declare -a targets=(build dist); rm -r "${targets[@]}"', ['rm', '-r', 'build', 'dist']],
    ['files=(a b); cat ${files[@]} ${files[*]}', ['cat', 'a', 'b', 'a', 'b']],
    ['d=docs; files=("$d/a.md" b.md); cat "${files[@]}"', ['cat', 'docs/a.md', 'b.md']],
    ['files=(src/{a,b}.ts); cat "${files[@]}"', ['cat', 'src/a.ts', 'src/b.ts']],
  ])('%s', (script, words) => {
    expect(lastWords(script)).toEqual(words);
  });

  it('iterates a loop over a constant array', () => {
    expect(parseScript('files=(a.md b.md); for f in "${files[@]}"; do cat "$f"; done').commands.at(-1)?.args[0]?.candidates).toEqual(['a.md', 'b.md']);
  });

  it('runs what a constant array names in command position', () => {
    expect(lines('a=(ls sudo); ${a[1]} id; declare -a c=(rm -rf /x); ${c[*]}')).toEqual(['sudo id', 'id', 'declare -a c=rm -rf /x', 'rm -rf /x']);
  });
});

describe('an array set any other way, or not known word by word, stays unknown', () => {
  it.each([
    ['files=(a b); files+=(/etc/x); cat "${files[@]}"'],
    ['files=(a b); files[1]=/etc/x; cat "${files[@]}"'],
    ['files=(a b); : "${files[5]:=/etc/x}"; cat "${files[@]}"'],
    ["files=(a b); unset 'files[0]'; cat \"${files[@]}\""],
    ['files=(a b); read -ra files < f; cat "${files[@]}"'],
    ['files=(a b); f() { files=(/etc/x); }; f; cat "${files[@]}"'],
    ["files=(a b); eval 'files=(/etc/x)'; cat \"${files[@]}\""],
    ['cat "${files[@]}"; files=(a b)'],
    ['files=(*.md); cat "${files[@]}"'],
    ['files=([0]=a [1]=b); cat "${files[@]}"'],
    ['files=("a b" c); cat ${files[@]}'],
    ['files=(a b); IFS=:; cat ${files[@]}'],
    ['files=(); cat "${files[@]}"'],
    ['[ -d docs ] && files=(a b); cat "${files[@]}"'],
    ['while false; do files=(a b); done; cat "${files[@]}"'],
    ['files=("$(ls)" b); cat "${files[@]}"'],
    ['declare -A m=(0 /etc/x); cat "${m[0]}"'], // an associative array reads (k v) pairs
    ['declare -ai n=(1+1); cat "${n[0]}"'],
    ['x=(a b); declare -n r=x; r=(/etc/x); cat "${x[@]}"'],
    ['files=(a b); cat "${files[@]:1}" "${!files[@]}"'],
  ])('%s', (script) => {
    expect(lastWords(script).slice(1).every((w) => w.includes('?'))).toBe(true);
  });
});

describe('positional parameters set once by `set --` fold like constants', () => {
  it.each([
    ['set -- README.md notes.md; cat "$@"', ['cat', 'README.md', 'notes.md']],
    ['set -- a "b c"; printf "<%s>" "$1" "${2}" "$3" "$*" "$#"', ['printf', '<%s>', 'a', 'b c', '', 'a b c', '2']],
    ['set -euo pipefail; set -- a b; cat "$@"', ['cat', 'a', 'b']],
    ['set -x; set -- a b; set +x; cat $@', ['cat', 'a', 'b']],
    ['set a b; cat "$2"', ['cat', 'b']],
  ])('%s', (script, words) => {
    expect(lastWords(script)).toEqual(words);
  });

  it('in substitutions and eval, which see the same parameters', () => {
    expect(lines(`set -- a.md; echo "$(cat "$1")"; eval 'cat "$1"'`)).toEqual(['set -- a.md', 'echo ?', 'cat a.md', "eval cat \"$1\"", 'cat a.md']);
  });

  it.each([
    ['set -- a; shift; cat "$1"'],
    ['set -- a; set -- b; cat "$1"'],
    ['set -- a; set "$x"; cat "$1"'],
    ['[ -f x ] && set -- a; cat "$1"'],
    ['for i in 1 2; do set -- a; done; cat "$1"'],
    ['set --; cat "$@"'],
    ['set -- *.md; cat "$1"'],
    ['set -- a; cat "$0" "${1:-b}" "${@:1}"'],
  ])('stay unknown when set another way, maybe not, or not yet: %s', (script) => {
    expect(lastWords(script).slice(1).every((w) => w.includes('?'))).toBe(true);
  });

  it('stay unknown before the set', () => expect(lines('cat "$1"; set -- a')).toEqual(['cat ?', 'set -- a']));

  it.each([
    ['f() { cat "$1"; }; set -- a; f /etc/x'],
    [`set -- a; bash -c 'cat "$1"' _ /etc/x`],
    [`set -- a; trap 'cat "$1"' EXIT`],
  ])('are not the parameters of functions, sh -c or traps: %s', (script) => {
    expect(lines(script).filter((l) => l.startsWith('cat'))).toEqual(['cat ?']);
  });
});
