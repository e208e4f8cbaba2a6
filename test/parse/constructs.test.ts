import { describe, expect, it } from 'vitest';
import { parseScript } from '../../src/parse/index.js';
import { commands, lines } from './helpers.js';

describe('every node kind yields exactly its simple commands', () => {
  const table: Array<[string, string, string[]]> = [
    ['a list with ; and newlines', 'a 1; b 2\nc 3', ['a 1', 'b 2', 'c 3']],
    ['a pipeline', 'ls -la | grep x | wc -l', ['ls -la', 'grep x', 'wc -l']],
    ['&& and ||', 'make && make test || echo failed', ['make', 'make test', 'echo failed']],
    ['a subshell and a group', '(cd /tmp && ls); { pwd; date; }', ['cd /tmp', 'ls', 'pwd', 'date']],
    ['if/elif/else', 'if a; then b; elif c; then d; else e; fi', ['a', 'b', 'c', 'd', 'e']],
    ['if ! cmd (negation is not a command)', 'if ! rm -rf x; then echo no; fi', ['rm -rf x', 'echo no']],
    ['while and until', 'while a; do b; done; until c; do d; done', ['a', 'b', 'c', 'd']],
    ['for with a list', 'for f in a b; do rm "$f"; done', ['rm ?']],
    ['for without in', 'for f do echo "$f"; done', ['echo ?']],
    ['C-style for', 'for ((i=0;i<3;i++)); do echo $i; done', ['echo ?']],
    ['select', 'select x in a b; do echo "$x"; done', ['echo ?']],
    ['case', 'case "$1" in start) svc start;; stop|kill) pkill x;; *) echo usage;; esac', ['svc start', 'pkill x', 'echo usage']],
    ['case with (pattern) and ;& fall-through', 'case x in (a) one;& b) two;;& *) three;; esac', ['one', 'two', 'three']],
    ['keywords right after do/then on one line', 'while a; do if b; then c; fi; done', ['a', 'b', 'c']],
    ['nested loops on one line', 'while :; do for i in 1; do break 2; done; done', [':', 'break 2']],
    ['a function definition', 'f() { rm -rf /tmp/x; }; f', ['rm -rf /tmp/x', 'f']],
    ['function keyword without parens', 'function g { ls; }', ['ls']],
    ['function keyword with parens', 'function h() { ls; }', ['ls']],
    ['command substitution $(..)', 'echo "$(whoami)"', ['echo ?', 'whoami']],
    ['backticks', 'echo `hostname`', ['echo ?', 'hostname']],
    ['nested substitutions', 'echo $(dirname $(which python3))', ['echo ?', 'dirname ?', 'which python3']],
    ['substitution in a redirect target', 'echo hi > "$(mktemp)"', ['echo hi', 'mktemp']],
    ['substitution in an assignment', 'x=$(id -u) y=1', ['id -u']],
    ['substitution order follows the source', 'a $(b) $(c $(d)) e', ['a ? ? e', 'b', 'c ?', 'd']],
    ['substitution inside ${..:-..}', 'echo ${X:-$(rm -rf /tmp/y)}', ['echo ?', 'rm -rf /tmp/y']],
    ['arithmetic with a substitution', 'echo $(( $(date +%s) + 1 ))', ['echo ?', 'date +%s']],
    ['arithmetic command', '((i++)); (( n = $(wc -l < f) ))', ['wc -l']],
    ['[[ .. ]] with a substitution', '[[ -f /etc/passwd && $(id -u) == 0 ]] && echo root', ['[[ -f /etc/passwd && ? == 0', 'id -u', 'echo root']],
    ['process substitution', 'diff <(sort a) <(sort b)', ['diff /dev/fd/63 /dev/fd/63', 'sort a', 'sort b']],
    ['output process substitution', 'tee >(gzip > x.gz) < in', ['tee /dev/fd/63', 'gzip']],
    ['an array with a substitution element', 'a=(x "$(uname)" y); echo "${a[@]}"', ['uname', 'echo ?']],
    ['declare -A arrays', 'declare -A m=([k]=v); echo ok', ['declare -A m=[k]=v', 'echo ok']],
    ['|& pipes stderr too', 'make |& tee log', ['make', 'tee log']],
    ['comments are not commands', '# rm -rf /\nls # rm -rf /', ['ls']],
    ['a number before a blank and a redirection is an argument', 'head -c 100 < /dev/zero', ['head -c 100']],
    ['a # inside a word is not a comment', 'nix build nixpkgs#pkg; rm -rf a#/b', ['nix build nixpkgs#pkg', 'rm -rf a#/b']],
    ['a literal $ at the end of a word', 'grep "x$" f; grep -v ^$ g', ['grep x$ f', 'grep -v ^$ g']],
    ['{ and } as plain arguments', 'find . -ok rm { } \\;', ['find . -ok rm { } ;', 'rm { }']],
    ['a line continuation', 'ls \\\n  -la', ['ls -la']],
    ['time before a compound command', 'time (sleep 1; echo done); time -p { ls; }', ['sleep 1', 'echo done', 'ls']],
    ['time before a simple command stays a wrapper', 'time -p make', ['time -p make', 'make']],
  ];
  it.each(table)('%s', (_title, script, expected) => {
    expect(lines(script)).toEqual(expected);
  });
});

