import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseScript } from '../../src/parse/index.js';
import { lines } from './helpers.js';

/** The words bash itself produces for `printf '<%s>' WORDS` (a harmless probe: no command runs). */
function bashWords(words: string): string[] {
  const out = execFileSync('bash', ['--norc', '--noprofile', '-c', `printf '<%s>\\n' ${words}`], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: '/root' } });
  return [...out.matchAll(/<([\s\S]*?)>\n/g)].map((m) => m[1] as string);
}

function ourWords(words: string): string[] {
  const cmd = parseScript(`printf '<%s>\\n' ${words}`, { vars: { HOME: '/root' } }).commands.find((c) => c.program === 'printf' && c.via.length === 0);
  return (cmd?.args ?? []).slice(1).map((w) => w.text);
}

describe('words normalize the way bash expands them (checked against real bash)', () => {
  const probes = [
    `"r"m`,
    `r\\m`,
    `'r'"m"`,
    `$'\\x72\\x6d'`,
    `$'\\162\\155'`,
    `$'\\u0072m'`,
    `$'it\\'s' $'a\\tb'`,
    `$"locale"`,
    `{rm,-rf,/}`,
    `/etc/{passwd,shadow}`,
    `x{1..3}y`,
    `{a,b}{c,d}`,
    `"{a,b}" '{c,d}' {single}`,
    `$(echo rm) "$(echo -n a b)" $(printf '%s-' x y)`,
    `a\\ b "c d"e`,
    `$HOME/x "$HOME"`,
    `\\$HOME '$HOME'`,
    `""`,
    `x"$(echo)"y`,
    `a=b --opt=c`,
  ];
  it.each(probes)('%s', (words) => {
    expect(ourWords(words)).toEqual(bashWords(words));
  });
});

describe('obfuscated command names normalize to the program bash runs', () => {
  const table: Array<[string, string]> = [
    ['"r"m -rf /tmp/x', 'rm -rf /tmp/x'],
    ["r''m -rf /tmp/x", 'rm -rf /tmp/x'],
    ['\\rm -rf /tmp/x', 'rm -rf /tmp/x'],
    ["$'\\x72\\x6d' -rf /tmp/x", 'rm -rf /tmp/x'],
    ['{rm,-rf,/tmp/x}', 'rm -rf /tmp/x'],
    ['$(echo rm) -rf /tmp/x', 'rm -rf /tmp/x'],
    ['`printf rm` -rf /tmp/x', 'rm -rf /tmp/x'],
    ['x=rm; $x -rf /tmp/x', 'rm -rf /tmp/x'],
    ['c="rm -rf"; $c /tmp/x', 'rm -rf /tmp/x'],
    ['export R=rm; $R -rf /tmp/x', 'rm -rf /tmp/x'],
  ];
  it.each(table)('%s', (script, expected) => {
    const found = lines(script).filter((l) => l.startsWith('rm'));
    expect(found).toEqual([expected]);
  });

  it('reduces the command path to its basename', () => {
    const r = parseScript('/usr/bin/../bin/sudo ls; /bin/rm x; ./run.sh');
    expect(r.commands.map((c) => [c.name?.text, c.program])).toEqual([
      ['/usr/bin/../bin/sudo', 'sudo'],
      ['ls', 'ls'],
      ['/bin/rm', 'rm'],
      ['./run.sh', 'run.sh'],
    ]);
  });

  it('folds known context variables', () => {
    expect(lines('rm -rf "$HOME/.ssh" ~/x', { vars: { HOME: '/root' } })).toEqual(['rm -rf /root/.ssh ~/x']);
  });

  it('does not fold a variable assigned twice, in a subshell, or only for one command', () => {
    expect(lines('x=ls; x=rm; $x -rf /')).toEqual(['? -rf /']);
    expect(lines('(x=rm); $x -rf /')).toEqual(['? -rf /']);
    expect(lines('x=rm true; $x -rf /')).toEqual(['true', '? -rf /']);
    expect(lines('$x -rf /; x=rm')).toEqual(['? -rf /']);
    expect(lines('x=rm; read x; $x -rf /')).toEqual(['read x', '? -rf /']);
  });

  it('does not fold unquoted values when IFS is changed', () => {
    expect(lines('IFS=,; c="rm -rf"; $c /')).toEqual(['? /']);
  });

  it('marks globs and unknown expansions', () => {
    const [cmd] = parseScript('rm -f *.log "$DIR"/x').commands;
    expect(cmd?.args.map((a) => ({ text: a.text, literal: a.literal, glob: a.glob, unknowns: a.unknowns }))).toEqual([
      { text: '-f', literal: true, glob: false, unknowns: undefined },
      { text: '*.log', literal: true, glob: true, unknowns: undefined },
      { text: '\u0000/x', literal: false, glob: false, unknowns: ['$DIR'] },
    ]);
  });

  it('keeps the raw source of each word', () => {
    const [cmd] = parseScript(`echo "a $B" 'c'd`).commands;
    expect(cmd?.args.map((a) => a.raw)).toEqual(['"a $B"', "'c'd"]);
  });

  it('treats private-use characters in the input as plain characters', () => {
    const r = parseScript('echo \uE000 \uE001x');
    expect(r.commands[0]?.args.map((a) => a.text)).toEqual(['\uE000', '\uE001x']);
    expect(r.unknowns).toEqual([]);
  });
});
