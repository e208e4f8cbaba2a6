import { describe, expect, it } from 'vitest';
import { lines, unknownKinds } from './helpers.js';

// x=ok is assigned once; each script also sets x some other way, so `cat $x` must not fold to "ok".
describe('a variable set any other way is never folded to its one assignment', () => {
  const table: Array<[string, string]> = [
    ['read with a quoted name', 'x=ok; read "x" < f; cat $x'],
    ['read -a', 'x=ok; read -ra x < f; cat $x'],
    ['read -a with the name attached', 'x=ok; read -rax < f; cat $x'],
    ['read after an option with a value', 'x=ok; read -p "name? " x; cat $x'],
    ['read through a name in a variable', 'x=ok; r=x; read "$r" < f; cat $x'],
    ['read with no name sets REPLY', 'REPLY=ok; read < f; cat $REPLY'],
    ['printf -v with the name attached', 'x=ok; printf -vx %s /etc/passwd; cat $x'],
    ['printf -v with a quoted name', 'x=ok; printf -v "x" %s /etc/passwd; cat $x'],
    ['printf with an unknown option word', 'x=ok; printf "$o" x /etc/passwd; cat $x'],
    ['mapfile into it', 'x=ok; mapfile -t x < f; cat $x'],
    ['mapfile -C runs code that sets it', 'x=ok; mapfile -C "x=/etc/passwd" -c 1 a < f; cat $x'],
    ['getopts', 'x=ok; getopts ab x; cat $x'],
    ['wait -p', 'x=ok; wait -p x; cat $x'],
    ['unset with a quoted name', 'x=ok; unset "x"; cat $x'],
    ['declare behind builtin', 'x=ok; builtin declare x=/etc/passwd; cat $x'],
    ['declare with a quoted assignment', 'x=ok; declare "x=/etc/passwd"; cat $x'],
    ['a nameref to it', 'x=ok; declare -n g=x; g=/etc/passwd; cat $x'],
    ['a nameref with other flags', 'x=ok; local -rn g=x; cat $x'],
    ['declare with an unknown name', 'x=ok; declare "$n=/etc/passwd"; cat $x'],
    ['let', 'x=ok; let "x += 1"; cat $x'],
    ['eval of literal code', `x=ok; eval 'x=/etc/passwd'; cat $x`],
    ['eval in a loop after the use', `x=ok; for i in 1 2; do cat $x; eval 'x=/etc/passwd'; done`],
    ['eval of code that reads into a named variable', `x=ok; r=x; for i in 1 2; do cat $x; eval 'read "$r"' < f; done`],
    ['a trap', `x=ok; trap 'x=/etc/passwd' ERR; cat $x`],
    ['an alias body', `x=ok; alias go='x=/etc/passwd'; cat $x`],
  ];
  it.each(table)('%s', (_title, script) => {
    expect(lines(script).filter((l) => l.startsWith('cat '))).toEqual(['cat ?']);
  });
});

describe('names that are only read still fold', () => {
  const table: Array<[string, string, string]> = [
    ['printf with plain arguments', 'x=ok; printf "%s\\n" "$x"; cat $x', 'cat ok'],
    ['read into another name', 'x=ok; read -r line < f; cat $x', 'cat ok'],
    ['a trap that does not touch it', `x=ok; trap 'echo done' EXIT; cat $x`, 'cat ok'],
    ['export of another name', 'x=ok; export NODE_ENV=test; cat $x', 'cat ok'],
  ];
  it.each(table)('%s', (_title, script, expected) => {
    expect(lines(script).at(-1)).toBe(expected);
  });
});

describe('mapfile -C runs its callback in this shell', () => {
  it('reports the callback as commands', () => {
    expect(lines('mapfile -t -C "rm -rf /x" -c 1 a < f')).toEqual(['mapfile -t -C rm -rf /x -c 1 a', 'rm -rf /x']);
  });

  it('reports an unknown callback as dynamic code', () => {
    expect(unknownKinds('readarray -C"$cb" a < f')).toEqual(['dynamic-code']);
  });
});