describe('redirections keep operator, kind, fd and target', () => {
  const table: Array<[string, string[]]> = [
    ['cmd > out', ['> write out']],
    ['cmd >> out', ['>> append out']],
    ['cmd < in', ['< read in']],
    ['cmd <> dev', ['<> readwrite dev']],
    ['cmd >| out', ['>| write out']],
    ['cmd 2>/dev/null', ['2> write /dev/null']],
    ['cmd 2 >/dev/null', ['> write /dev/null']],
    ['cmd > f 2>&1', ['> write f', '2>& dup 1']],
    ['cmd &> both', ['&> write both']],
    ['cmd &>> both', ['&>> append both']],
    ['cmd >&file', ['>& write file']],
    ['cmd 3<&-', ['3<& dup -']],
    ['cmd <<< "hi there"', ['<<< herestring hi there']],
    ['cmd <<EOF\nbody\nEOF', ['<< heredoc EOF']],
    ['cmd <<-EOF\n\tbody\n\tEOF', ['<<- heredoc EOF']],
  ];
  it.each(table)('%s', (script, expected) => {
    expect(commands(script)[0]?.redirects).toEqual(expected);
  });

  it('gives commands inside a redirected compound command its redirections', () => {
    expect(commands('while read -r l; do rm "$l"; done < list.txt')).toEqual([
      { cmd: 'read -r l', redirects: ['< read list.txt'] },
      { cmd: 'rm ?', redirects: ['< read list.txt'] },
    ]);
  });
});

describe('commands carry background and function structure', () => {
  it('marks a command run with & as background', () => {
    const r = parseScript('sleep 10 & wait');
    expect(r.commands.map((c) => [c.program, c.background ?? false])).toEqual([
      ['sleep', true],
      ['wait', false],
    ]);
  });

  it('marks every command of a backgrounded pipeline or && list as background', () => {
    const r = parseScript('a | b & c && d &\ne');
    expect(r.commands.map((c) => [c.program, c.background ?? false])).toEqual([
      ['a', true],
      ['b', true],
      ['c', true],
      ['d', true],
      ['e', false],
    ]);
  });

  it('reports assignment-only commands with their assignments and no name', () => {
    const r = parseScript('A=1 B="two words"');
    expect(r.commands).toHaveLength(1);
    expect(r.commands[0]?.name).toBeUndefined();
    expect(r.commands[0]?.assignments.map((a) => [a.name, a.value.text])).toEqual([
      ['A', '1'],
      ['B', 'two words'],
    ]);
  });

  it('flags the classic fork bomb and a renamed one as spawning itself', () => {
    for (const script of [':(){ :|:& };:', 'bomb() { bomb | bomb & }; bomb', 'f() { f & }; f']) {
      const r = parseScript(script);
      expect(r.functions.map((f) => f.spawnsItself)).toEqual([true]);
    }
  });

  it('does not flag recursion that is not in a pipeline or background', () => {
    const r = parseScript('walk() { for d in "$@"; do walk "$d"/*; done; }');
    expect(r.functions.map((f) => [f.name, f.spawnsItself, f.body.map((c) => c.program)])).toEqual([['walk', false, ['walk']]]);
  });

  it('collects comments as data', () => {
    expect(parseScript('# setup\nls # list\necho "# not a comment"').comments).toEqual(['# setup', '# list']);
  });
});

describe('a constant assigned where the assignment may not run is known only beside it', () => {
  it.each([
    ['a plain assignment', 'x=README.md; cat "$x"', ['cat README.md']],
    ['in the same branch', 'if true; then x=README.md; cat "$x"; fi', ['true', 'cat README.md']],
    ['in the same loop body', 'for i in 1 2; do x=a.txt; cat "$x"; done', ['cat a.txt']],
    // In a session the branch not running leaves an earlier command's value.
    ['after a && that may not run', 'false && x=README.md; cat "$x"', ['false', 'cat ?']],
    ['after the loop', 'for i in 1 2; do x=a.txt; done; cat "$x"', ['cat ?']],
    ['declare in a branch, used after it', 'if true; then declare x=README.md; fi; cat "$x"', ['true', 'declare x=README.md', 'cat ?']],
  ])('%s', (_title, script, expected) => {
    expect(lines(script)).toEqual(expected);
  });
});
