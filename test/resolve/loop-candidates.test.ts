import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseScript } from '../../src/parse/index.js';
import { resolveScript } from '../../src/resolve/index.js';

// A real project: <tmp>/argent-loops-XXXX/project with src/ and an existing a.txt.
const base = realpathSync(mkdtempSync(join(tmpdir(), 'argent-loops-')));
const project = join(base, 'project');
mkdirSync(join(project, 'src'), { recursive: true });
writeFileSync(join(project, 'a.txt'), 'a\n');
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
    ['a glob value stays a glob', 'for f in src/*.ts; do wc -l "$f"; done', ['wc read exact @/src/*.ts']],
    ['a glob outside', 'for f in /etc/*; do cat "$f"; done', ['cat read exact /etc/*']],
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
