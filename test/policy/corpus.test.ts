// The adversarial corpus (test/policy/corpus/*.jsonl) run case by case through evaluate(): bypass
// attempts by class, and benign look-alikes (a false positive is a failure too). See corpus/README.md.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluate } from '../../src/policy/evaluate.js';
import type { Decision } from '../../src/policy/types.js';
import { loadProfile } from '../../src/profile/load.js';
import type { Profile } from '../../src/profile/profile.js';

type Expect = Decision | 'not-allow';
// Every shipped profile (profiles/*.json) by name, plus the corpus-only 'workdir-only'.
const SHIPPED = ['sandboxed', 'personal', 'locked', 'customer-facing', 'unrestricted', 'development'] as const;
type ProfileName = (typeof SHIPPED)[number] | 'workdir-only';

interface CorpusCase {
  id: string;
  class: string;
  cmd: string;
  expect: Expect;
  profile: ProfileName;
  note: string;
}

const corpusDir = join(dirname(fileURLToPath(import.meta.url)), 'corpus');
const EXPECTS: readonly Expect[] = ['allow', 'approval-required', 'blocked', 'not-allow'];
const PROFILES: readonly ProfileName[] = [...SHIPPED, 'workdir-only'];

function readCorpus(): CorpusCase[] {
  const cases: CorpusCase[] = [];
  for (const file of readdirSync(corpusDir).filter((f) => f.endsWith('.jsonl')).sort()) {
    const lines = readFileSync(join(corpusDir, file), 'utf8').split('\n').filter((l) => l.trim() !== '');
    for (const line of lines) cases.push(JSON.parse(line) as CorpusCase);
  }
  return cases;
}

const cases = readCorpus();

// The project the corpus is written against; symlinks point where an attacker would want them to.
function makeFixture(): { root: string; workdir: string } {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'argent-corpus-')));
  const workdir = join(root, 'project');
  const files: Record<string, string> = {
    'README.md': '# demo\n',
    'package.json': '{"name":"demo","scripts":{"test":"vitest"}}\n',
    'notes.md': 'notes\n',
    'script.py': 'print("hi")\n',
    'list.txt': 'build\n',
    'src/index.ts': 'export {};\n',
    'src/app.py': 'print(1)\n',
    'src/a/b/deep.txt': 'deep\n',
    'docs/guide.md': 'guide\n',
    'build/out.o': '',
  };
  for (const [rel, body] of Object.entries(files)) {
    mkdirSync(dirname(join(workdir, rel)), { recursive: true });
    writeFileSync(join(workdir, rel), body);
  }
  symlinkSync('/etc', join(workdir, 'link-etc'));
  symlinkSync('/', join(workdir, 'link-root'));
  symlinkSync('src', join(workdir, 'link-ok'));
  symlinkSync('..', join(workdir, 'link-up'));
  symlinkSync('src/a/b', join(workdir, 'link-deep'));
  symlinkSync('/etc/argent-corpus-dangling-target', join(workdir, 'link-dangling'));
  mkdirSync(join(root, 'project-evil'));
  writeFileSync(join(root, 'project-evil', 'secret.txt'), 'secret\n');
  writeFileSync(join(root, 'secret.txt'), 'secret\n');
  return { root, workdir };
}

describe('the adversarial corpus files', () => {
  it('hold at least 400 well-formed cases with unique ids', () => {
    const problems: string[] = [];
    const ids = new Set<string>();
    for (const c of cases) {
      if (ids.has(c.id)) problems.push(`${c.id}: duplicate id`);
      ids.add(c.id);
      if (!EXPECTS.includes(c.expect)) problems.push(`${c.id}: bad expect ${String(c.expect)}`);
      if (!PROFILES.includes(c.profile)) problems.push(`${c.id}: bad profile ${String(c.profile)}`);
      if (typeof c.cmd !== 'string' || c.cmd === '') problems.push(`${c.id}: empty cmd`);
      if (typeof c.class !== 'string' || typeof c.note !== 'string' || c.note === '') problems.push(`${c.id}: class/note missing`);
    }
    expect(problems).toEqual([]);
    expect(cases.length).toBeGreaterThanOrEqual(400);
  });
});

describe('the policy engine on the adversarial corpus', () => {
  let fixture: { root: string; workdir: string };
  const profiles = new Map<ProfileName, Profile>();

  beforeAll(() => {
    fixture = makeFixture();
    for (const name of SHIPPED) profiles.set(name, loadProfile(name));
    // Same as the shipped profile but without /tmp/, so the project's siblings are outside.
    const shipped = JSON.parse(readFileSync(join(corpusDir, '..', '..', '..', 'profiles', 'sandboxed.json'), 'utf8')) as {
      $schema?: string;
      toolPolicies: { exec: { allowedPaths: string[] } };
    };
    delete shipped.$schema;
    shipped.toolPolicies.exec.allowedPaths = ['${WORKDIR}'];
    const file = join(fixture.root, 'workdir-only.json');
    writeFileSync(file, JSON.stringify(shipped, null, 2));
    profiles.set('workdir-only', loadProfile(file));
  });

  afterAll(() => {
    // Only the fixture this suite created.
    if (fixture) rmSync(fixture.root, { recursive: true, force: true });
  });

  it.each(cases.map((c) => [`${c.id} [${c.class}] ${c.expect}: ${c.note}`, c] as const))('%s', (_title, c) => {
    const cmd = c.cmd.replaceAll('@WORKDIR@', fixture.workdir).replaceAll('@PARENT@', fixture.root);
    const profile = profiles.get(c.profile);
    if (!profile) throw new Error(`no profile ${c.profile}`);
    const ev = evaluate(cmd, profile, { cwd: fixture.workdir, workdir: fixture.workdir, home: '/root' });
    const shown = `${c.id}: ${JSON.stringify(cmd.length > 300 ? cmd.slice(0, 300) + '...' : cmd)} -> ${ev.decision} (${ev.reason})`;
    if (c.expect === 'not-allow') {
      expect(['approval-required', 'blocked'], shown).toContain(ev.decision);
    } else {
      expect(ev.decision, shown).toBe(c.expect);
    }
  });
});
