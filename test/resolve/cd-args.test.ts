import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseScript } from '../../src/parse/index.js';
import { cdArgs, nextPhysical } from '../../src/resolve/cd-args.js';
import { resolveScript } from '../../src/resolve/index.js';

// <tmp>/argent-cdargs-XXXX/{project/link -> ../other/deep, other/deep}
const base = realpathSync(mkdtempSync(join(tmpdir(), 'argent-cdargs-')));
const project = join(base, 'project');
const other = join(base, 'other');
mkdirSync(project, { recursive: true });
mkdirSync(join(other, 'deep'), { recursive: true });
symlinkSync(join(other, 'deep'), join(project, 'link'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

/** Where `cat f` after the script reads from, as "certainty path" (base shown as @). */
function catAfter(script: string): string[] {
  return resolveScript(parseScript(`${script}; cat f`), { cwd: project, home: '/root' })
    .filter((p) => p.command === 'cat')
    .map((p) => `${p.certainty} ${p.resolved.replace(base, '@')}`);
}

const cmd = (s: string) => parseScript(s).commands[0]!;

describe('cd options', () => {
  it('reads combined flags, the last of -L/-P winning, and --', () => {
    expect(cdArgs(cmd('cd -Pe x')).physical).toBe('physical');
    expect(cdArgs(cmd('cd -LP x')).physical).toBe('physical');
    expect(cdArgs(cmd('cd -PL x')).physical).toBe('logical');
    expect(cdArgs(cmd('cd -P -- -x')).target?.text).toBe('-x');
    expect(cdArgs(cmd('cd x')).physical).toBeUndefined();
    expect(cdArgs(cmd('pushd -n x')).noChange).toBe(true);
  });

  it('tracks the physical shell option', () => {
    for (const s of ['set -P', 'set -euP', 'set -o physical', 'set -o errexit -o physical', 'set -eo physical', 'shopt -so physical', 'shopt -s -o physical']) {
      expect(nextPhysical('logical', cmd(s))).toBe('physical');
    }
    expect(nextPhysical('physical', cmd('set +P'))).toBe('logical');
    expect(nextPhysical('logical', cmd('set -e'))).toBe('logical');
    expect(nextPhysical('logical', cmd('set -o pipefail -- -P'))).toBe('logical');
    expect(nextPhysical('physical', cmd('set +o physical'))).toBe('logical');
    expect(nextPhysical('logical', cmd('shopt -s physical'))).toBe('logical');
    expect(nextPhysical('logical', parseScript('true && set -P').commands[1]!)).toBe('either');
    expect(nextPhysical('logical', cmd('set -$flags'))).toBe('either');
  });
});

describe('physical cd climbs from the link target', () => {
  it('is logical by default and physical with -P, set -P or -Pe', () => {
    expect(catAfter('cd link/..')).toEqual(['exact @/project/f']);
    for (const s of ['cd -P link/..', 'cd -Pe link/..', 'cd -LP link/..', 'cd -P -- link/..', 'set -P; cd link/..', 'set -o physical; pushd link/..']) {
      expect(catAfter(s)).toEqual(['exact @/other/f']);
    }
  });

  it('takes a shell started with -P as maybe physical', () => {
    expect(catAfter(`bash -P -c 'cd link/..; cat f'`)).toContain('exact @/other/f');
    expect(catAfter(`bash -o physical -c 'cd link/..; cat f'`)).toContain('exact @/other/f');
    expect(catAfter(`bash -e -c 'cd link/..; cat f'`)).not.toContain('exact @/other/f');
  });

  it('keeps both when set -P may not have run', () => {
    expect(catAfter('[ -n "$X" ] && set -P; cd link/..')).toEqual(['exact @/project/f', 'exact @/other/f']);
  });
});

describe('OLDPWD and the directory stack', () => {
  it('knows OLDPWD only when the script set it', () => {
    expect(catAfter(`OLDPWD=${other}; cd -`)).toEqual(['exact @/other/f']);
    expect(catAfter(`export OLDPWD=${other}; cd "$OLDPWD"`)).toEqual(['exact @/other/f']);
    expect(catAfter('cd -- "$OLDPWD"')[0]).toMatch(/^unknown/);
  });

  it('rotates with pushd +N and forgets an edited stack', () => {
    expect(catAfter(`pushd -n ${other}; pushd +1`)).toEqual(['exact @/other/f']);
    expect(catAfter(`pushd -n ${other}; pushd -0`)).toEqual(['exact @/other/f']);
    expect(catAfter(`pushd ${other}; popd`)).toEqual(['exact @/project/f']);
    expect(catAfter(`pushd ${other}; DIRSTACK[1]=/etc; popd`)[0]).toMatch(/^unknown/);
  });
});
