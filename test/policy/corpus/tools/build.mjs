// Builds the corpus JSONL files from the hand-written *.cases sources (readable multi-line commands,
// no JSON escaping) plus generated size/nesting cases, and refreshes the class table in README.md.
// Run: node test/policy/corpus/tools/build.mjs   (never runs any command of the corpus)
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatedCases } from './generate-long.mjs';

const corpusDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const casesDir = join(corpusDir, 'cases');
const EXPECTS = new Map([
  ['allow', 'allow'],
  ['approval', 'approval-required'],
  ['approval-required', 'approval-required'],
  ['blocked', 'blocked'],
  ['not-allow', 'not-allow'],
]);
const PROFILES = new Set(['sandboxed', 'personal', 'locked', 'customer-facing', 'unrestricted', 'development', 'workdir-only']);

// Header: "=== EXPECT [PROFILE] [esc] :: note". Everything up to the next header or directive is the command.
function parseCases(file) {
  const name = basename(file, '.cases');
  const lines = readFileSync(file, 'utf8').split('\n');
  const out = [];
  let cls = name;
  let profile = 'sandboxed';
  let cur = null;
  const finish = () => {
    if (!cur) return;
    while (cur.body.length && cur.body[cur.body.length - 1].trim() === '') cur.body.pop();
    let cmd = cur.body.join('\n');
    if (cur.esc) cmd = unescape(cmd);
    if (cmd === '' && !cur.allowEmpty) throw new Error(`${file}:${cur.line}: empty command`);
    out.push({ id: `${name}-${String(out.length + 1).padStart(3, '0')}`, class: cur.cls, cmd, expect: cur.expect, profile: cur.profile, note: cur.note });
    cur = null;
  };
  lines.forEach((line, i) => {
    if (line.startsWith('=== ')) {
      finish();
      const [head, ...noteParts] = line.slice(4).split(' :: ');
      const words = head.trim().split(/\s+/);
      const expect = EXPECTS.get(words[0]);
      if (!expect) throw new Error(`${file}:${i + 1}: bad expectation ${words[0]}`);
      let p = profile;
      let esc = false;
      let allowEmpty = false;
      for (const w of words.slice(1)) {
        if (PROFILES.has(w)) p = w;
        else if (w === 'esc') esc = true;
        else if (w === 'empty') allowEmpty = true;
        else throw new Error(`${file}:${i + 1}: unknown header word ${w}`);
      }
      const note = noteParts.join(' :: ').trim();
      if (!note) throw new Error(`${file}:${i + 1}: every case needs a note`);
      cur = { expect, profile: p, esc, allowEmpty, note, cls, body: [], line: i + 1 };
    } else if (!cur && line.startsWith('@class ')) {
      cls = line.slice(7).trim();
    } else if (cur && line.startsWith('@class ')) {
      finish();
      cls = line.slice(7).trim();
    } else if (line.startsWith('@profile ')) {
      finish();
      profile = line.slice(9).trim();
    } else if (cur) {
      cur.body.push(line);
    } else if (line.trim() !== '' && !line.startsWith('#')) {
      throw new Error(`${file}:${i + 1}: text outside a case`);
    }
  });
  finish();
  return out;
}

// Only in cases marked "esc": \t, \n and \u{HEX} (for tabs and invisible characters a reader cannot see).
function unescape(s) {
  return s.replace(/\\u\{([0-9a-fA-F]+)\}|\\t|\\n/g, (m, hex) => (hex ? String.fromCodePoint(parseInt(hex, 16)) : m === '\\t' ? '\t' : '\n'));
}

const all = [];
for (const f of readdirSync(casesDir).filter((f) => f.endsWith('.cases')).sort()) {
  const cases = parseCases(join(casesDir, f));
  writeFileSync(join(corpusDir, basename(f, '.cases') + '.jsonl'), cases.map((c) => JSON.stringify(c)).join('\n') + '\n');
  all.push(...cases);
}
const gen = generatedCases();
writeFileSync(join(corpusDir, 'generated-size.jsonl'), gen.map((c) => JSON.stringify(c)).join('\n') + '\n');
all.push(...gen);

const ids = new Set();
for (const c of all) {
  if (ids.has(c.id)) throw new Error(`duplicate id ${c.id}`);
  ids.add(c.id);
}

// Class table for the README, between the markers.
const byClass = new Map();
for (const c of all) {
  const row = byClass.get(c.class) ?? { total: 0, allow: 0, 'approval-required': 0, blocked: 0, 'not-allow': 0 };
  row.total++;
  row[c.expect]++;
  byClass.set(c.class, row);
}
const table = ['| class | cases | allow | approval-required | blocked | not-allow |', '|---|---|---|---|---|---|'];
const totals = { total: 0, allow: 0, 'approval-required': 0, blocked: 0, 'not-allow': 0 };
for (const [cls, r] of [...byClass].sort((a, b) => a[0].localeCompare(b[0]))) {
  table.push(`| ${cls} | ${r.total} | ${r.allow} | ${r['approval-required']} | ${r.blocked} | ${r['not-allow']} |`);
  for (const k of Object.keys(totals)) totals[k] += r[k];
}
table.push(`| **all** | **${totals.total}** | ${totals.allow} | ${totals['approval-required']} | ${totals.blocked} | ${totals['not-allow']} |`);
const readmePath = join(corpusDir, 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const start = '<!-- classes:start -->';
const end = '<!-- classes:end -->';
const a = readme.indexOf(start);
const b = readme.indexOf(end);
if (a < 0 || b < 0) throw new Error('README.md lacks the class-table markers');
writeFileSync(readmePath, readme.slice(0, a + start.length) + '\n' + table.join('\n') + '\n' + readme.slice(b));
console.log(table.join('\n'));
