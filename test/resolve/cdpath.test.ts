import { mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseScript } from '../../src/parse/index.js';
import { cdCandidates } from '../../src/resolve/cdpath.js';
import { resolveScript } from '../../src/resolve/index.js';

// <tmp>/argent-cdpath-XXXX/{project/src, other/src, other/only}
const base = realpathSync(mkdtempSync(join(tmpdir(), 'argent-cdpath-')));
const project = join(base, 'project');
const other = join(base, 'other');
for (const d of [join(project, 'src'), join(other, 'src'), join(other, 'only')]) mkdirSync(d, { recursive: true });
afterAll(() => rmSync(base, { recursive: true, force: true }));

/** Where `cat f` after the script reads from, as "certainty path" (base shown as @). */
function catAfter(script: string): string[] {
  return resolveScript(parseScript(`${script}; cat f`), { cwd: project, home: '/root' })
    .filter((p) => p.command === 'cat')
    .map((p) => `${p.certainty} ${p.resolved.replace(base, '@')}`);
}

describe('cd follows CDPATH as bash does', () => {
  it('looks the name up in CDPATH first', () => {
    expect(catAfter(`CDPATH=${other}; cd src`)).toEqual(['exact @/other/src/f']);
    expect(catAfter(`export CDPATH=${other}; cd only`)).toEqual(['exact @/other/only/f']);
    expect(catAfter(`CDPATH=${other} cd src`)).toEqual(['exact @/other/src/f']);
  });

  it('does not use CDPATH for names starting with / . or ..', () => {
    expect(catAfter(`CDPATH=${other}; cd ./src`)).toEqual(['exact @/project/src/f']);
  });

  it('falls back to the cwd, keeping a CDPATH entry that may still be created', () => {
    expect(cdCandidates([`${other}:`], project, 'src', () => false)).toEqual([`${other}/src`, `${project}/src`]);
    expect(cdCandidates([':/x'], project, 'src', (p) => p === `${project}/src`)).toEqual([`${project}/src`]);
  });

  it('makes the cwd unknown when CDPATH may have been set some unknown way', () => {
    expect(catAfter('read CDPATH; cd src')).toEqual([`unknown @/project`]);
    expect(catAfter('CDPATH=$X; cd src')).toEqual([`unknown @/project`]);
  });

  it('makes relative cds unknown once cdable_vars may read a name as a variable', () => {
    expect(catAfter('shopt -s cdable_vars; cd src')).toEqual([`unknown @/project`]);
  });

  it('leaves cd alone when CDPATH is only read or unset', () => {
    expect(catAfter('echo "$CDPATH"; cd src')).toEqual(['exact @/project/src/f']);
    expect(catAfter(`CDPATH=${other}; unset CDPATH; cd src`)).toEqual(['exact @/project/src/f']);
  });
});

describe('a bare cd goes to $HOME as the script set it', () => {
  it('follows a sure HOME assignment, and its own prefix assignment', () => {
    expect(catAfter(`HOME=${other}; cd`)).toEqual(['exact @/other/f']);
    expect(catAfter(`HOME=${other} cd`)).toEqual(['exact @/other/f']);
  });

  it('goes to the session home while HOME is untouched or only read', () => {
    expect(catAfter(`echo "$HOME" $MY_HOME; cd`)).toEqual(['exact /root/f']);
  });

  it('asks where HOME may have been set some unknown way', () => {
    const cd = resolveScript(parseScript('read HOME; cd'), { cwd: project, home: '/root' }).find((p) => p.command === 'cd');
    expect(cd?.certainty).toBe('unknown');
  });
});
