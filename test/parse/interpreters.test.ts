// The interpreter table (parse/interpreter-table.ts): which programs take code how, read by inline-code.ts.
import { describe, expect, it } from 'vitest';
import { interpreterOf, interpreterUse } from '../../src/parse/inline-code.js';
import type { Word } from '../../src/parse/types.js';
import { commands, unknownKinds } from './helpers.js';

const w = (text: string): Word => ({ raw: text, text, literal: true, glob: false });
const use = (program: string, ...args: string[]) => interpreterUse(interpreterOf(program)!, args.map(w));

describe('interpreters beyond python, node and perl run code given with -e/--eval', () => {
  it.each([
    ['julia', ['-e', 'run(`id`)'], 'julia -e'],
    ['elixir', ['-e', 'System.cmd("id", [])'], 'elixir -e'],
    ['erl', ['-noshell', '-sname', 'x', '-eval', 'os:cmd("id")'], 'erl -eval'],
    ['erl', ['-noshell', '-run', 'os', 'cmd', 'id'], 'erl -run'],
    ['groovy', ['-e', '"id".execute()'], 'groovy -e'],
    ['gnuplot', ['-p', '-e', 'system("id")'], 'gnuplot -e'],
    ['octave', ['--eval=system("id")'], 'octave --eval'],
    ['guile', ['-c', '(system "id")'], 'guile -c'],
    ['racket', ['-e', '(system "id")'], 'racket -e'],
    ['sbcl', ['--non-interactive', '--eval', '(run-program "id" nil)'], 'sbcl --eval'],
    ['clojure', ['-e', '(sh "id")'], 'clojure -e'],
    ['bb', ['-e', '(shell "id")'], 'clojure -e'],
    ['dc', ['-e', '!id'], 'dc -e'],
    ['dc', ['--expression=!id'], 'dc --expression'],
    ['R', ['-e', 'system("id")'], 'Rscript -e'],
    ['php', ['-R', 'system($argn);'], 'php -R'],
    ['crystal', ['eval', 'system("id")'], 'crystal eval'],
    ['deno', ['run', '-A', 'https://example.com/x.ts'], 'deno https://example.com/x.ts'],
    ['node', ['data:text/javascript,1'], 'node data:text/javascript,1'],
  ])('%s %j is inline code', (program, args, inline) => {
    expect(use(program, ...args)).toEqual({ inline, readsStdin: false });
  });

  it('runs their script files like any other program', () => {
    expect(use('julia', 'script.jl', '-e', 'x')).toEqual({ inline: undefined, readsStdin: false });
    expect(use('gnuplot', 'plot.gp')).toEqual({ inline: undefined, readsStdin: false });
    expect(use('deno', 'run', '--allow-read', 'src/main.ts')).toEqual({ inline: undefined, readsStdin: false });
    expect(use('bun', 'run', 'build')).toEqual({ inline: undefined, readsStdin: false });
    expect(use('m4', '-D', 'x=1', 'config.m4')).toEqual({ inline: undefined, readsStdin: false });
  });
});

describe('a module loaded before the program is code when it is a file or a URL', () => {
  it.each([
    ['node', ['-r', './evil.js', 'src/index.js'], 'node -r ./evil.js (preloaded code)'],
    ['node', ['--require=/tmp/evil.js', '--version'], 'node --require /tmp/evil.js (preloaded code)'],
    ['node', ['--import=/tmp/evil.mjs', '--version'], 'node --import /tmp/evil.mjs (preloaded code)'],
    ['node', ['--loader', 'file:///tmp/l.mjs', 'app.js'], 'node --loader file:///tmp/l.mjs (preloaded code)'],
    ['tsx', ['--import', 'hooks.ts', 'app.ts'], 'node --import hooks.ts (preloaded code)'],
    ['bun', ['--preload', './p.ts', 'app.ts'], 'bun --preload ./p.ts (preloaded code)'],
    ['ruby', ['-r./evil', 'script.rb'], 'ruby -r ./evil (preloaded code)'],
    ['perl', ['-Mstrict;system("id")', 'x.pl'], 'perl -M strict;system("id") (preloaded code)'],
    ['php', ['-d', 'auto_prepend_file=/tmp/e.php', 'index.php'], 'php -d auto_prepend_file=/tmp/e.php (preloaded code)'],
  ])('%s %j', (program, args, inline) => {
    expect(use(program, ...args)).toEqual({ inline, readsStdin: false });
  });

  it.each([
    ['node', ['-r', 'ts-node/register', 'src/index.ts']],
    ['node', ['--import', 'tsx', 'src/index.ts']],
    ['node', ['-r', 'dotenv/config', 'src/index.js']],
    ['ruby', ['-rjson', 'script.rb']],
    ['perl', ['-MList::Util=sum,max', 'script.pl']],
    ['php', ['-d', 'memory_limit=1G', 'composer.phar']],
  ])('leaves an installed package alone: %s %j', (program, args) => {
    expect(use(program, ...args).inline).toBeUndefined();
  });
});

describe('programs whose language runs shell commands read their program from stdin', () => {
  it.each([
    "m4 <<< 'esyscmd(sudo id)'",
    "echo 'syscmd(rm -rf build)' | m4",
    "m4 -D x=1 <<< 'esyscmd(id)'",
    "m4 a.m4 - <<< 'esyscmd(id)'",
    "echo '!id' | dc",
    "erl <<< 'os:cmd(\"id\").'",
    'sbcl --script < prog.lisp',
    "expect <<< 'spawn sudo id'",
    "python3 -m code <<< 'import os; os.system(\"id\")'",
    'echo c | python3 -m pdb script.py',
    "deno run - <<< 'Deno.exit(0)'",
  ])('%s', (script) => {
    expect(unknownKinds(script)).toEqual(['inline-code']);
  });

  it('m4 on a file with nothing on stdin is a script file', () => {
    expect(unknownKinds('m4 config.m4 > out.txt')).toEqual([]);
  });
});

describe('cmake -E runs its tools as the commands they are named after', () => {
  it.each([
    ['cmake -E env FOO=1 rm -rf build', 'rm -rf build'],
    ['cmake -E env sudo id', 'sudo id'],
    ['cmake -E time sudo id', 'sudo id'],
  ])('%s runs `%s`', (script, inner) => {
    expect(commands(script).map((c) => c.cmd)).toContain(inner);
  });

  it.each(['cmake -S . -B build -DCMAKE_BUILD_TYPE=Release', 'cmake --build build -- -j4', 'cmake -GNinja -Wno-dev ..'])('runs nothing for %s', (script) => {
    expect(commands(script)).toEqual([{ cmd: script }]);
  });
});

describe('shells by less common names run their -c string', () => {
  it.each(['osh', 'ysh', 'lksh', 'pdksh', 'hush', 'rc'])('%s -c', (shell) => {
    expect(commands(`${shell} -c 'rm -r build'`).find((c) => c.cmd === 'rm -r build')?.via).toEqual([`${shell} -c`]);
  });
});
