// Live profiles: a long-running session watches every file its profile came from (the files it
// extends too). A valid edit swaps in the complete new Profile; an invalid edit or a deleted file
// keeps the last good one and reports why. The swap is one assignment of a fully loaded and
// checked Profile, so a command never sees a half-applied profile, and there is no default fallback.
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import type { AuditSink } from '../audit/events.js';
import { isArgentError } from '../errors.js';
import { loadProfile } from './load.js';
import type { Profile } from './profile.js';

export type ProfileChange =
  | { kind: 'reload'; profile: Profile; previous: Profile; changed: string[] }
  | { kind: 'reload_failed'; kept: Profile; errors: string[] }
  | { kind: 'deleted'; kept: Profile; files: string[] };

export interface WatchOptions {
  /** Quiet time after the last file event before reloading (editor save bursts); default 150 ms. */
  debounceMs?: number;
  audit?: AuditSink;
  session?: string;
  /** Extra check a new profile must pass before it applies (e.g. assertProfileSafe). */
  check?: (profile: Profile) => void;
}

export interface ProfileWatcher {
  /** The profile to use for the next command: always the last good one. */
  current(): Profile;
  /** Resolves once the files are being watched. */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

/** Key paths whose values differ between two profiles ("security.mode", "toolPolicies.exec.blockedPatterns"). */
export function changedKeys(before: unknown, after: unknown, prefix = ''): string[] {
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isObj(before) && isObj(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => changedKeys(before[k], after[k], prefix ? `${prefix}.${k}` : k));
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [prefix];
}

function errorLines(err: unknown): string[] {
  if (isArgentError(err)) return [err.message, ...err.problems];
  return [(err as Error)?.message ?? String(err)];
}

/** Watches `profile.sources`; calls onChange for every applied or refused change. */
export function watchProfile(profile: Profile, onChange: (change: ProfileChange) => void, options: WatchOptions = {}): ProfileWatcher {
  let current = profile;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  const session = options.session ?? '';
  const watchedDirs = new Set(profile.sources.map((f) => dirname(f)));
  // Directories, not files: editors save by writing a temp file and renaming it over the original,
  // which a watch on the old file's inode would miss.
  const watcher: FSWatcher = watch([...watchedDirs], { ignoreInitial: true, depth: 0 });

  const reload = () => {
    if (closed) return;
    const missing = current.sources.filter((f) => !existsSync(f));
    if (missing.length > 0) {
      const errors = missing.map((f) => `${f} was deleted; keeping revision ${current.revision}`);
      options.audit?.({ session, event: 'profile.reload_failed', profile: current.name, keptRevision: current.revision, errors });
      onChange({ kind: 'deleted', kept: current, files: missing });
      return;
    }
    let next: Profile;
    try {
      // The last source is the file the profile was asked for; parents come first.
      next = { ...loadProfile(current.sources[current.sources.length - 1]!), name: current.name };
      options.check?.(next);
    } catch (err) {
      const errors = errorLines(err);
      options.audit?.({ session, event: 'profile.reload_failed', profile: current.name, keptRevision: current.revision, errors });
      onChange({ kind: 'reload_failed', kept: current, errors });
      return;
    }
    const previous = current;
    current = next; // SECURITY: one assignment of a complete, checked profile: never half-applied.
    for (const dir of new Set(next.sources.map((f) => dirname(f)))) {
      if (!watchedDirs.has(dir)) watcher.add(dir); // a newly extended file is watched from now on
      watchedDirs.add(dir);
    }
    if (next.revision === previous.revision) return; // touched or reformatted: nothing to report
    const { name: _a, sources: _b, revision: _c, ...before } = previous;
    const { name: _d, sources: _e, revision: _f, ...after } = next;
    const changed = changedKeys(before, after);
    options.audit?.({ session, event: 'profile.reload', profile: next.name, revision: next.revision, previousRevision: previous.revision, changed });
    onChange({ kind: 'reload', profile: next, previous, changed });
  };

  const onEvent = (path: string) => {
    if (!current.sources.includes(path)) return;
    clearTimeout(timer);
    timer = setTimeout(reload, options.debounceMs ?? 150);
  };
  watcher.on('add', onEvent).on('change', onEvent).on('unlink', onEvent);
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()));

  return {
    current: () => current,
    ready,
    async close() {
      closed = true;
      clearTimeout(timer);
      await watcher.close();
    },
  };
}
