// Compiles TypeScript fixtures (and the src/ files they import) to JavaScript a child `node` can run:
// the tests spawn real processes (kill -9, PTYs), and Node 20 cannot run .ts files itself.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

export const REPO = resolve(import.meta.dirname, '..', '..');

const cache = new Map<string, string>();

/** Compiles `entries` (repo-relative .ts paths); returns the repo-relative path -> compiled .js path. */
export function buildChild(...entries: string[]): (entry: string) => string {
  const key = entries.join('\0');
  let out = cache.get(key);
  if (out === undefined) {
    out = mkdtempSync(join(tmpdir(), 'argent-child-'));
    const tsc = join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');
    // The project's own compiler settings (tsconfig.json), minus `include`: only these entries and their imports.
    const flags = ['--outDir', out, '--rootDir', REPO, '--module', 'NodeNext', '--moduleResolution', 'NodeNext', '--target', 'ES2023', '--strict', '--noUncheckedIndexedAccess'];
    try {
      execFileSync(process.execPath, [tsc, ...flags, '--skipLibCheck', '--esModuleInterop', '--types', 'node', ...entries.map((e) => join(REPO, e))], { cwd: REPO, stdio: 'pipe' });
    } catch (err) {
      throw new Error(`tsc failed for ${entries.join(', ')}:\n${(err as { stdout?: Buffer }).stdout?.toString() ?? ''}`);
    }
    // ESM resolves bare imports (pino, node-pty) by walking up from the file: give it the repo's node_modules.
    symlinkSync(join(REPO, 'node_modules'), join(out, 'node_modules'));
    writeFileSync(join(out, 'package.json'), '{"type":"module"}\n');
    cache.set(key, out);
  }
  const dir = out;
  return (entry) => join(dir, relative(REPO, join(REPO, entry)).replace(/\.ts$/, '.js'));
}
