// ${name OP word} on a value the analysis knows (a constant, or one value of a for-loop variable): the
// operators agent scripts use to derive file names (`mv "$f" "${f%.ts}.js"`, `"${f##*/}"`, `${d^^}`,
// `${#f}`), computed as bash computes them. Anything else, or any doubt, is undefined: the word stays
// unknown and the command is judged as before (fail closed).

/**
 * One operator applied to one value. `pattern`: the value is a glob pattern standing for the file names
 * bash expands it to (a loop over `src/*.ts`); the result must then stand for the results on those names.
 */
export type ParamOp = (value: string, pattern: boolean) => string | undefined;

// Words we evaluate: literal characters plus * and ? (no quotes, expansions, brackets or escapes).
const SIMPLE_WORD = /^[A-Za-z0-9._/+,=@:%~*?-]*$/;
const GLOB_CHARS = /[*?[]/;

/** bash pattern (only * and ?) as an anchored regex; `*` matches any characters, `/` included. */
function patternRegex(word: string): RegExp {
  const body = word.replace(/[.+^${}()|[\]\\/-]/g, '\\$&').replace(/\*/g, '[\\s\\S]*').replace(/\?/g, '[\\s\\S]');
  return new RegExp(`^${body}$`);
}

/** ${v#w} ${v##w} ${v%w} ${v%%w} on an exact value. */
function removeExact(value: string, op: string, word: string): string {
  const re = patternRegex(word);
  const n = value.length;
  if (op === '#' || op === '##') {
    const lengths = op === '#' ? [...Array(n + 1).keys()] : [...Array(n + 1).keys()].reverse();
    for (const i of lengths) if (re.test(value.slice(0, i))) return value.slice(i);
  } else {
    const starts = op === '%' ? [...Array(n + 1).keys()].reverse() : [...Array(n + 1).keys()];
    for (const i of starts) if (re.test(value.slice(i))) return value.slice(0, i);
  }
  return value;
}

/**
 * On a pattern value only a literal word that the pattern's own text starts (#) or ends (%) with is
 * removed: every file name the pattern matches has those very characters there, so the result is the
 * pattern without them. Anything else depends on the names themselves.
 */
function removeFromPattern(value: string, op: string, word: string): string | undefined {
  if (word === '' || GLOB_CHARS.test(word)) return undefined;
  if (op.startsWith('#')) return value.startsWith(word) ? value.slice(word.length) : undefined;
  return value.endsWith(word) ? value.slice(0, -word.length) : undefined;
}

function caseOp(op: string): ParamOp | undefined {
  const upper = op.startsWith('^');
  const all = op.length === 2;
  return (value, pattern) => {
    // [a-z] would not stand for the same names once changed one character at a time.
    if (pattern && (value.includes('[') || !all)) return undefined;
    if (all) return upper ? value.toUpperCase() : value.toLowerCase();
    const first = value.slice(0, 1);
    return (upper ? first.toUpperCase() : first.toLowerCase()) + value.slice(1);
  };
}

/** The operator of `raw` (`${...}` as written, for variable `name`), or undefined if we do not evaluate it. */
export function parseParamOp(raw: string, name: string): ParamOp | undefined {
  if (!raw.startsWith('${') || !raw.endsWith('}')) return undefined;
  if (raw === `\${#${name}}`) return (value, pattern) => (pattern ? undefined : String([...value].length));
  if (!raw.startsWith(`\${${name}`)) return undefined;
  const rest = raw.slice(2 + name.length, -1);
  const removal = /^(##|#|%%|%)(.*)$/s.exec(rest);
  if (removal) {
    const [, op = '', word = ''] = removal;
    if (!SIMPLE_WORD.test(word)) return undefined;
    return (value, pattern) => (pattern ? removeFromPattern(value, op, word) : removeExact(value, op, word));
  }
  if (/^(\^\^|,,|\^|,)$/.test(rest)) return caseOp(rest);
  const fallback = /^(:?)([-+])(.*)$/s.exec(rest);
  if (fallback) {
    const [, colon = '', op = '', word = ''] = fallback;
    if (!SIMPLE_WORD.test(word) || GLOB_CHARS.test(word)) return undefined;
    // The variable is known to be set; ":" also asks whether it is empty.
    return (value) => {
      const present = colon === '' || value !== '';
      return op === '-' ? (present ? value : word) : present ? word : '';
    };
  }
  return undefined;
}
