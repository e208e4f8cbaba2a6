// The CLI bundles replace bash-parser's arithmetic parser (babylon) with a stub that throws
// (scripts/bundle.mjs, STUBS): ~190 KB less to load on every start. That is only sound if the parse
// stage never lets bash-parser see an arithmetic expansion. This proves it on every kind of script we
// have: real commands, agent actions, the adversarial corpus and arithmetic written every way bash allows.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import bashParse from 'bash-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseScript } from '../../src/parse/index.js';
import { agentActions as loadAgentActions, corpus } from './helpers.js';

// The babylon instance bash-parser itself requires (same module cache: bash-parser runs as plain CJS).
const fromArithmeticRule = createRequire(require.resolve('bash-parser/src/modes/posix/rules/arithmetic-expansion.js'));
const babylon = fromArithmeticRule('babylon') as { parse: (code: string) => unknown };

const agentActions = loadAgentActions();
const corpusDir = new URL('../policy/corpus/', import.meta.url);
const adversarial = readdirSync(corpusDir)
  .filter((f) => f.endsWith('.jsonl'))
  .flatMap((f) => readFileSync(new URL(f, corpusDir), 'utf8').split('\n'))
  .filter((l) => l.trim() !== '')
  .map((l) => (JSON.parse(l) as { cmd: string }).cmd);

const arithmetic = [
  'echo $((1+2))',
  'x=$(( $(rm -rf /) + 1 ))',
  'for ((i=0;i<3;i++)); do echo $i; done',
  '(( a = b + 1 ))',
  'echo $[1+2]',
  'let x=1+2 "y = x * 2"',
  'declare -i n=3*4',
  'echo ${a[$((i+1))]} ${s:$((1+1)):2}',
  'echo $(( (1 << 4) | 0x0f ))',
  'echo "$(( a ? b : c ))" `echo $((9))`',
  'cat <<EOF\n$((6*7))\nEOF',
];

describe('bash-parser never parses arithmetic (so the bundles may leave babylon out)', () => {
  const original = babylon.parse;
  let calls: string[] = [];
  beforeAll(() => {
    babylon.parse = (code: string) => {
      calls.push(code);
      return original(code);
    };
  });
  afterAll(() => {
    babylon.parse = original;
  });

  it("sees bash-parser's own calls (the spy is on the right module)", () => {
    calls = [];
    bashParse('echo $((6*7))');
    expect(calls).toEqual(['6*7']);
  });

  it('on arithmetic in every form, which still parses', () => {
    calls = [];
    for (const script of arithmetic) {
      const kinds = parseScript(script).unknowns.map((u) => u.kind);
      expect(kinds, script).not.toContain('unparseable');
    }
    expect(calls).toEqual([]);
  });

  it('on real commands, agent actions and the adversarial corpus', () => {
    calls = [];
    const scripts = [...corpus('tldr.txt', 5000), ...corpus('nl2bash.txt', 5000), ...agentActions, ...adversarial];
    for (const script of scripts) parseScript(script);
    expect(scripts.length).toBeGreaterThan(10_000);
    expect(calls).toEqual([]);
  });
});
