// Decoding of bash's ANSI-C quoting $'..', so `$'\x72\x6d'` is seen as the `rm` bash would run.

const SIMPLE: Record<string, string> = {
  a: '\x07',
  b: '\b',
  e: '\x1b',
  E: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '?': '?',
};

function readDigits(s: string, i: number, max: number, re: RegExp): string {
  let j = i;
  while (j < s.length && j - i < max && re.test(s[j] ?? '')) j++;
  return s.slice(i, j);
}

/** The value of the body of $'..' (without the quotes), as bash decodes it. */
export function decodeAnsiC(body: string): string {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\' || i + 1 >= body.length) {
      out += c;
      continue;
    }
    const n = body[i + 1] as string;
    const simple = SIMPLE[n];
    if (simple !== undefined) {
      out += simple;
      i++;
    } else if (n >= '0' && n <= '7') {
      const d = readDigits(body, i + 1, 3, /[0-7]/);
      out += String.fromCharCode(parseInt(d, 8) & 0xff);
      i += d.length;
    } else if (n === 'x' || n === 'u' || n === 'U') {
      const max = n === 'x' ? 2 : n === 'u' ? 4 : 8;
      const d = readDigits(body, i + 2, max, /[0-9a-fA-F]/);
      if (d.length === 0) {
        out += '\\' + n;
      } else {
        const cp = parseInt(d, 16);
        out += cp <= 0x10ffff ? String.fromCodePoint(cp) : '';
      }
      i += 1 + d.length;
    } else if (n === 'c' && i + 2 < body.length) {
      // \cX: control character, as bash computes it
      out += String.fromCharCode((body.charCodeAt(i + 2) & 0x1f) >>> 0);
      i += 2;
    } else {
      out += '\\' + n;
      i++;
    }
  }
  return out;
}
