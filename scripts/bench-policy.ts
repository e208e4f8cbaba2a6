// `npm run bench`: the policy engine on real commands (never executed). For every corpus it prints
// decisions per second, p50/p99 decision latency, bash-parser's bare parse time of the same commands
// measured in the same run, their ratio, the decision mix and how many fell back to "unparseable".
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluate } from '../src/policy/evaluate.js';
import type { Evaluation } from '../src/policy/types.js';
import { loadProfile } from '../src/profile/load.js';

const require = createRequire(import.meta.url);
const bashParse = require('bash-parser') as (s: string) => unknown;
const root = join(fileURLToPath(import.meta.url), '..', '..', '..');

function lines(file: string): string[] {
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '');
}

function jsonl(file: string): string[] {
  return lines(file).map((l) => {
    const v = JSON.parse(l) as unknown;
    return typeof v === 'string' ? v : String((v as { cmd: string }).cmd);
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

function timeEach(commands: string[], fn: (c: string) => unknown): number[] {
  const times: number[] = [];
  for (const c of commands) {
    const t0 = process.hrtime.bigint();
    try {
      fn(c);
    } catch {
      // bash-parser throws on what it rejects; the time still counts.
    }
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return times.sort((a, b) => a - b);
}

function bench(name: string, commands: string[], cwd: string): void {
  const profile = loadProfile('sandboxed');
  const decide = (c: string): Evaluation => evaluate(c, profile, { cwd });
  commands.slice(0, 200).forEach((c) => {
    decide(c);
    try {
      bashParse(c);
    } catch {
      /* warm-up */
    }
  });
  const mix = { allow: 0, 'approval-required': 0, blocked: 0 };
  let unparseable = 0;
  for (const c of commands) {
    const e = decide(c);
    mix[e.decision]++;
    if (e.rules.some((r) => r.key === 'builtin.unparseable')) unparseable++;
  }
  const parse = timeEach(commands, (c) => bashParse(c));
  const total = timeEach(commands, decide);
  const sum = total.reduce((a, b) => a + b, 0);
  const p50 = percentile(total, 50);
  const parseP50 = percentile(parse, 50);
  const pct = (n: number) => `${((100 * n) / commands.length).toFixed(1)}%`;
  console.log(`\n## ${name} (${commands.length} commands)`);
  console.log(`decisions/s ${(commands.length / (sum / 1000)).toFixed(0)}   p50 ${p50.toFixed(3)} ms   p99 ${percentile(total, 99).toFixed(3)} ms   max ${total[total.length - 1]!.toFixed(2)} ms`);
  console.log(`bare bash-parser parse: p50 ${parseP50.toFixed(3)} ms   p99 ${percentile(parse, 99).toFixed(3)} ms   -> decision/parse ratio at p50: ${(p50 / parseP50).toFixed(2)}x`);
  console.log(`parsed without the unparseable fallback: ${pct(commands.length - unparseable)}   decisions: allow ${pct(mix.allow)}, approval-required ${pct(mix['approval-required'])}, blocked ${pct(mix.blocked)}`);
}

function main(): void {
  const shared = join(root, '..', 'shared', 'corpora');
  const base = mkdtempSync(join(tmpdir(), 'argent-bench-'));
  const cwd = join(base, 'project');
  mkdirSync(cwd);
  try {
    bench('agent multi-line actions (test/fixtures/agent-actions/multiline.jsonl)', jsonl(join(root, 'test', 'fixtures', 'agent-actions', 'multiline.jsonl')), cwd);
    for (const file of ['nl2bash.txt', 'tldr.txt']) {
      try {
        bench(`${file} (../shared/corpora)`, lines(join(shared, file)), cwd);
      } catch (err) {
        console.log(`\n## ${file}: skipped, ${(err as Error).message}`);
      }
    }
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}

main();
