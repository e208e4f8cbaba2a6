// What `npm run build` (scripts/bundle.mjs) leaves for the bins: a loader, a bundle and a V8 code cache
// that V8 accepts for that bundle. A cache that V8 rejected would not fail anything, only make every
// start ~40 ms slower, so it is checked here rather than noticed in a benchmark.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Script } from 'node:vm';
import { describe, expect, test } from 'vitest';

const CLIS = ['argent-run', 'argent'];

describe.each(CLIS)('the %s bin', (name) => {
  const bin = resolve(`dist/src/cli/${name}.cjs`);
  const bundle = resolve(`dist/src/bundle/${name}.cjs`);

  test('names the digest of its bundle, and its cache was made from that bundle', () => {
    const bytes = readFileSync(bundle);
    const digest = createHash('sha256').update(bytes).digest('hex');
    expect(readFileSync(bin, 'utf8')).toContain(`'${digest}'`);
    expect(readFileSync(`${bundle}.cache`).subarray(0, 32).toString('hex')).toBe(digest);
  });

  test('has a code cache that V8 accepts for the bundle', () => {
    const cache = readFileSync(`${bundle}.cache`).subarray(32);
    const script = new Script(readFileSync(bundle, 'latin1'), { filename: bundle, cachedData: cache });
    expect(script.cachedDataRejected).toBe(false);
  });

  test('leaves out what the CLIs never load (pino transports, worker threads, babylon, node:assert)', () => {
    const code = readFileSync(bundle, 'latin1');
    expect(code).not.toMatch(/require\("(node:)?worker_threads"\)/);
    expect(code).not.toMatch(/require\("(node:)?assert"\)/);
    expect(code).not.toContain('node_modules/thread-stream');
    expect(code).not.toContain('node_modules/babylon');
  });

  test('runs (--version)', () => {
    const r = spawnSync('node', [bin, '--version'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^argent(-run)? \d+\.\d+\.\d+\n$/);
  });
});
