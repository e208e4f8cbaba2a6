// The shell variables that steer cd, tracked through the script. CDPATH: bash's cd and pushd look a
// name that does not start with /, . or .. up in each CDPATH entry first (`CDPATH=/etc; cd ssl` lands
// in /etc/ssl, probed), then in the cwd. HOME: where a bare `cd` goes. The session's CDPATH is taken
// as unset, its HOME as the home the caller gives.
import { posix } from 'node:path';
import type { SimpleCommand } from '../parse/types.js';

/** Every value a variable may have at this point: '' unset or empty, undefined not known. */
export type ShellValues = Array<string | undefined>;

export type CdVariable = 'CDPATH' | 'HOME' | 'OLDPWD';

const declaring = new Set(['export', 'declare', 'typeset', 'readonly', 'local']);

// Compiled once: mentions() runs for every word of every command (the policy benchmark measures it).
const MENTION = {
  CDPATH: { reads: /\$CDPATH(?![A-Za-z0-9_])|\$\{CDPATH\}/g, any: /(?<![A-Za-z0-9_])CDPATH(?![A-Za-z0-9_])/ },
  HOME: { reads: /\$HOME(?![A-Za-z0-9_])|\$\{HOME\}/g, any: /(?<![A-Za-z0-9_])HOME(?![A-Za-z0-9_])/ },
  OLDPWD: { reads: /\$OLDPWD(?![A-Za-z0-9_])|\$\{OLDPWD\}/g, any: /(?<![A-Za-z0-9_])OLDPWD(?![A-Za-z0-9_])/ },
} satisfies Record<CdVariable, { reads: RegExp; any: RegExp }>;

/** A mention of NAME other than a plain read ($NAME, ${NAME}), which may set it. */
function mentions(text: string, name: CdVariable): boolean {
  if (!text.includes(name)) return false;
  const m = MENTION[name];
  return m.any.test(text.replace(m.reads, ''));
}

/** What `cmd` sets NAME to for the commands after it: a value, undefined (unknown), or null (untouched). */
export function assigned(cmd: SimpleCommand, name: CdVariable): string | undefined | null {
  if (cmd.program === undefined) {
    const a = cmd.assignments.filter((x) => x.name === name).pop();
    if (a) return a.value.literal ? a.value.text : undefined;
  } else if (declaring.has(cmd.program)) {
    const a = cmd.args.filter((x) => x.text.startsWith(`${name}=`) || x.text.startsWith(`${name}+=`)).pop();
    if (a) return a.literal && a.text.startsWith(`${name}=`) ? a.text.slice(name.length + 1) : undefined;
  } else if (cmd.program === 'unset' && cmd.args.every((a) => a.literal) && cmd.args.some((a) => a.text === name)) {
    return '';
  }
  // SECURITY: any other mention may set it (read CDPATH, printf -v CDPATH, ${CDPATH:=x}). With
  // `shopt -s cdable_vars` a name cd does not find is read as a variable holding the directory.
  const unknown = mentions(cmd.source, name) || cmd.args.some((a) => mentions(a.text, name));
  return unknown || (name === 'CDPATH' && /cdable_vars/.test(cmd.source)) ? undefined : null;
}

/** The values of NAME after `cmd`. A command that may not run, or runs apart (subshell), adds a value. */
export function nextValues(values: ShellValues, cmd: SimpleCommand, name: CdVariable): ShellValues {
  // `CDPATH=/x cd ssl` sets it for that cd only.
  if (cmd.program !== undefined && !declaring.has(cmd.program) && cmd.program !== 'unset' && cmd.assignments.some((a) => a.name === name)) {
    return values;
  }
  const v = assigned(cmd, name);
  if (v === null) return values;
  return cmd.flow ? [...new Set([...values, v])] : [v];
}

/** The values of NAME that `cmd` itself runs with (its own prefix assignment first). */
export function valuesFor(values: ShellValues, cmd: SimpleCommand, name: CdVariable): ShellValues {
  const own = cmd.program === undefined ? undefined : cmd.assignments.filter((a) => a.name === name).pop();
  if (own) return [own.value.literal ? own.value.text : undefined];
  return values;
}

/** True when CDPATH may name a directory to look in: a cd must then be read through it. */
export function cdpathMayApply(values: ShellValues, target: string): boolean {
  return !/^(\/|~|\.\.?(\/|$))/.test(target) && values.some((v) => v !== '');
}

/**
 * Where `cd target` from `cwd` may land under these CDPATH values, as absolute (unresolved) paths, or
 * undefined when that is not known. Entries are tried in order; one that does not exist (yet) may be
 * created by the script before the cd, so it and every later one stay possible.
 */
export function cdCandidates(values: ShellValues, cwd: string, target: string, isDirectory: (path: string) => boolean): string[] | undefined {
  if (/^(\/|\.\.?(\/|$))/.test(target)) return [posix.resolve(cwd, target)];
  const out = new Set<string>();
  for (const value of values) {
    if (value === undefined) return undefined;
    let found = false;
    for (const entry of value === '' ? [] : value.split(':')) {
      const candidate = posix.resolve(cwd, entry === '' ? '.' : entry, target);
      out.add(candidate);
      if (isDirectory(candidate)) {
        found = true;
        break;
      }
    }
    if (!found) out.add(posix.resolve(cwd, target));
  }
  return [...out];
}
