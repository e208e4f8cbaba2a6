// Parse coverage and speed of the parse stage on real command corpora (never executed): how many
// inputs parse with no 'unparseable' unknown, and p50/p99 parse time next to bash-parser's bare parse
// time of the same inputs. Usage: node dist/scripts/parse-coverage.js [--show-failures N]

import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import bashParse from 'bash-parser';
import { parseScript } from '../src/parse/index.js';

const here = dirname(fileURLToPath(import.meta.url));
// Works from the sources (scripts/) and from the build (dist/scripts/).
const root = [resolve(here, '..'), resolve(here, '../..'), process.cwd()].find((r) => {
  try {
    readFileSync(join(r, 'package.json'));
    return true;
  } catch {
    return false;
  }
}) as string;

interface Corpus {
  name: string;
  inputs: string[];
}

function lines(path: string): string[] {
  return readFileSync(path, 'utf8').split('\n').filter((l) => l.trim() !== '');
}

function corpora(): Corpus[] {
  const shared = resolve(root, '../shared/corpora');
  return [
    { name: 'nl2bash (one-liners)', inputs: lines(join(shared, 'nl2bash.txt')) },
    { name: 'tldr (one-liners)', inputs: lines(join(shared, 'tldr.txt')) },
    { name: 'agent multi-line (fixture)', inputs: lines(join(root, 'test/fixtures/agent-actions/multiline.jsonl')).map((l) => JSON.parse(l) as string) },
  ];
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
}

function time(fn: () => void): number {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1000;
}

const showArg = process.argv.indexOf('--show-failures');
const show = showArg >= 0 ? Number(process.argv[showArg + 1] ?? 10) : 0;
const rows: string[][] = [['corpus', 'inputs', 'parsed', 'coverage', 'bare bash-parser', 'p50 us', 'p99 us', 'bare p50 us', 'bare p99 us', 'p50 ratio']];

for (const corpus of corpora()) {
  const ours: number[] = [];
  const bare: number[] = [];
  let parsed = 0;
  let bareParsed = 0;
  const failures: string[] = [];
  // Warm both up so the JIT does not count against whichever runs first.
  for (const input of corpus.inputs.slice(0, 200)) {
    parseScript(input);
    try {
      bashParse(input);
    } catch {
      /* counted below */
    }
  }
  for (const input of corpus.inputs) {
    let result: ReturnType<typeof parseScript> | undefined;
    ours.push(time(() => (result = parseScript(input))));
    const bad = result?.unknowns.find((u) => u.kind === 'unparseable');
    if (!bad) parsed++;
    else if (failures.length < show) failures.push(`${bad.detail}\n    ${input.slice(0, 300).replace(/\n/g, '\n    ')}`);
    bare.push(
      time(() => {
        try {
          bashParse(input);
          bareParsed++;
        } catch {
          /* bash-parser rejects it */
        }
      }),
    );
  }
  ours.sort((a, b) => a - b);
  bare.sort((a, b) => a - b);
  const n = corpus.inputs.length;
  const pct = (k: number): string => `${((100 * k) / n).toFixed(1)}%`;
  rows.push([
    corpus.name,
    String(n),
    String(parsed),
    pct(parsed),
    pct(bareParsed),
    percentile(ours, 50).toFixed(0),
    percentile(ours, 99).toFixed(0),
    percentile(bare, 50).toFixed(0),
    percentile(bare, 99).toFixed(0),
    (percentile(ours, 50) / Math.max(1, percentile(bare, 50))).toFixed(2),
  ]);
  if (failures.length) console.log(`\n${corpus.name}: first ${failures.length} unparseable\n  ${failures.join('\n  ')}`);
}

const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
console.log('');
for (const r of rows) console.log(r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  '));
