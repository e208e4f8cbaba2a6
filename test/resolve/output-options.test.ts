import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseScript } from '../../src/parse/index.js';
import { resolveScript } from '../../src/resolve/index.js';
import { outputWords } from '../../src/resolve/output-options.js';

// A real project with an existing README.md, so replacing it is destructive and creating new.tgz is not.
const project = realpathSync(mkdtempSync(join(tmpdir(), 'argent-outputs-')));
mkdirSync(join(project, 'sub'));
writeFileSync(join(project, 'README.md'), '# demo\n');
afterAll(() => rmSync(project, { recursive: true, force: true }));

/** The output words of a one-command script, as their text. */
const outputs = (command: string): string[] => outputWords(parseScript(command).commands[0]!).map((w) => w.text.replace(/\u0000/g, '?'));

/** The paths resolved as overwriting an existing file (project shown as @). */
const overwritten = (command: string): string[] =>
  resolveScript(parseScript(command), { cwd: project, home: '/root' })
    .filter((p) => p.overwritesExisting)
    .map((p) => `${p.command} ${p.resolved.replace(project, '@')}`);

describe("a program's own output options name the file it replaces", () => {
  it.each([
    ['tar -cf out.tar src', ['out.tar']],
    ['tar czf out.tgz src', ['out.tgz']],
    ['tar --create --file=out.tar src', ['out.tar']],
    ['tar -xf in.tar', []],
    ['wget -qO page.html https://example.com/', ['page.html']],
    ['wget --output-document page.html https://example.com/', ['page.html']],
    ['wget -O- https://example.com/', []],
    ['curl -sSLo page.html https://example.com/', ['page.html']],
    ['curl -XDELETE https://example.com/', []],
    ['git archive -o out.zip HEAD', ['out.zip']],
    ['git -C sub archive --output=out.zip HEAD', ['sub/out.zip']],
    ['git bundle create repo.bundle HEAD', ['repo.bundle']],
    ['git bundle verify repo.bundle', []],
    ['tsc --outFile out.js', ['out.js']],
    ['openssl enc -in a -out b', ['b']],
    ['sponge out.txt', ['out.txt']],
    ['sponge -a out.txt', []],
    ['curl -LO https://example.com/dl/README.md?x=1', ['README.md']],
    ['curl -OJ https://example.com/dl', ['?']],
    ['curl https://example.com/dl/README.md', []],
    ['uniq -f 1 in.txt out.txt', ['out.txt']],
    ['xxd -r -c 16 dump.hex out.bin', ['out.bin']],
    ['jar cf app.jar -C build .', ['app.jar']],
    ['script -q -c true session.log', ['session.log']],
    ['rsync -a --exclude node_modules src/ dest/', ['dest/']],
    ['rsync -a src/ host:dest/', []],
    ['scp -P 22 a.txt b.txt', ['b.txt']],
    ['babel --out-file=out.js src', ['out.js']],
    ['git log -p --output=log.txt', ['log.txt']],
  ])('%s', (command, expected) => expect(outputs(command)).toEqual(expected));

  it('marks an existing target as overwritten, and a new one not', () => {
    expect(overwritten('tar -cf README.md src')).toEqual(['tar @/README.md']);
    expect(overwritten('git -C sub archive -o ../README.md HEAD')).toEqual(['git @/README.md']);
    expect(overwritten('sort list.txt | sponge README.md')).toEqual(['sponge @/README.md']);
    expect(overwritten('tar -czf new.tgz src && wget -O new.html https://example.com/')).toEqual([]);
  });

  it('does not report a target twice when the generic -o reading saw it too', () => {
    expect(overwritten('sort -o README.md README.md')).toEqual(['sort @/README.md']);
  });
});
