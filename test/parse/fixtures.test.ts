import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScript } from '../../src/parse/index.js';

const actions = readFileSync(new URL('../fixtures/agent-actions/multiline.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as string);

describe('the multi-line agent action fixture', () => {
  it('has at least 150 actions, most of them with here-documents', () => {
    expect(actions.length).toBeGreaterThanOrEqual(150);
    const withHereDoc = actions.filter((a) => /<<-?\s*['"A-Za-z_]/.test(a)).length;
    expect(withHereDoc / actions.length).toBeGreaterThanOrEqual(0.75);
  });

  it('parses at least 97% of them with no unparseable unknown', () => {
    const bad = actions.filter((a) => parseScript(a).unknowns.some((u) => u.kind === 'unparseable'));
    expect(bad).toEqual([]);
  });

  it('never reports a here-doc body line as a command', () => {
    for (const a of actions) {
      const r = parseScript(a);
      const bodies = r.commands.flatMap((c) => c.hereDocs.map((h) => h.body));
      for (const c of r.commands) {
        if (c.via.length || !c.name) continue;
        // A top-level command's own source never lies inside a body it (or another command) was fed.
        expect(bodies.some((b) => b.includes(c.source) && !a.replace(b, '').includes(c.source))).toBe(false);
      }
      expect(r.commands.map((c) => c.program)).not.toContain('EOF');
    }
  });
});
