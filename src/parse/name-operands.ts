// Variable names with a subscript: declare 'a[$(id)]=1', unset 'a[$(id)]', printf -v 'a[$(id)]' x,
// read 'a[$(id)]', test -v 'a[$(id)]' all run id, because the builtin evaluates the subscript of the
// NAME it was given as arithmetic, after the shell already expanded the word once. This finds the
// words such builtins read as names (the same table name-setters.ts uses for folding) and the code
// their subscripts run.

import { arithmeticCode } from './arith-code.js';
import { SETTERS } from './name-setters.js';
import type { ParseState } from './state.js';
import type { Word } from './types.js';
import { UNKNOWN } from './words.js';

/**
 * Builtins that evaluate a subscript in a name they are given (probed in bash 5.2). export, readonly,
 * read -a, mapfile and getopts reject such a name first ("not a valid identifier"): a literal one is
 * still walked (never benign), but a name only known at run time is not held against them.
 */
const EVALUATES_SUBSCRIPT = new Set(['declare', 'typeset', 'local', 'unset', 'printf', 'read', 'test', '[', '[[']);

/** test/[/[[ operators whose operand is a variable name. */
const NAME_TESTS = new Set(['-v', '-R']);

/** A name operand and whether it certainly is one (not just a word after an option we cannot read). */
interface NameOperand {
  word: Word;
  certain: boolean;
}

/** The words `program` reads as variable names, in order. */
export function nameOperands(program: string, args: Word[]): NameOperand[] {
  if (program === 'test' || program === '[' || program === '[[') {
    return args.filter((_, i) => NAME_TESTS.has(args[i - 1]?.text ?? '')).map((word) => ({ word, certain: true }));
  }
  const spec = Object.hasOwn(SETTERS, program) ? SETTERS[program] : undefined;
  // let is arithmetic as a whole (analyze.ts); eval/trap/alias operands are code, walked as such.
  if (!spec || spec.code || program === 'let') return [];
  const out: NameOperand[] = [];
  let optionsDone = false;
  let operands = 0;
  for (let i = 0; i < args.length; i++) {
    const w = args[i] as Word;
    const t = w.text;
    if (!optionsDone) {
      if (w.literal && t === '--') {
        optionsDone = true;
        continue;
      }
      if (!w.literal && spec.operands !== 'all') {
        // SECURITY: printf "$o" NAME: the unknown word may be -v, making the next word a name.
        const next = args[++i];
        if (next) out.push({ word: next, certain: false });
        continue;
      }
      if (w.literal && t.length > 1 && (t.startsWith('-') || (spec.nameref && t.startsWith('+')))) {
        for (let k = 1; k < t.length; k++) {
          const ch = t[k] as string;
          const isName = spec.nameOpts?.includes(ch) ?? false;
          if (!isName && !spec.valueOpts?.includes(ch) && !spec.codeOpts?.includes(ch)) continue;
          const rest = t.slice(k + 1);
          if (rest !== '') {
            if (isName) out.push({ word: { ...w, text: rest }, certain: true });
          } else {
            const next = args[++i];
            if (isName && next) out.push({ word: next, certain: true });
          }
          break;
        }
        continue;
      }
      optionsDone = true;
    }
    operands++;
    if (spec.operands === 'all' || (spec.operands === 'second' && operands === 2)) out.push({ word: w, certain: true });
  }
  return out;
}

/** The NAME or NAME[subscript] part of a name operand (before `=value`, which declare allows). */
function namePart(text: string): string {
  const m = /^[A-Za-z_][A-Za-z0-9_]*\[/.exec(text);
  if (!m) {
    const eq = text.indexOf('=');
    return eq < 0 ? text : text.slice(0, eq);
  }
  let depth = 0;
  for (let i = m[0].length - 1; i < text.length; i++) {
    if (text[i] === '[') depth++;
    else if (text[i] === ']' && --depth === 0) return text.slice(0, i + 1);
  }
  return text; // unclosed: all of it may be the subscript
}

/** What evaluating the names of one command runs. */
export interface SubscriptCode {
  /** Scripts the subscripts run (walked as code). */
  code: string[];
  /** Name words that are not known until run time where the builtin would evaluate them. */
  dynamic: Word[];
}

/** The code the subscripts in `program`'s name operands run, and the names we cannot see into. */
export function subscriptCode(st: ParseState, program: string, args: Word[]): SubscriptCode {
  const result: SubscriptCode = { code: [], dynamic: [] };
  for (const { word, certain } of nameOperands(program, args)) {
    const name = namePart(word.text);
    if (name.includes(UNKNOWN)) {
      // SECURITY: declare "$k=$v" with k='a[$(id)]' runs id: a name made at run time is code.
      if (certain && EVALUATES_SUBSCRIPT.has(program)) result.dynamic.push(word);
      continue;
    }
    const open = name.indexOf('[');
    if (open > 0) result.code.push(...arithmeticCode(st, name.slice(open + 1, name.endsWith(']') ? -1 : undefined), true));
  }
  return result;
}
