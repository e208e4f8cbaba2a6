import { describe, expect, it } from 'vitest';
import { lines, unknownKinds } from './helpers.js';

// bash evaluates the subscript of a variable NAME given to a builtin as arithmetic, which runs the
// command substitutions in it (probed with echo in bash 5.2).
describe('a subscript in a name operand runs its command substitutions', () => {
  it.each([
    ["declare 'a[$(rm -rf /x)]=1'"],
    ["typeset 'a[$(rm -rf /x)]=1'"],
    ["f() { local 'a[$(rm -rf /x)]=1'; }"],
    ["declare -g 'a[$(rm -rf /x)]=x'"],
    ["unset 'a[$(rm -rf /x)]'"],
    ["unset -v 'a[`rm -rf /x`]'"],
    ["printf -v 'a[$(rm -rf /x)]' x"],
    ["printf -v'a[$(rm -rf /x)]' x"],
    ["read 'a[$(rm -rf /x)]' <<< x"],
    ["read -r -p 'name? ' 'a[$(rm -rf /x)]'"],
    ["test -v 'a[$(rm -rf /x)]'"],
    ["[ -v 'a[$(rm -rf /x)]' ]"],
    ["[[ -v 'a[$(rm -rf /x)]' ]]"],
    ["builtin declare 'a[$(rm -rf /x)]=1'"],
    ["printf \"$o\" 'a[$(rm -rf /x)]' x"],
  ])('%s', (script) => {
    expect(lines(script)).toContain('rm -rf /x');
  });

  it('follows a variable named in the subscript to its value', () => {
    expect(lines("x='a[$(rm -rf /x)]'; read 'b[x]' <<< 1")).toContain('rm -rf /x');
  });

  it('reads the subscript of a plain array assignment as arithmetic too', () => {
    expect(lines("x='a[$(rm -rf /x)]'; b[x]=1")).toEqual(['rm -rf /x']);
  });

  it('does not read the assigned value as a subscript', () => {
    expect(lines("declare 'a[0]=$(rm -rf /x)'")).toEqual(['declare a[0]=$(rm -rf /x)']);
  });
});

describe('a name made at run time is code where the builtin evaluates it', () => {
  it.each([['declare "$k=$v"'], ['printf -v "a[$i]" x'], ['unset "$name"'], ['read -r "$var" < f'], ['[[ -v "$n" ]]']])('%s', (script) => {
    expect(unknownKinds(script)).toEqual(['dynamic-code']);
  });

  it.each([
    ['export "$k=$v"'], // export rejects a subscripted name before evaluating it
    ['declare x="$v"'],
    ['printf "$fmt" "$x"'],
    ['read -r line < f'],
    ['declare -a targets=(build dist)'],
    ["printf -v stamp '%(%Y%m%d)T' -1"],
  ])('not where the name itself is known: %s', (script) => {
    expect(unknownKinds(script)).toEqual([]);
  });
});

describe('${!n} evaluates the subscript of the name n holds', () => {
  it.each([
    ["n='a[$(rm -rf /x)]'; echo \"${!n}\""],
    ["n='a[i]'; i='b[$(rm -rf /x)]'; echo \"${!n:-d}\""],
  ])('%s', (script) => {
    expect(lines(script)).toContain('rm -rf /x');
  });

  it.each([['read -r n < f; echo "${!n}"'], ["for n in HOME 'a[$(id)]'; do echo \"${!n}\"; done"]])('an unknown name is dynamic code: %s', (script) =>
    expect(unknownKinds(script)).toEqual(['dynamic-code']),
  );

  it.each([['v=x; n=v; echo "${!n}"'], ['for n in HOME PATH; do echo "${!n}"; done'], ['a=(x y); for i in "${!a[@]}"; do echo "$i"; done'], ['echo "${!BASH*}"']])(
    'keys, names and plain names are not code: %s',
    (script) => expect(unknownKinds(script)).toEqual([]),
  );
});

describe('compgen runs code', () => {
  it('reports the -C command', () => expect(lines("compgen -C 'rm -rf /x' w")).toEqual(['compgen -C rm -rf /x w', 'rm -rf /x']));
  it('reports the -F function as a command', () => expect(lines('compgen -W "a b" -F sudo w')).toEqual(['compgen -W a b -F sudo w', 'sudo']));
  it('reports an unknown -C command as dynamic code', () => expect(unknownKinds('compgen -C "$c" w')).toEqual(['dynamic-code']));
});

describe('${x@P} prompt-expands the value of x, running its substitutions', () => {
  it.each([
    ["x='$(rm -rf /x)'; echo \"${x@P}\""],
    ["x='`rm -rf /x`'; : ${x@P}"],
    ["x='> $(rm -rf /x)'; echo \"${x@P}\""],
  ])('%s', (script) => {
    expect(lines(script)).toContain('rm -rf /x');
  });

  it.each([
    ['echo "${x@P}"'],
    ["x='\\044(rm -rf /x)'; echo \"${x@P}\""], // \044 decodes to $
    ['x=a; x=b; echo "${x@P}"'],
    ["a=('$(id)'); echo \"${a[@]@P}\""],
  ])('a value not known exactly is dynamic code: %s', (script) => {
    expect(unknownKinds(script)).toEqual(['dynamic-code']);
  });

  it('leaves other @ operators alone', () => expect(unknownKinds("x='$(id)'; echo \"${x@Q} ${x@E}\"")).toEqual([]));
});
