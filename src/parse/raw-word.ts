// Facts about a word as written (Word.raw), for consumers that must know how bash would split it.

/**
 * True when the word has an expansion ($x, ${x}, $(..), `..`) outside quotes: bash splits its value on
 * blanks, so one written word may become several (`-v day=$d` with d="1 -i inplace" passes -i).
 */
export function hasUnquotedExpansion(raw: string): boolean {
  let inDouble = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === '\\') {
      i++;
    } else if (c === "'" && !inDouble) {
      const end = raw.indexOf("'", i + 1);
      if (end < 0) return true;
      i = end;
    } else if (c === '"') {
      inDouble = !inDouble;
    } else if ((c === '$' || c === '`') && !inDouble) {
      // $'..' and $".." are quoting, not expansions.
      if (c === '$' && (raw[i + 1] === "'" || raw[i + 1] === '"')) continue;
      return true;
    }
  }
  return false;
}
