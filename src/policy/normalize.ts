// A simple command in the canonical form blocked patterns are matched against: the program's
// basename, its flags as a set of canonical names (`rm -fr`, `rm -r -f`, `rm --recursive --force`
// all become {r, f}), and its operands normalized (paths collapsed, chmod modes as octal).
import { posix } from 'node:path';
import type { Word } from '../parse/types.js';

/** Long and alternative spellings of flags, per program, mapped to one canonical name. */
export const flagAliases: Record<string, Record<string, string>> = {
  rm: { R: 'r', recursive: 'r', force: 'f', dir: 'd' },
  cp: { R: 'r', recursive: 'r', force: 'f' },
  mv: { force: 'f' },
  ln: { force: 'f', symbolic: 's' },
  chmod: { recursive: 'R' },
  chown: { recursive: 'R' },
  chgrp: { recursive: 'R' },
  git: { force: 'f' },
  sed: { 'in-place': 'i' },
  kill: { KILL: '9', s: 's' },
};

/** Programs whose options are single-dash words (`find -delete`), not clusters of letters. */
const singleDashLong = new Set(['find', 'java', 'go', 'qemu-system-x86_64']);

export interface NormalizedCommand {
  program: string;
  flags: Set<string>;
  operands: string[];
  /** True if some argument is not literal: it could turn into any flag or operand at run time. */
  hasDynamicArgs: boolean;
}

const permBits: Record<string, number> = { r: 4, w: 2, x: 1 };

/** chmod's mode operand as the resulting permission bits, when they do not depend on the file's old mode. */
export function canonicalChmodMode(mode: string): string {
  if (/^[0-7]{1,4}$/.test(mode)) return (parseInt(mode, 8) & 0o777).toString(8).padStart(3, '0');
  const apply = (start: number): number | undefined => {
    let bits = start;
    for (const clause of mode.split(',')) {
      const m = /^([ugoa]*)([-+=])([rwxXst]*)$/.exec(clause);
      if (!m) return undefined;
      const who = m[1] === '' || m[1]!.includes('a') ? 'ugo' : m[1]!;
      let perm = 0;
      for (const p of m[3]!) perm |= permBits[p] ?? 0;
      for (const w of who) {
        const shift = w === 'u' ? 6 : w === 'g' ? 3 : 0;
        if (m[2] === '=') bits = (bits & ~(7 << shift)) | (perm << shift);
        else if (m[2] === '+') bits |= perm << shift;
        else bits &= ~(perm << shift);
      }
    }
    return bits;
  };
  const low = apply(0);
  const high = apply(0o777);
  if (low === undefined || high === undefined || low !== high) return mode;
  return low.toString(8).padStart(3, '0');
}

function normalizeOperand(text: string, program: string, index: number, home: string): string {
  if (program === 'chmod' && index === 0) return canonicalChmodMode(text);
  let t = text;
  if (t === '~' || t.startsWith('~/')) t = home + t.slice(1);
  if (t.startsWith('/')) {
    const n = posix.normalize(t);
    return n.length > 1 && n.endsWith('/') ? n.slice(0, -1) : n;
  }
  return t;
}

/** Splits words into canonical flags and normalized operands (GNU style: flags may follow operands). */
export function normalizeArgs(program: string, args: Word[], home: string): NormalizedCommand {
  const aliases = flagAliases[program] ?? {};
  const flags = new Set<string>();
  const operands: string[] = [];
  let hasDynamicArgs = false;
  let endOfOptions = false;
  for (const a of args) {
    if (!a.literal) hasDynamicArgs = true;
    const t = a.text;
    if (!endOfOptions && t === '--') {
      endOfOptions = true;
      continue;
    }
    const chmodMode = program === 'chmod' && operands.length === 0 && /^-[rwxXst]+$/.test(t);
    if (!endOfOptions && t.startsWith('--') && t.length > 2 && !chmodMode) {
      const name = t.slice(2).split('=')[0]!;
      flags.add(aliases[name] ?? name);
    } else if (!endOfOptions && t.startsWith('-') && t.length > 1 && !chmodMode && !/^-\d+$/.test(t)) {
      if (singleDashLong.has(program)) flags.add(t.slice(1));
      else for (const ch of t.slice(1)) flags.add(aliases[ch] ?? ch);
    } else {
      operands.push(normalizeOperand(t, program, operands.length, home));
    }
  }
  return { program, flags, operands, hasDynamicArgs };
}
