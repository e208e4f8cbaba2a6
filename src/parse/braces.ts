// Brace expansion of unquoted constant braces ({rm,-rf,/} -> three words; /etc/{passwd,shadow} -> two),
// run on pre-passed words where quoted and expanded pieces are single placeholder characters.

/** Most words one brace expression may produce before we stop and call the word unknown. */
export const MAX_BRACE_WORDS = 1024;

function sequence(body: string): string[] | undefined {
  const num = /^(-?\d+)\.\.(-?\d+)(?:\.\.(-?\d+))?$/.exec(body);
  const chr = /^([A-Za-z])\.\.([A-Za-z])(?:\.\.(-?\d+))?$/.exec(body);
  const m = num ?? chr;
  if (!m) return undefined;
  const from = num ? Number(m[1]) : (m[1] as string).charCodeAt(0);
  const to = num ? Number(m[2]) : (m[2] as string).charCodeAt(0);
  const step = Math.abs(Number(m[3] ?? 1)) || 1;
  if (Math.abs(to - from) / step >= MAX_BRACE_WORDS) return [];
  const width = num && /^-?0\d/.test(m[1] as string) ? (m[1] as string).length : 0;
  const out: string[] = [];
  for (let v = from; from <= to ? v <= to : v >= to; v += from <= to ? step : -step) {
    out.push(num ? String(v).padStart(width, '0') : String.fromCharCode(v));
  }
  return out;
}

/** Alternatives of the brace group opening at i, and the index of its closing brace. */
function group(s: string, i: number): { alts: string[]; end: number } | undefined {
  let depth = 0;
  const cuts: number[] = [];
  for (let j = i; j < s.length; j++) {
    const ch = s[j];
    if (ch === '{') depth++;
    else if (ch === '}') {
      depth--;
      if (depth === 0) {
        const body = s.slice(i + 1, j);
        if (cuts.length === 0) {
          const seq = sequence(body);
          return seq ? { alts: seq, end: j } : undefined;
        }
        const alts: string[] = [];
        let from = i + 1;
        for (const cut of [...cuts, j]) {
          alts.push(s.slice(from, cut));
          from = cut + 1;
        }
        return { alts, end: j };
      }
    } else if (ch === ',' && depth === 1) cuts.push(j);
  }
  return undefined;
}

/** All words a brace expression expands to; undefined if it would produce more than the cap. */
export function expandBraces(s: string): string[] | undefined {
  if (!s.includes('{')) return [s];
  const out: string[] = [];
  const work = [s];
  while (work.length) {
    const w = work.pop() as string;
    let done = true;
    for (let i = w.indexOf('{'); i >= 0; i = w.indexOf('{', i + 1)) {
      const g = group(w, i);
      if (!g) continue;
      if (g.alts.length === 0) return undefined;
      const prefix = w.slice(0, i);
      const suffix = w.slice(g.end + 1);
      for (let k = g.alts.length - 1; k >= 0; k--) work.push(prefix + g.alts[k] + suffix);
      done = false;
      break;
    }
    if (done) out.push(w);
    if (out.length + work.length > MAX_BRACE_WORDS) return undefined;
  }
  return out;
}
