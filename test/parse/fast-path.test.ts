import bashParse from 'bash-parser';
import { describe, expect, it } from 'vitest';
import { newStats } from '../../src/parse/cursor.js';
import { fastParse } from '../../src/parse/fast-path.js';
import { lexScript } from '../../src/parse/lex-script.js';
import type { LexedScript } from '../../src/parse/segments.js';
import { agentActions as loadAgentActions, corpus } from './helpers.js';

const fixture = loadAgentActions();

/** The pre-passed texts of a script and of every script nested in it. */
function texts(lexed: LexedScript, out: string[] = []): string[] {
  out.push(lexed.text);
  for (const seg of lexed.segments) if (seg.kind === 'cmdsub' || seg.kind === 'procsub') texts(seg.script, out);
  return out;
}

describe('the simple-list fast path', () => {
  it('builds exactly the AST bash-parser builds, on real commands after the pre-pass', () => {
    let compared = 0;
    for (const line of [...corpus('tldr.txt', 3000), ...corpus('nl2bash.txt', 3000), ...fixture]) {
      let lexed: LexedScript;
      try {
        lexed = lexScript({ s: line, pos: 0, stats: newStats(), nest: 0 }, null);
      } catch {
        continue;
      }
      for (const text of texts(lexed)) {
        const fast = fastParse(text);
        if (!fast) continue;
        compared++;
        expect(fast).toEqual(bashParse(text));
      }
    }
    expect(compared).toBeGreaterThan(5000);
  });

  it('covers lists, pipelines, && || & and redirections with fd numbers', () => {
    expect(fastParse('a x | b 2>&1 && c > f || d &\ne; f')).toEqual(bashParse('a x | b 2>&1 && c > f || d &\ne; f'));
  });

  it('leaves parentheses, keywords, groups and case to bash-parser', () => {
    for (const text of ['(a)', 'if x; then y; fi', 'f() { x; }', '{ a; }', 'for x in y; do z; done', 'a;; b', '! a', 'a |']) {
      expect(fastParse(text)).toBeUndefined();
    }
  });
});
