// Interpreters and the ways each takes code on its command line: data for inline-code.ts. Extend the
// tables, not the logic. A program named here is "understood": its inline code, preloads and program
// on stdin become Unknown 'inline-code' (approval), and its script's own arguments are its business.

/** Program name (a version suffix is allowed: python3.11, ruby3.2) -> family whose flags it shares. */
export const INTERPRETER_FAMILY: Record<string, string> = {
  python: 'python', pypy: 'python', jython: 'python',
  perl: 'perl',
  ruby: 'ruby', jruby: 'ruby', truffleruby: 'ruby',
  // TypeScript runners are node with a loader: same -e/-p/--eval flags, same --import.
  node: 'node', nodejs: 'node', tsx: 'node', 'ts-node': 'node', 'ts-node-esm': 'node', esno: 'node',
  php: 'php', lua: 'lua', luajit: 'luajit', Rscript: 'Rscript', R: 'Rscript', osascript: 'osascript', bun: 'bun', deno: 'deno',
  pwsh: 'pwsh', powershell: 'pwsh', tclsh: 'tclsh', wish: 'tclsh', expect: 'expect', irb: 'irb', jshell: 'jshell',
  julia: 'julia', elixir: 'elixir', iex: 'elixir', erl: 'erl', groovy: 'groovy', scala: 'scala', kotlin: 'kotlin', kotlinc: 'kotlin',
  ghc: 'ghc', ghci: 'ghc', swipl: 'swipl', crystal: 'crystal',
  // Lisps and Schemes
  guile: 'guile', racket: 'racket', sbcl: 'sbcl', clisp: 'clisp', ecl: 'ecl', ccl: 'ccl', ccl64: 'ccl', clojure: 'clojure', clj: 'clojure',
  bb: 'clojure', csi: 'csi', gosh: 'gosh',
  // Tools with a language that runs shell commands: m4 syscmd/esyscmd, dc `!cmd`, gnuplot/octave system().
  m4: 'm4', dc: 'dc', gnuplot: 'gnuplot', octave: 'octave', 'octave-cli': 'octave',
};

/** Options whose value (or, for clusters like perl -ne, the next word) is program text. */
export const CODE_FLAGS: Record<string, RegExp> = {
  // perl/ruby clusters: -ne, -pe, -lane, -pie all end in e/E and take the code next
  python: /^-[A-Za-z]*c$/,
  perl: /^-[A-Za-z]*[eE]$/,
  ruby: /^-[A-Za-z]*e$/,
  node: /^(-e|-p|--eval|--print|-pe)$/,
  bun: /^(-e|-p|--eval|--print)$/,
  // -B/-R/-E: code run before, for each line of, and after the input.
  php: /^(-r|-B|-R|-E|--run|--process-begin|--process-code|--process-end)$/,
  lua: /^-e$/,
  luajit: /^-e$/,
  Rscript: /^(-e|--expr)$/,
  osascript: /^-e$/,
  pwsh: /^(-c|-Command|-EncodedCommand|-e|-ec)$/i,
  julia: /^(-e|-E|--eval|--print)$/,
  elixir: /^(-e|--eval|--rpc-eval)$/,
  // erl -s/-run call any Module:Function (erl -run os cmd id).
  erl: /^-(eval|s|run)$/,
  groovy: /^-[A-Za-z]*e$/,
  scala: /^-e$/,
  kotlin: /^(-e|-expression)$/,
  ghc: /^-e$/,
  swipl: /^(-g|-t)$/,
  guile: /^(-c|-e)$/,
  racket: /^(-[A-Za-z]*e|--eval)$/,
  sbcl: /^--eval$/,
  clisp: /^-x$/,
  ecl: /^-eval$/,
  ccl: /^(-e|--eval)$/,
  clojure: /^(-e|--eval)$/,
  csi: /^(-e|-eval|-p|-print|-P|-pretty-print)$/,
  gosh: /^-e$/,
  expect: /^-c$/,
  dc: /^(-e|--expression)$/,
  gnuplot: /^-e$/,
  octave: /^--eval$/,
};

