// CDPATH: bash's cd and pushd look a directory name that does not start with /, . or .. up in each
// CDPATH entry first (`CDPATH=/etc; cd ssl` lands in /etc/ssl, probed), and only then in the cwd.
// The values the script may have given CDPATH so far are tracked; the session's is taken as unset.
import { posix } from 'node:path';
import type { SimpleCommand } from '../parse/types.js';

/** Every value CDPATH may have at this point: '' unset or empty, undefined not known. */
export type CdpathValues = Array<string | undefined>;

const declaring = new Set(['export', 'declare', 'typeset', 'readonly', 'local']);

/** What `cmd` sets CDPATH to for the commands after it: a value, undefined (unknown), or null (untouched). */
function assigned(cmd: SimpleCommand): string | undefined | null {
  if (cmd.program === undefined) {
    const a = cmd.assignments.filter((x) => x.name === 'CDPATH').pop();
    if (a) return a.value.literal ? a.value.text : undefined;
  } else if (declaring.has(cmd.program)) {
    const a = cmd.args.filter((x) => /^CDPATH\+?=/.test(x.text)).pop();
    if (a) return a.literal && !a.text.startsWith('CDPATH+=') ? a.text.slice('CDPATH='.length) : undefined;
  } else if (cmd.program === 'unset' && cmd.args.every((a) => a.literal) && cmd.args.some((a) => a.text === 'CDPATH')) {
    return '';
  }
  // SECURITY: any mention but a plain read ($CDPATH) may set it: read CDPATH, printf -v CDPATH, ${CDPATH:=x}.
  const mentions = (text: string): boolean => /CDPATH/.test(text.replace(/\$CDPATH\b|\$\{CDPATH\}/g, ''));
  return mentions(cmd.source) || cmd.args.some((a) => mentions(a.text)) ? undefined : null;
}

/** The CDPATH values after `cmd`. A command that may not run, or runs apart (subshell), adds a value. */
export function nextCdpath(values: CdpathValues, cmd: SimpleCommand): CdpathValues {
  // `CDPATH=/x cd ssl` sets it for that cd only.
  if (cmd.program !== undefined && !declaring.has(cmd.program) && cmd.program !== 'unset' && cmd.assignments.some((a) => a.name === 'CDPATH')) {
    return values;
  }
  const v = assigned(cmd);
  if (v === null) return values;
  return cmd.flow ? [...new Set([...values, v])] : [v];
}

/** True when CDPATH may name a directory to look in: a cd must then be read through it. */
export function cdpathMayApply(values: CdpathValues, target: string): boolean {
  return !/^(\/|~|\.\.?(\/|$))/.test(target) && values.some((v) => v !== '');
}

/** The CDPATH values `cmd` itself runs with (its own prefix assignment first). */
export function cdpathFor(values: CdpathValues, cmd: SimpleCommand): CdpathValues {
  const own = cmd.program === undefined ? undefined : cmd.assignments.filter((a) => a.name === 'CDPATH').pop();
  if (own) return [own.value.literal ? own.value.text : undefined];
  return values;
}

/**
 * Where `cd target` from `cwd` may land under these CDPATH values, as absolute (unresolved) paths, or
 * undefined when that is not known. Entries are tried in order; one that does not exist (yet) may be
 * created by the script before the cd, so it and every later one stay possible.
 */
export function cdCandidates(values: CdpathValues, cwd: string, target: string, isDirectory: (path: string) => boolean): string[] | undefined {
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
