// Files named inside a structured option value, where no word is the path itself:
// - key=value lists (docker/podman/buildah/nerdctl `--mount type=bind,source=/etc,target=/x`,
//   `--secret id=aws,src=/root/.aws/credentials`, buildx `--output type=local,dest=/etc/x`);
// - ffmpeg's nested input protocols (`concat:/etc/passwd|/etc/shadow`, `subfile,,start,0,end,0,,:/x`,
//   `cache:/x`, `async:/x`).
// Each becomes a path word judged against allowedPaths like any other.
import type { SimpleCommand, Word } from '../parse/types.js';
import type { AccessKind, PathWord } from './path-words.js';

/**
 * Keys of a comma list whose value is a host path, and how it is used. A bind mount is read-write
 * unless the list says readonly; a build output's dest is written; a secret's or cache's src is read.
 */
const pathKeys: Record<string, AccessKind> = {
  source: 'write', src: 'write', dest: 'write', destination: 'write', 'bind-propagation-source': 'write',
};
/** List entries that make a mount read-only: its source is then only read. */
const readOnlyEntries = /^(readonly|ro)(=(true|1))?$/;
/** Lists whose src is only ever read (build secrets, ssh keys, cache imports). */
const readOnlyLists = /(^|,)(id=|type=(secret|ssh|registry|gha|s3|azblob))/;

/** ffmpeg protocols that wrap one path (the rest after the prefix) or a |-separated list. */
// (file: URLs are file-urls.ts's.)
const ffmpegWrappers = /^(cache|async|crypto|crypto\+file)?:/;
const FFMPEGS = new Set(['ffmpeg', 'ffprobe', 'ffplay']);

function pathWord(w: Word, text: string, access: AccessKind): PathWord {
  return { arg: w.raw, text, literal: w.literal, access, unknowns: w.unknowns ?? [] };
}

/** A path value as written: absolute, ~, or relative with a dot or slash (`source=myvol` is a volume name). */
function isPathValue(v: string): boolean {
  // SECURITY: `source=$DIR` may be anywhere: judged by its known prefix (none: unknown).
  return /^[/~.]/.test(v) || v.includes('\u0000') || (v.includes('/') && !/^[A-Za-z][A-Za-z0-9+.-]*:/.test(v));
}

/** The host paths of a `k=v,k=v` word (a whole word, or the value of `--opt=`). */
function keyListWords(w: Word): PathWord[] {
  const text = w.text.replace(/^--?[A-Za-z][\w-]*=(?=[\w-]+=)/, '');
  if (!/^[\w-]+=[^,]*,|,[\w-]+=/.test(text) && !/^(src|source|dest|destination)=/.test(text)) return [];
  const entries = text.split(',');
  const readOnly = readOnlyLists.test(text) || entries.some((e) => readOnlyEntries.test(e));
  const out: PathWord[] = [];
  for (const e of entries) {
    const eq = e.indexOf('=');
    const access = eq === -1 ? undefined : pathKeys[e.slice(0, eq).toLowerCase()];
    const value = e.slice(eq + 1);
    if (access && isPathValue(value)) out.push(pathWord(w, value, readOnly && !e.startsWith('dest') ? 'read' : access));
  }
  return out;
}

/** The files of an ffmpeg input URL: `concat:a|b`, `subfile,,opts,:path`, `cache:path` (nested). */
function ffmpegInputWords(w: Word): PathWord[] {
  let t = w.text;
  for (let guard = 0; guard < 8; guard++) {
    const sub = /^subfile,[^:]*:/.exec(t);
    if (sub) t = t.slice(sub[0].length);
    else if (t.startsWith('concat:')) {
      return t.slice('concat:'.length).split('|').filter((p) => p !== '').map((p) => pathWord(w, p, 'read'));
    } else if (t.startsWith('concatf:')) {
      // The list file names more files nobody has seen.
      const list = t.slice('concatf:'.length);
      return [pathWord(w, list, 'read'), { arg: w.raw, text: '\u0000', literal: false, access: 'read', unknowns: [`files listed in ${list}`] }];
    } else {
      const m = ffmpegWrappers.exec(t);
      if (!m || m[0] === ':') break;
      t = t.slice(m[0].length);
      if (!/^[a-z+]+:/.test(t)) return t === '' || t === '-' || /^\d+$/.test(t) ? [] : [pathWord(w, t, 'read')];
    }
  }
  return t === w.text ? [] : [pathWord(w, t, 'read')];
}

/** The files named inside structured option values of any command (see the header). */
export function optionListWords(cmd: SimpleCommand): PathWord[] {
  const out: PathWord[] = [];
  const ffmpeg = FFMPEGS.has(cmd.program ?? '');
  for (const a of cmd.args) {
    out.push(...keyListWords(a));
    if (ffmpeg) out.push(...ffmpegInputWords(a));
  }
  return out;
}
