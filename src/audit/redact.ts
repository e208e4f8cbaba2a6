// Secret redaction for everything that reaches the audit log or its stderr copy. It is applied once,
// in the logger's formatter (see log.ts), so no caller can forget it. Two layers: keys whose NAME says
// secret (password, token, env vars like GITHUB_TOKEN) lose their whole value, and every string is
// scanned for values that LOOK like secrets wherever they appear (argv words, command strings).

export const REDACTED = '[REDACTED]';

// Words that make a name secret when they are a whole segment of it (so "author" and "passage" are not).
const SECRET_WORDS = new Set(['password', 'passwd', 'pass', 'passphrase', 'pwd', 'secret', 'token', 'apikey', 'auth', 'authorization', 'credential', 'credentials', 'cookie', 'signature', 'privatekey', 'accesskey', 'secretkey']);
// Keys that are ours and never secret.
const SAFE_KEYS = new Set(['session', 'sessionId', 'requestId', 'commandId', 'profileRevision', 'revision', 'previousRevision', 'keptRevision']);

/** True when a key, flag or variable name says its value is a secret (GITHUB_TOKEN, dbPassword, --api-key). */
export function isSecretName(name: string): boolean {
  if (SAFE_KEYS.has(name)) return false;
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  return words.some((w, i) => SECRET_WORDS.has(w) || (w === 'key' && i > 0 && SECRET_WORDS.has(`${words[i - 1]}key`)) || (w === 'key' && words[i - 1] === 'api'));
}

// A secret keyword as a whole segment of a flag or variable name.
const KW = '(?:pass(?:word|wd|phrase)?|secret|token|api[-_]?key|access[-_]?key|private[-_]?key|secret[-_]?key|auth|credentials?)';

interface Rule {
  pattern: RegExp;
  replace: string;
}

// Order matters: the structural rules (headers, URLs, flags, assignments) run before the shape rules,
// so `--token=ghp_...` becomes `--token=[REDACTED]` rather than half of each.
const RULES: Rule[] = [
  // `Authorization: Bearer x`, `Proxy-Authorization: Basic x`, `X-Api-Key: x`, also inside -H '...'.
  { pattern: /\b((?:proxy-)?authorization|x-api-key|x-auth-token|cookie)(\s*:\s*)[^'"\r\n]+/gi, replace: `$1$2${REDACTED}` },
  // URLs with credentials: https://user:pass@host -> https://user:[REDACTED]@host (the user helps a reader).
  { pattern: /\b([a-z][a-z0-9+.-]*:\/\/)([^\s:/@'"]*):([^\s@/'"]+)@/gi, replace: `$1$2:${REDACTED}@` },
  // --password=x, --api-key=x, --token x, -p=x is too ambiguous to touch.
  {
    pattern: new RegExp(`(--?(?:[a-z0-9]+[-_])*${KW}(?:[-_][a-z0-9]+)*)(=|\\s+)(?!-)("[^"]*"|'[^']*'|\\S+)`, 'gi'),
    replace: `$1$2${REDACTED}`,
  },
  // GITHUB_TOKEN=x cmd, export AWS_SECRET_ACCESS_KEY=x, password: x in YAML-ish text.
  {
    pattern: new RegExp(`\\b((?:[A-Za-z0-9]+_)*${KW}(?:_[A-Za-z0-9]+)*)=("[^"]*"|'[^']*'|\\S+)`, 'gi'),
    replace: `$1=${REDACTED}`,
  },
  // PEM private keys, whole block.
  { pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g, replace: REDACTED },
  // JWTs (three base64url parts, the first two JSON objects).
  { pattern: /\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}/g, replace: REDACTED },
  // AWS access key ids.
  { pattern: /\b(AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16}\b/g, replace: REDACTED },
  // GitHub tokens: classic (ghp_, gho_, ghu_, ghs_, ghr_) and fine-grained.
  { pattern: /\bgh[pousr]_[A-Za-z0-9]{30,}\b/g, replace: REDACTED },
  { pattern: /\bgithub_pat_[A-Za-z0-9_]{22,}\b/g, replace: REDACTED },
  // GitLab, Slack, Stripe, OpenAI/Anthropic-style, Google API keys.
  { pattern: /\bglpat-[A-Za-z0-9_-]{20,}/g, replace: REDACTED },
  { pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/g, replace: REDACTED },
  { pattern: /\b[sr]k_(live|test)_[A-Za-z0-9]{16,}/g, replace: REDACTED },
  { pattern: /\bsk-[A-Za-z0-9_-]{20,}/g, replace: REDACTED },
  { pattern: /\bAIza[A-Za-z0-9_-]{35}\b/g, replace: REDACTED },
];

/** Replaces every secret-looking part of a string. */
export function redactString(text: string): string {
  let out = text;
  for (const rule of RULES) out = out.replace(rule.pattern, rule.replace);
  return out;
}

/** A deep copy of `value` with secrets replaced; never mutates its input (events are shared). */
export function redact(value: unknown, depth = 0): unknown {
  // SECURITY: a cyclic or absurdly deep object must not crash the logger (and lose the record).
  if (depth > 32) return '[TOO DEEP]';
  if (typeof value === 'string') return redactString(value);
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return { name: value.name, message: redactString(value.message) };
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    // SECURITY: a secret-named key loses its value whatever it looks like (env: { DB_PASSWORD: "x" }).
    out[key] = isSecretName(key) && (typeof v === 'string' || typeof v === 'number') ? REDACTED : redact(v, depth + 1);
  }
  return out;
}
