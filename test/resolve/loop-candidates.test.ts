import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseScript } from '../../src/parse/index.js';
import { MAX_GLOB_ENTRIES } from '../../src/resolve/glob.js';
import { resolveScript } from '../../src/resolve/index.js';

// A real project: <tmp>/argent-loops-XXXX/project with src/ and an existing a.txt.
const base = realpathSync(mkdtempSync(join(tmpdir(), 'argent-loops-')));
const project = join(base, 'project');
mkdirSync(join(project, 'src'), { recursive: true });
writeFileSync(join(project, 'a.txt'), 'a\n');
writeFileSync(join(project, 'src', 'x.ts'), '');
symlinkSync('/etc', join(project, 'link-etc'));
mkdirSync(join(project, 'many'));
for (let i = 0; i <= MAX_GLOB_ENTRIES; i++) writeFileSync(join(project, 'many', `f${i}`), '');
afterAll(() => rmSync(base, { recursive: true, force: true }));

/** The resolved paths as "command access certainty path" (project shown as @), plus overwrite flags. */
function paths(script: string): string[] {
  return resolveScript(parseScript(script), { cwd: project, home: '/root' }).map(
    (p) => `${p.command} ${p.access} ${p.certainty} ${p.resolved.replace(project, '@')}${p.overwritesExisting ? ' overwrites' : ''}`,
  );
}

describe('a path word with loop candidates is resolved once per candidate', () => {
  const table: Array<[string, string, string[]]> = [
    ['files in the project', 'for f in a.txt b.txt; do cat "$f"; done', ['cat read exact @/a.txt', 'cat read exact @/b.txt']],
    ['a glob value stays a glob, and each match is judged', 'for f in src/*.ts; do wc -l "$f"; done', ['wc read exact @/src/*.ts', 'wc read exact @/src/x.ts']],
    ['text around the variable', 'for f in a b; do cat "out/$f.bak"; done', ['cat read exact @/out/a.bak', 'cat read exact @/out/b.bak']],
    ['a redirection that overwrites an existing file', 'for f in a b; do echo x > "$f.txt"; done', ['echo write exact @/a.txt overwrites', 'echo write exact @/b.txt']],
    ['cp keeps its source and target kinds', 'for f in a b; do cp "$f.txt" /tmp/"$f"; done', ['cp read exact @/a.txt', 'cp write exact /tmp/a', 'cp read exact @/b.txt', 'cp write exact /tmp/b']],
    ['a value that is an option with a file', 'for o in --output=/etc/x; do sort $o a.txt; done', ['sort write exact /etc/x', 'sort read exact @/a.txt']],
    ['a value that is a flag, not a file', 'for o in -n; do sort $o a.txt; done', ['sort read exact @/a.txt']],
    ['a relative cd in a loop: after the first, where it lands is unknown', 'for d in src lib; do cd "$d"; done', ['cd cwd exact @/src', 'cd cwd unknown @']],
    ['an absolute cd per candidate', 'for d in /tmp /var; do cd "$d"; done', ['cd cwd exact /tmp', 'cd cwd exact /var']],
    ['a word without candidates stays unknown', 'for f in $(ls); do cat "$f"; done', ['cat read unknown @']],
  ];
  it.each(table)('%s', (_title, script, expected) => {
    expect(paths(script)).toEqual(expected);
  });
});

describe('a glob is judged by what it matches now', () => {
  const table: Array<[string, string, string[]]> = [
    ['a match that is a symlink out of the project', 'cat link-*/passwd', ['cat read exact @/link-*/passwd', 'cat read exact /etc/passwd']],
    ['the same through a loop value', 'for f in link-*; do cat "$f/passwd"; done', ['cat read exact @/link-*/passwd', 'cat read exact /etc/passwd']],
    ['.. after a symlinked match climbs from its target', 'cat link-*/../x', ['cat read exact @/x', 'cat read exact /x']],
    ['a cd into a glob', 'cd link-*', ['cd cwd exact @/link-*', 'cd cwd exact /etc']],
    ['no match: the pattern itself', 'cat nothing-*.md', ['cat read exact @/nothing-*.md']],
    ['too many entries: only the directory is known', 'cat many/*', ['cat read exact @/many/*', 'cat read prefix @/many']],
  ];
  it.each(table)('%s', (_title, script, expected) => {
    expect(paths(script)).toEqual(expected);
  });
});

describe('a cd to a directory from the shell\'s stack: known when this script put it there, else later relative paths are unknown', () => {
  const table: Array<[string, string, string[]]> = [
    ['cd -', 'cd - && cat ../x /tmp/y', ['cat read unknown @', 'cat read exact /tmp/y']],
    ['popd', 'popd; cat x', ['cat read unknown @']],
    ['bare pushd (swaps the top two)', 'pushd; cat x', ['cat read unknown @']],
    ['pushd +1', 'pushd +1; cat x', ['cat read unknown @']],
    ['pushd to a known directory still tracks it', 'pushd src; cat x', ['pushd cwd exact @/src', 'cat read exact @/src/x']],
    ['popd back from this script\'s own pushd', 'pushd src >/dev/null; cat x; popd >/dev/null; cat a.txt', ['pushd write exact /dev/null', 'pushd cwd exact @/src', 'cat read exact @/src/x', 'popd write exact /dev/null', 'cat read exact @/a.txt']],
    ['nested pushd/popd pairs', 'pushd src; pushd /tmp; popd; cat x; popd; cat y', ['pushd cwd exact @/src', 'pushd cwd exact /tmp', 'cat read exact @/src/x', 'cat read exact @/y']],
    ['one popd too many: the session\'s stack', 'pushd src; popd; popd; cat x', ['pushd cwd exact @/src', 'cat read unknown @']],
    ['popd after a pushd that may not have run', 'test -d src && pushd src; popd; cat x', ['pushd cwd exact @/src', 'cat read unknown @']],
    ['cd - back from this script\'s own cd', 'cd /tmp; cd -; cat a.txt', ['cd cwd exact /tmp', 'cat read exact @/a.txt']],
    ['cd - after a cd that may not have run', 'test -d src && cd src; cd -; cat a.txt', ['cd cwd exact @/src', 'cat read unknown @']],
  ];
  it.each(table)('%s', (_title, script, expected) => {
    expect(paths(script)).toEqual(expected);
  });
});

describe('programs that act on a symlink operand itself, not its target', () => {
  const table: Array<[string, string, string[]]> = [
    ['du does not follow a link named on its command line', 'du -sh link-etc', ['du read exact @/link-etc']],
    ['du -L does', 'du -shL link-etc', ['du read exact /etc']],
    ['a trailing slash is followed by every program', 'du -sh link-etc/', ['du read exact /etc']],
    ['rm removes the link', 'rm link-etc', ['rm write exact @/link-etc']],
    ['cat reads the target', 'cat link-etc', ['cat read exact /etc']],
    ['a redirection always follows', 'du -sh a.txt > link-etc', ['du write exact /etc', 'du read exact @/a.txt']],
  ];
  it.each(table)('%s', (_title, script, expected) => {
    expect(paths(script)).toEqual(expected);
  });
});
