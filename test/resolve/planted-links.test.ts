import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseScript } from '../../src/parse/index.js';
import { resolveScript } from '../../src/resolve/index.js';
import { climbsThroughName } from '../../src/resolve/planted-links.js';

// <tmp>/argent-planted-XXXX/project/{src/index.ts, tree/{up -> .., sub/etc -> /etc}, up -> .., dir/}
const base = realpathSync(mkdtempSync(join(tmpdir(), 'argent-planted-')));
const project = join(base, 'project');
for (const d of ['src', 'tree/sub', 'dir']) mkdirSync(join(project, d), { recursive: true });
writeFileSync(join(project, 'src/index.ts'), '');
symlinkSync('..', join(project, 'up'));
symlinkSync('..', join(project, 'tree/up'));
symlinkSync('/etc', join(project, 'tree/sub/etc'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

/** What the last command (a cat) of the script reads, as "certainty path" (base shown as @). */
function catAfter(script: string): string[] {
  return resolveScript(parseScript(script), { cwd: project, home: '/root' })
    .filter((p) => p.command === 'cat')
    .map((p) => `${p.certainty} ${p.resolved.replace(base, '@')}`);
}

describe('links the script itself plants are walked as the kernel will', () => {
  it('climbs from the target of a planted symbolic link, in every spelling of ln -s', () => {
    for (const ln of ['ln -s /tmp t', 'ln --symbolic /tmp t', 'ln --sym /tmp t', 'ln -sfn /tmp/ t', 'ln -sr /tmp t', 'ln -s -t . /tmp', 'ln -s /tmp', 'ln -sT /tmp t']) {
      const name = ln.endsWith('t') ? 't' : 'tmp';
      expect(catAfter(`${ln} && cat ${name}/../etc/passwd`), ln).toEqual(['exact /etc/passwd']);
    }
  });

  it('resolves a relative target from the link, not from the cwd', () => {
    expect(catAfter('ln -s .. u && cat u/../../etc/shadow')).toEqual([`exact ${posixUp(project, 3)}/etc/shadow`]);
    expect(catAfter('mkdir -p a/b && ln -s ../.. a/b/up && cat a/b/up/x')).toEqual(['exact @/project/x']);
  });

  it('finds a link planted in a directory made by the same script', () => {
    expect(catAfter('mkdir -p d && ln -s /tmp d/t && cat d/t/../etc/passwd')).toEqual(['exact /etc/passwd']);
  });

  it('puts a link named after an existing directory inside it', () => {
    expect(catAfter('ln -s /tmp dir && cat dir/tmp/../etc/passwd')).toEqual(['exact /etc/passwd']);
  });

  it('follows a cd into a planted link', () => {
    // After `&&` the cd may not have run: the old cwd stays possible too.
    expect(catAfter('ln -s /tmp t; cd t; cat ../etc/passwd')).toEqual(['exact /etc/passwd']);
    expect(catAfter('ln -s /tmp t; cd -P t/..; cat etc/shadow')).toEqual(['exact /etc/shadow']);
  });

  it('tracks copies and renames that keep a symlink a symlink', () => {
    const twoUp = `exact ${posixUp(project, 3)}/etc/passwd`;
    for (const copy of ['cp -P up x', 'cp -a up x', 'cp -d up x', 'cp -r up x', 'mv up x', 'ln up x', 'rsync -a up x']) {
      expect(catAfter(`${copy} && cat x/../../etc/passwd`), copy).toEqual([twoUp]);
    }
    expect(catAfter('cp -s /tmp x && cat x/../etc/passwd')).toEqual(['exact /etc/passwd']);
  });

  it('does not take a followed copy for a link', () => {
    expect(catAfter('cp up x && cat x/../y')).toEqual(['exact @/project/y']);
    expect(catAfter('cp -aL up x && cat x/../y')).toEqual(['exact @/project/y']);
  });

  it('carries the links inside a copied directory over to the copy', () => {
    expect(catAfter('cp -r tree t2 && cat t2/sub/etc/passwd')).toEqual(['exact /etc/passwd']);
    expect(catAfter('cp -a tree t2 && cat t2/up/../x')).toEqual(['exact @/x']);
  });

  it('judges a walk through a link to an unknown target as unknown', () => {
    expect(catAfter('ln -s "$(pwd)" t && cat t/../etc/passwd')).toEqual(['unknown @/project']);
  });

  it('judges any climb through a name as unknown once a link may sit anywhere', () => {
    expect(catAfter('ln -s /tmp "$NAME"; cat a/../etc/passwd')).toEqual(['unknown @/project']);
    expect(catAfter('ln $opts /tmp t; cat t/../etc/passwd')).toEqual(['unknown @/project']);
  });

  it('judges a climb through a name as unknown after an archive is unpacked', () => {
    for (const unpack of ['tar -xf a.tar -C x', 'tar xzf a.tgz', 'tar --extract -f a.tar', 'unzip a.zip', 'cpio -idm < a.cpio']) {
      expect(catAfter(`${unpack}; cat x/link/../../etc/passwd`), unpack).toEqual(['unknown @/project']);
    }
    expect(catAfter('tar -tf a.tar; unzip -l a.zip; cat x/../README.md')).toEqual(['exact @/project/README.md']);
  });

  it('leaves ordinary links and paths as they were', () => {
    expect(catAfter('ln -s src s2 && cat s2/index.ts')).toEqual(['exact @/project/src/index.ts']);
    expect(catAfter('cp -r src build && cat build/../README.md')).toEqual(['exact @/project/README.md']);
  });
});

describe('climbsThroughName', () => {
  it('is true only for a .. that follows a name', () => {
    expect([climbsThroughName('a/../b'), climbsThroughName('../b'), climbsThroughName('./../b'), climbsThroughName('/x/..')]).toEqual([true, false, false, true]);
  });
});

function posixUp(path: string, n: number): string {
  let p = path;
  for (let i = 0; i < n; i++) p = p.slice(0, p.lastIndexOf('/')) || '/';
  return p === '/' ? '' : p;
}
