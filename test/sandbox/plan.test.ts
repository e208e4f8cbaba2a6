import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { ArgentError } from '../../src/errors.js';
import { expandAllowedPaths, planSandbox } from '../../src/sandbox/plan.js';
import { makeFixture } from './helpers.js';

const fx = makeFixture({}, { allowedPaths: ['${WORKDIR}', '/tmp/'] });
afterAll(() => fx.cleanup());

describe('planSandbox', () => {
  test('expands ${WORKDIR} and ~, drops trailing slashes and entries that do not exist', () => {
    const home = mkdtempSync(join(tmpdir(), 'argent-home-'));
    mkdirSync(join(home, 'proj'));
    try {
      expect(expandAllowedPaths(['${WORKDIR}', '~/proj/', '~/missing', '/tmp/'], fx.workdir, home)).toEqual([fx.workdir, join(home, 'proj'), '/tmp']);
    } finally {
      rmSync(home, { recursive: true });
    }
  });

  test('protects a log file inside a writable root, but not the folder above the working root', () => {
    const log = join(fx.root, 'audit.log');
    writeFileSync(log, '');
    const plan = planSandbox({ profile: fx.profile, workdir: fx.workdir, hostEnv: { HOME: '/root' }, protect: [log, fx.root] });
    expect(plan.bwrap.protectedPaths).toEqual([fx.profileFile, log]);
    expect(plan.bwrap.sharedTmp).toBe(true);
  });

  test('refuses a working root outside allowedPaths, naming the allowed ones', () => {
    let err: unknown;
    try {
      const profile = { ...fx.profile, toolPolicies: { exec: { allowedPaths: [fx.workdir, '/tmp/'] } } };
      planSandbox({ profile, workdir: '/usr', hostEnv: { HOME: '/root' } });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ArgentError);
    expect((err as ArgentError).code).toBe('WORKDIR_INVALID');
    expect((err as ArgentError).problems).toEqual([`allowedPaths (existing): ${fx.workdir}, /tmp`]);
  });
});
