import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { bwrapHasDisableUserns, findHostTools } from '../../src/sandbox/host.js';

const dir = mkdtempSync(join(tmpdir(), 'argent-host-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('bwrapHasDisableUserns', () => {
  test('agrees with what the host bwrap says in --help (0.8.0 here: present), and findHostTools reports it', () => {
    const tools = findHostTools();
    const help = spawnSync(tools.bwrap, ['--help'], { encoding: 'utf8' });
    const advertised = `${help.stdout}${help.stderr}`.includes('--disable-userns');
    expect(bwrapHasDisableUserns(tools.bwrap)).toBe(advertised);
    expect(tools.disableUserns).toBe(advertised);
  });

  test('is false for a binary without the option string and for a file it cannot read', () => {
    const old = join(dir, 'bwrap-0.6');
    writeFileSync(old, 'ELF... --unshare-user --cap-drop --seccomp');
    expect(bwrapHasDisableUserns(old)).toBe(false);
    expect(bwrapHasDisableUserns(join(dir, 'missing'))).toBe(false);
  });
});
