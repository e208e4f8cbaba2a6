import { mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseScript } from '../../src/parse/index.js';
import { resolveScript } from '../../src/resolve/index.js';

// <tmp>/argent-cwdopt-XXXX/project with src/, and a deeper directory outside it.
const base = realpathSync(mkdtempSync(join(tmpdir(), 'argent-cwdopt-')));
const project = join(base, 'project');
mkdirSync(join(project, 'src'), { recursive: true });
mkdirSync(join(base, 'a', 'b', 'c'), { recursive: true });
afterAll(() => rmSync(base, { recursive: true, force: true }));

/** The resolved paths as "command access path" (project shown as @, its parent as ^). */
function paths(script: string): string[] {
  return resolveScript(parseScript(script), { cwd: project, home: '/root' }).map((p) =>
    `${p.command} ${p.access} ${p.resolved.replace(project, '@').replace(base, '^')}`,
  );
}

describe('a wrapper\'s cwd option moves the commands it runs, and only those', () => {
  it.each<[string, string, string[]]>([
    ['env -C', 'env -C src cat x.ts; cat y', ['env read @/src', 'cat read @/src/x.ts', 'cat read @/y']],
    ['env --chdir= and a nested shell', "env --chdir=/etc sh -c 'cat passwd'", ['env read /etc', 'sh read /etc/cat passwd', 'cat read /etc/passwd']],
    ['sudo -D', 'sudo -D /etc cat shadow', ['sudo read /etc', 'cat read /etc/shadow']],
    ['an absolute dir with ..', 'env -C ../a/b/c cat ../../../secret', ['env read ^/a/b/c', 'cat read ^/secret']],
  ])('%s', (_, script, expected) => {
    expect(paths(script)).toEqual(expected);
  });
});

describe('a program\'s own -C reads its relative paths from there', () => {
  it.each<[string, string, string[]]>([
    ['git -C', 'git -C ../a diff --no-index ../secret x/y', ['git read ^/a', 'git read ^/secret', 'git read ^/a/x/y']],
    ['make -C twice, each relative to the last', 'make -C ../a -C b -f ../Makefile', ['make read ^/a', 'make read ^/a/b', 'make read ^/a/Makefile']],
    ['go -C', 'go -C ../a build ./x', ['go read ^/a', 'go read ^/a/x']],
    ['tar -C: from both places, since it applies only to later words', 'tar -C ../a -cf out.tar src/x', ['tar read ^/a', 'tar read @/out.tar', 'tar read ^/a/out.tar', 'tar write @/out.tar', 'tar read @/src/x', 'tar read ^/a/src/x']],
  ])('%s', (_, script, expected) => {
    expect([...new Set(paths(script))].sort()).toEqual([...new Set(expected)].sort());
  });
});

describe('wrapper file options', () => {
  it.each<[string, string[]]>([
    ['xargs -n 1 -a /etc/passwd echo', ['xargs read /etc/passwd']],
    ['xargs --arg-file=/etc/passwd echo', ['xargs read /etc/passwd']],
    ['parallel --joblog /etc/log echo ::: a', ['parallel write /etc/log', 'parallel read /etc/log']],
    ['time -o /etc/t ls', ['time write /etc/t']],
    ['parallel echo :::: /etc/passwd ::: a', ['parallel read /etc/passwd', 'parallel read /etc/passwd']],
  ])('%s', (script, expected) => {
    expect(paths(script).filter((p) => !p.startsWith('echo') && !p.startsWith('ls'))).toEqual(expected);
  });
});
