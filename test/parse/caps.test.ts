import { describe, expect, it } from 'vitest';
import { LIMITS, parseScript } from '../../src/parse/index.js';

describe('caps fail closed with too-complex, never a silent partial result', () => {
  it('caps nesting of -c strings', () => {
    let script = 'rm -rf /tmp/deep';
    for (let i = 0; i < LIMITS.maxDepth + 2; i++) script = `sh -c ${JSON.stringify(script).replace(/\$/g, '\\$')}`;
    const r = parseScript(script);
    expect(r.unknowns.map((u) => u.kind)).toContain('too-complex');
  });

  it('caps nesting of command substitutions', () => {
    const script = 'echo ' + '$('.repeat(40) + 'id' + ')'.repeat(40);
    expect(parseScript(script).unknowns.map((u) => u.kind)).toContain('too-complex');
  });

  it('survives pathological nesting without throwing', () => {
    const script = '$('.repeat(5000) + 'id' + ')'.repeat(5000);
    expect(parseScript(script).unknowns.map((u) => u.kind)).toContain('too-complex');
  });

  it('caps nesting of wrappers', () => {
    const script = 'sudo '.repeat(LIMITS.maxDepth + 5) + 'rm -rf /';
    expect(parseScript(script).unknowns.map((u) => u.kind)).toEqual(['too-complex']);
  });

  it('caps the script size', () => {
    const r = parseScript('x'.repeat(LIMITS.maxSourceBytes + 1));
    expect(r.unknowns.map((u) => u.kind)).toEqual(['too-complex']);
    expect(r.commands).toEqual([]);
  });

  it('keeps checking a long && chain to the end', () => {
    const script = Array.from({ length: 2000 }, (_, i) => `echo ${i}`).join(' && ') + ' && rm -rf /';
    const r = parseScript(script);
    expect(r.unknowns).toEqual([]);
    expect(r.commands.at(-1)?.args.map((a) => a.text)).toEqual(['-rf', '/']);
  });

  it('reports too-complex past the command cap', () => {
    const script = 'a;'.repeat(LIMITS.maxCommands + 10);
    const r = parseScript(script);
    expect(r.unknowns.map((u) => u.kind)).toEqual(['too-complex']);
  });
});
