// Compact views of a ParsedScript so table-driven tests can assert whole values.

import { readFileSync } from 'node:fs';
import { parseScript, type ParseContext } from '../../src/parse/index.js';
import type { ParsedScript, SimpleCommand, Word } from '../../src/parse/types.js';

/** A word as tests write it: its text, with `?` for each unknown part. */
export const wordText = (w: Word): string => w.text.replace(/\u0000/g, '?');

/** One command as tests write it: "program arg arg" plus redirects and via when present. */
export interface CmdView {
  cmd: string;
  via?: string[];
  redirects?: string[];
}

export function view(c: SimpleCommand): CmdView {
  const v: CmdView = { cmd: [c.name ? wordText(c.name) : '', ...c.args.map(wordText)].join(' ').trim() };
  if (c.via.length) v.via = c.via;
  if (c.redirects.length) v.redirects = c.redirects.map((r) => `${r.fd ?? ''}${r.op} ${r.kind} ${wordText(r.target)}`);
  return v;
}

/** Every command of a script (names only when assignment-only commands are not wanted). */
export function commands(script: string, context?: ParseContext): CmdView[] {
  return parseScript(script, context).commands.filter((c) => c.name !== undefined).map(view);
}

/** Just "program args" strings. */
export function lines(script: string, context?: ParseContext): string[] {
  return commands(script, context).map((c) => c.cmd);
}

export function unknownKinds(script: string): string[] {
  return parseScript(script).unknowns.map((u) => u.kind);
}

/** True when the result has the shape types.ts promises. */
export function wellFormed(r: ParsedScript): boolean {
  const isWord = (w: unknown): boolean => {
    const x = w as Word;
    return typeof x?.raw === 'string' && typeof x.text === 'string' && typeof x.literal === 'boolean' && typeof x.glob === 'boolean';
  };
  return (
    Array.isArray(r.commands) &&
    r.commands.every(
      (c) =>
        (c.name === undefined || isWord(c.name)) &&
        c.args.every(isWord) &&
        c.redirects.every((x) => isWord(x.target) && typeof x.op === 'string') &&
        c.assignments.every((a) => typeof a.name === 'string' && isWord(a.value)) &&
        Array.isArray(c.via) &&
        typeof c.source === 'string',
    ) &&
    r.unknowns.every((u) => typeof u.kind === 'string' && typeof u.detail === 'string') &&
    Array.isArray(r.functions) &&
    Array.isArray(r.comments)
  );
}

/** The first `n` lines of a shared corpus (../shared/corpora beside the repository: tldr.txt, nl2bash.txt). */
export const corpus = (name: string, n: number): string[] =>
  readFileSync(new URL(`../../../shared/corpora/${name}`, import.meta.url), 'utf8').split('\n').slice(0, n);

/** The multi-line agent actions fixture (test/fixtures/agent-actions/multiline.jsonl). */
export const agentActions = (): string[] =>
  readFileSync(new URL('../fixtures/agent-actions/multiline.jsonl', import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as string);
