import { readFileSync } from 'node:fs';
import bashParse from 'bash-parser';
import { describe, expect, it } from 'vitest';
import { newStats } from '../../src/parse/cursor.js';
import { fastParse } from '../../src/parse/fast-path.js';
import { lexScript } from '../../src/parse/lex-script.js';

const tldr = readFileSync(new URL('../../../shared/corpora/tldr.txt', import.meta.url), 'utf8').split('\n').slice(0, 4000);

describe('the simple-command fast path', () => {
  it('builds exactly the AST bash-parser builds, on real commands after the pre-pass', () => {
    let compared = 0;
    for (const line of tldr) {
      let text: string;
      try {
        text = lexScript({ s: line, pos: 0, stats: newStats(), nest: 0 }, null).text;
      } catch {
        continue;
      }
      const fast = fastParse(text);
      if (!fast) continue;
      compared++;
      expect(fast).toEqual(bashParse(text));
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it('leaves operators, keywords and redirections to bash-parser', () => {
    for (const text of ['a | b', 'a; b', 'if x', 'a > f', 'a\nb', 'f() x', '{ a', 'a && b', 'for x']) {
      expect(fastParse(text)).toBeUndefined();
    }
  });
});