/** python -m modules that run a command-line argument as code: always (timeit STMT), or given this option (pdb -c CMD). */
export const PYTHON_CODE_MODULES: Record<string, string | true> = { timeit: true, pdb: '-c', IPython: '-c', ipdb: '-c' };

/** python -m modules that read code from stdin (REPLs and debuggers): `python3 -m code <<< 'import os; ..'`. */
export const PYTHON_STDIN_MODULES = new Set(['code', 'IPython', 'ipython', 'ptpython', 'bpython', 'asyncio', 'pdb', 'ipdb', 'idlelib']);

/** Subcommands whose operand is code (`deno eval CODE`, `crystal eval CODE`). */
export const EVAL_SUBCOMMANDS: Record<string, string> = { deno: 'eval', crystal: 'eval' };

/** Subcommands followed by options and the script, read like the interpreter's own (`deno run -`, `bun run x.ts`). */
export const SCRIPT_SUBCOMMANDS: Record<string, string> = { deno: 'run', bun: 'run', crystal: 'run' };

/** A script operand fetched or inlined rather than a file: code the policy cannot see (`deno run https://..`, `data:`). */
export const REMOTE_SCRIPT = /^(data|https?):/i;

/** Options whose value is the next word (so it is not mistaken for a script operand), for every family. */
export const VALUE_OPTS = new Set(['-m', '-W', '-X', '-r', '--require', '-I', '-M', '--import', '--loader', '--experimental-loader', '--preload']);

/** More options with a value, by family. */
export const FAMILY_VALUE_OPTS: Record<string, string[]> = {
  m4: ['-D', '--define', '-U', '--undefine', '-I', '--include', '-o', '--error-output', '-t', '--trace', '-F', '--freeze-state', '-R', '--reload-state', '-l', '--arglength', '-L', '--nesting-limit'],
  dc: ['-f', '--file'],
  gnuplot: ['-c'],
  sbcl: ['--load', '--script', '--core', '--dynamic-space-size', '--control-stack-size'],
  erl: ['-pa', '-pz', '-sname', '-name', '-setcookie', '-config', '-boot', '-args_file', '-mode'],
};

/**
 * How a family reads its operands. 'script' (the default): the first operand is the program and the
 * rest are its arguments. 'inputs': every operand is program text and options may follow them (m4 a.m4
 * - b.m4). 'none': operands are plain arguments and stdin is always the program (erl's shell).
 */
export const OPERANDS: Record<string, 'inputs' | 'none'> = { m4: 'inputs', dc: 'inputs', gnuplot: 'inputs', octave: 'inputs', erl: 'none' };

/** A module or file loaded before the program: code when its value matches `code`. */
export interface Preload {
  options: string[];
  code: RegExp;
}

// A file path (./x.js, /tmp/x.mjs, x.cjs), a URL (data:, file:, http:) or an unknown value is code the
// policy cannot see; a bare package name (tsx, ts-node/register, dotenv/config) is an installed tool.
const fileOrUrl = /^([./~]|[A-Za-z][\w+.-]*:|\u0000)|\.[cm]?[jt]sx?$|\.json$/;

/** Options that run code before the program itself, by family (`node -r ./evil.js app.js`). */
export const PRELOADS: Record<string, Preload> = {
  node: { options: ['-r', '--require', '--import', '--loader', '--experimental-loader'], code: fileOrUrl },
  bun: { options: ['-r', '--preload'], code: fileOrUrl },
  ruby: { options: ['-r'], code: /^([./~]|\u0000)|\.rb$/ },
  // perl -M'strict;system("id")' is pasted into a `use` statement: anything but a module list is code.
  perl: { options: ['-M', '-m'], code: /[^\w:=,\s-]/ },
  php: { options: ['-d'], code: /^\s*auto_(prepend|append)_file\s*=/i },
};
