// file: URLs name local files: `curl file:///etc/passwd` reads /etc/passwd as surely as `cat
// /etc/passwd` does, and so do `git clone file:///..`, `pip install "pkg @ file:///.."`, `npm i
// x@file:../lib` and `ffmpeg -i file:/..`. A URL-shaped word is otherwise remote (looksLikePath says
// no), so these are read here into the paths they name and judged against allowedPaths like any path.
import { posix } from 'node:path';
import type { SimpleCommand, Word } from '../parse/types.js';

const UNKNOWN = '\u0000';

/** Where a file: URL starts in a word: the whole word, a name=value's value, a `pkg @ URL` spec. */
const FILE_URL = /(?:^|[=@]\s*)(file:\S*)$/i;

/** Options and subcommands with which a program writes the URL it is given, not reads it. */
export const urlWriters: Record<string, string[]> = {
  curl: ['-T', '--upload-file'],
  git: ['push', 'send-pack'],
};

/**
 * The local paths a word's file: URL names (scheme in any case, host dropped as curl does for
 * localhost, %XX decoded), or [] when the word holds no file: URL. SECURITY: with and without the
 * `?query`/`#fragment` and with dot segments removed as URL parsers do, so each reading is judged.
 */
export function fileUrlPaths(text: string): string[] {
  const m = FILE_URL.exec(text);
  if (!m) return [];
  let rest = m[1]!.slice('file:'.length);
  if (rest.startsWith('//')) {
    const slash = rest.indexOf('/', 2);
    rest = slash === -1 ? '/' : rest.slice(slash);
  }
  const variants = new Set<string>();
  for (const raw of [rest, rest.replace(/[?#].*$/s, '')]) {
    // SECURITY: %00 would end the name in C; it is no path we can judge.
    if (/%00/.test(raw)) return [UNKNOWN];
    const decoded = raw.replace(/%([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    if (decoded === '') continue;
    variants.add(decoded);
    if (decoded.startsWith('/') && !decoded.includes(UNKNOWN)) variants.add(posix.normalize(decoded));
  }
  return [...variants];
}

/** True when `cmd` writes the URLs it is given (curl -T, git push). */
export function writesUrls(cmd: SimpleCommand, program: string): boolean {
  const marks = urlWriters[program];
  return marks !== undefined && cmd.args.some((a: Word) => marks.includes(a.text) || marks.some((m) => m.startsWith('--') && a.text.startsWith(`${m}=`)));
}
