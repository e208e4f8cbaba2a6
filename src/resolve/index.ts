// The resolve stage: every path a script touches, made absolute against the cwd it would have at that
// point. `cd`/`pushd` move the cwd; since branches and loops make that uncertain, every cwd the
// script could be in is kept and each relative path is resolved against all of them.
import { lstatSync, statSync } from 'node:fs';
import { posix } from 'node:path';
import { commandVariants, hasCandidates } from '../parse/candidates.js';
import type { ParsedScript, SimpleCommand, Word } from '../parse/types.js';
import { assigned, cdCandidates, cdpathMayApply, nextValues, valuesFor, type ShellValues } from './cdpath.js';
import { expandTilde, newPathContext, resolvePathWord, resolvePathWordNoFollow, type PathContext } from './expand-path.js';
import { WrappedCwds } from './cwd-options.js';
import { cdArgs, nextPhysical, type Physical } from './cd-args.js';
import { globMatches, hasGlob } from './glob.js';
import { outputWords } from './output-options.js';
import { climbsThroughName, plantLinks, type PlantState } from './planted-links.js';
import { pathWords, type AccessKind, type PathWord } from './path-words.js';

export interface ResolvedPath {
  arg: string;
  command: string;
  access: AccessKind;
  /**
   * exact: `resolved` is the path. prefix: the word has unknown parts; the path lies somewhere below
   * `resolved` (a directory). unknown: nothing is known (a relative word starting with a variable).
   */
  certainty: 'exact' | 'prefix' | 'unknown';
  resolved: string;
  unknowns: string[];
  /** Set for writes that replace content (`>`, tee, cp's target) when the target is an existing file. */
  overwritesExisting?: boolean;
}

export interface ResolveOptions {
  cwd: string;
  home: string;
}

/** A glob segment that bash could expand to ".." (".*", ".?", "..*"): judged as "..". */
function globParentVariants(text: string): string[] {
  const segments = text.split('/');
  const risky = segments.map((s) => /^\.[*?[]/.test(s) || /^\.\.[*?[]/.test(s));
  if (!risky.includes(true)) return [text];
  return [text, segments.map((s, i) => (risky[i] ? '..' : s)).join('/')];
}

function resolveOne(
  cmd: SimpleCommand,
  text: string,
  literal: boolean,
  cwds: string[],
  ctx: PathContext,
  noFollow = false,
): Array<Pick<ResolvedPath, 'certainty' | 'resolved'>> {
  const resolveWord = noFollow ? resolvePathWordNoFollow : resolvePathWord;
  if (literal) {
    const out = new Map<string, ResolvedPath['certainty']>();
    for (const variant of globParentVariants(text)) {
      const bases = variant.startsWith('/') || variant.startsWith('~') ? [cwds[0]!] : cwds;
      for (const cwd of bases) out.set(resolveWord(variant, cwd, ctx), 'exact');
    }
    if (hasGlob(text)) {
      // SECURITY: a match may be a symlink out of the project (link-*/passwd): judge every match too.
      const pattern = expandTilde(text, ctx);
      for (const cwd of pattern.startsWith('/') ? [cwds[0]!] : cwds) {
        const matches = globMatches(cwd, pattern);
        if (matches) for (const m of matches) out.set(resolveWord(m, '/', ctx), 'exact');
        else {
          // Too many entries to look at: only the directory before the first pattern is known.
          const fixed = pattern.split('/');
          const dir = fixed.slice(0, fixed.findIndex((c) => hasGlob(c))).join('/');
          const under = resolvePathWord(dir === '' && pattern.startsWith('/') ? '/' : dir || '.', cwd, ctx);
          if (!out.has(under)) out.set(under, 'prefix');
        }
      }
    }
    return [...out].map(([resolved, certainty]) => ({ resolved, certainty }));
  }
  const cut = text.indexOf('\u0000');
  const prefix = cut === -1 ? text : text.slice(0, cut);
  const expanded = expandTilde(prefix, ctx);
  const slash = expanded.lastIndexOf('/');
  if (!expanded.startsWith('/') || slash === -1) {
    void cmd;
    return [{ resolved: cwds[0]!, certainty: 'unknown' }];
  }
  const dir = expanded.slice(0, slash + 1);
  return [{ resolved: resolvePathWord(dir, '/', ctx), certainty: 'prefix' }];
}

/**
 * The path words of a command. A for-loop word with candidates is judged once per candidate, as the
 * literal word it is on that pass: the whole command per combination, since a value can also change
 * which words are paths (`for o in -o; do sort $o out.txt`). Too many combinations: as written.
 */
function commandPathWords(cmd: SimpleCommand): PathWord[] {
  const key = (w: PathWord): string => `${w.access}\u0000${w.literal}\u0000${w.overwrite === true}\u0000${w.arg}\u0000${w.text}`;
  // A program's own output options (output-options.ts), unless the generic reading already saw them.
  const withOutputs = (c: SimpleCommand): PathWord[] => {
    const words = pathWords(c);
    const known = new Set(words.map(key));
    return [...words, ...outputWords(c).filter((w) => !known.has(key(w)))];
  };
  const variants = hasCandidates(cmd) ? commandVariants(cmd) : undefined;
  if (!variants) return withOutputs(cmd);
  const seen = new Map<string, PathWord>();
  for (const v of variants) {
    for (const w of withOutputs(v)) if (!seen.has(key(w))) seen.set(key(w), w);
  }
  return [...seen.values()];
}

/**
 * `cd -` (back to $OLDPWD), `popd`, bare `pushd` and `pushd +N` go to a directory from the shell's
 * stack, which may hold one from an earlier command of the session: where they land is unknown.
 */
function movesToStackedDir(cmd: SimpleCommand): boolean {
  const p = cmd.program;
  if (p === 'popd') return true;
  if (p !== 'cd' && p !== 'pushd') return false;
  const { target } = cdArgs(cmd);
  if (!target) return p === 'pushd';
  if (readsOldpwd(target)) return true;
  const texts = target.candidates ?? [target.text];
  return texts.some((t) => t === '-' || /^[+-]\d+$/.test(t));
}

/** `cd "$OLDPWD"` is `cd -`. */
function readsOldpwd(w: Word): boolean {
  return !w.literal && w.text === '\u0000' && w.unknowns?.length === 1 && /^\$\{?OLDPWD\}?$/.test(w.unknowns[0]!);
}

/**
 * Where a sure `popd` or `cd -` lands when this script itself put the directory there (a sure pushd, a
 * sure cd), or undefined. Pops the stack for popd.
 */
function ownStackedDir(
  cmd: SimpleCommand,
  stack: string[][] | undefined,
  oldCwds: string[] | undefined,
  cwdsNow: string[],
): string[] | undefined {
  if (cmd.program === 'popd') return cmd.args.length === 0 && stack !== undefined ? stack.pop() : undefined;
  const { target } = cdArgs(cmd);
  if (cmd.program === 'pushd') return target?.literal ? rotate(target.text, stack, cwdsNow) : undefined;
  const onlyDash = cmd.program === 'cd' && target !== undefined && ((target.literal && target.text === '-') || readsOldpwd(target));
  return onlyDash ? oldCwds : undefined;
}

/**
 * `pushd +N` / `pushd -N` rotate the whole stack (cwd first) so that entry N comes to the top, and go
 * there. Updates `stack` (top last); undefined when the stack is not known or too short.
 */
function rotate(text: string, stack: string[][] | undefined, cwds: string[]): string[] | undefined {
  const m = /^([+-])(\d+)$/.exec(text);
  if (!m || stack === undefined) return undefined;
  const full = [cwds, ...[...stack].reverse()];
  const n = Number(m[2]);
  const k = m[1] === '+' ? n : full.length - 1 - n;
  if (k < 0 || k >= full.length) return undefined;
  const rotated = [...full.slice(k), ...full.slice(0, k)];
  stack.splice(0, stack.length, ...rotated.slice(1).reverse());
  return rotated[0];
}

/** The cwd `cd -` goes to when OLDPWD holds `value`: only an absolute one is known. */
function oldpwdCwds(value: string | undefined): string[] | undefined {
  return value !== undefined && value.startsWith('/') ? [posix.resolve(value)] : undefined;
}

/** A command that may change the directory stack behind pushd's back (DIRSTACK[n]=, read DIRSTACK, dirs -c). */
function editsDirstack(cmd: SimpleCommand): boolean {
  if (cmd.assignments.some((a) => a.name.startsWith('DIRSTACK'))) return true;
  if (cmd.program === 'dirs') return cmd.args.some((a) => !a.literal || a.text.includes('c'));
  return cmd.args.some((a) => /(?<![$A-Za-z0-9_{])DIRSTACK(?![A-Za-z0-9_])/.test(a.text));
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function isExistingFile(path: string): boolean {
  try {
    return lstatSync(path).isFile();
  } catch {
    return false;
  }
}

/** Resolves every path word of every command, tracking the cwd through cd/pushd. */
export function resolveScript(script: ParsedScript, options: ResolveOptions): ResolvedPath[] {
  const ctx = newPathContext(options.home);
  let cwds = [posix.resolve(options.cwd)];
  // After a relative cd in a loop the cwd depends on how often it ran: relative paths are then unknown.
  let cwdUnknown = false;
  // What this script itself put on the directory stack (sure pushds) and in $OLDPWD (sure cd/pushd), so
  // that `pushd dir; ...; popd` and `cd dir; ...; cd -` land where they surely do. false: not known.
  const stack: string[][] = [];
  let stackKnown = true;
  let oldCwds: string[] | undefined;
  let physicalOption: Physical = 'logical';
  let cdpath: ShellValues = [''];
  let homes: ShellValues = [options.home];
  const out: ResolvedPath[] = [];
  const wrapped = new WrappedCwds();
  const planted: PlantState = { anywhere: false };
  for (const cmd of script.commands) {
    cwds = wrapped.enter(cmd, cwds);
    const cmdCdpath = valuesFor(cdpath, cmd, 'CDPATH');
    const cmdHomes = valuesFor(homes, cmd, 'HOME');
    cdpath = nextValues(cdpath, cmd, 'CDPATH');
    homes = nextValues(homes, cmd, 'HOME');
    const setOld = cmd.program === 'cd' ? null : assigned(cmd, 'OLDPWD');
    if (setOld !== null) {
      // `OLDPWD=/etc; cd -` goes to /etc; one that may not run leaves both possible.
      const now = oldpwdCwds(setOld);
      oldCwds = !cmd.flow ? now : now && oldCwds ? [...new Set([...oldCwds, ...now])] : undefined;
    }
    const command = cmd.program ?? (cmd.name?.raw ?? '(redirection)');
    const words = commandPathWords(cmd);
    let back: string[] | undefined;
    // SECURITY: `DIRSTACK[1]=/etc; popd` goes to /etc (probed): an edited stack is not known.
    if (editsDirstack(cmd)) stackKnown = false;
    if (movesToStackedDir(cmd)) {
      const ownOld = cmd.program === 'cd' ? cmd.assignments.filter((a) => a.name === 'OLDPWD').pop() : undefined;
      const old = ownOld ? oldpwdCwds(ownOld.value.literal ? ownOld.value.text : undefined) : oldCwds;
      back = !cmd.flow && !cmd.background ? ownStackedDir(cmd, stackKnown ? stack : undefined, old, cwds) : undefined;
      // SECURITY: `cd - && cat ../secret`: unless this script put it there, the directory is not known.
      if (back === undefined) {
        cwdUnknown = true;
        stackKnown = false;
      }
    }
    if (cmd.program === 'cd' && cmd.args.length === 0) {
      // A bare cd goes to $HOME, as the script may have set it (an empty HOME stays put).
      for (const home of cmdHomes.filter((h) => h !== '')) {
        const known = home !== undefined;
        words.push({ arg: '(no argument: $HOME)', text: home ?? '\u0000', literal: known, access: 'cwd', unknowns: known ? [] : ['$HOME'] });
      }
    }
    // bash's cd is logical: `cd link/..` goes back where it started (unless -P), so .. is lexical there.
    const cdLike = cmd.program === 'cd' || cmd.program === 'pushd';
    const physical: Physical = cdLike ? (cdArgs(cmd).physical ?? physicalOption) : 'logical';
    physicalOption = nextPhysical(physicalOption, cmd);
    const targets: string[] = [];
    let cdResolved = true;
    // Its redirections are still checked; its `-` is a place on the stack, not a file.
    for (const w of back === undefined ? words : words.filter((x) => x.access !== 'cwd')) {
      const relative = !w.text.startsWith('/') && !w.text.startsWith('~');
      const viaCdpath = w.access === 'cwd' && cdpathMayApply(cmdCdpath, w.text);
      const simpleCd = w.access === 'cwd' && w.literal && physical !== 'physical' && !hasGlob(w.text);
      // SECURITY: `CDPATH=/etc; cd ssl` goes to /etc/ssl; with CDPATH unknown, so is the new cwd.
      ctx.crossedUnknown = false;
      const cdTargets = simpleCd ? cwds.map((c) => cdCandidates(cmdCdpath, c, expandTilde(w.text, ctx), isDirectory)) : [];
      let results: Array<Pick<ResolvedPath, 'certainty' | 'resolved'>> =
        (cwdUnknown && relative) || (viaCdpath && (!simpleCd || cdTargets.includes(undefined)))
          ? [{ resolved: cwds[0]!, certainty: 'unknown' }]
          : simpleCd
            ? [...new Set(cdTargets.flatMap((t) => t!).map((t) => resolvePathWord(t, '/', ctx)))].map((resolved) => ({ resolved, certainty: 'exact' as const }))
            : resolveOne(cmd, w.text, w.literal, cwds, ctx, w.noFollow);
      // `set -P` that may or may not have run: the cd may have gone either way.
      if (simpleCd && physical === 'either' && results[0]?.certainty === 'exact') results = [...results, ...resolveOne(cmd, w.text, w.literal, cwds, ctx)];
      // SECURITY: through a link this script made, to a target nobody knows, or maybe through one.
      if (ctx.crossedUnknown || (planted.anywhere && climbsThroughName(w.text))) {
        results = [{ resolved: cwds[0]!, certainty: 'unknown' }];
        if (w.access === 'cwd') cwdUnknown = true;
      }
      if (viaCdpath && results[0]?.certainty === 'unknown') cwdUnknown = true;
      for (const r of results) {
        const resolved: ResolvedPath = { arg: w.arg, command, access: w.access, certainty: r.certainty, resolved: r.resolved, unknowns: w.unknowns };
        if (w.overwrite && r.certainty === 'exact' && isExistingFile(r.resolved)) resolved.overwritesExisting = true;
        out.push(resolved);
        if (w.access === 'cwd') {
          if (r.certainty === 'exact') targets.push(r.resolved);
          else cdResolved = false;
        }
      }
      // Not in a ( .. ) subshell: each pass of `for d in a b; do (cd "$d" && make); done` starts where the
      // loop does. (A function body is isolated too, but its cd moves the caller: it still counts.)
      if (w.access === 'cwd' && cmd.flow?.loop && !cmd.flow.subshell && relative) cwdUnknown = true;
    }
    plantLinks(cmd, cwds, ctx, planted);
    cwds = wrapped.open(cmd, words, cwds, ctx);
    if (back !== undefined) {
      oldCwds = cwds;
      cwds = back;
      continue;
    }
    if (targets.length === 0) continue;
    if (cmd.program === 'pushd' && cdArgs(cmd).noChange) {
      // pushd -n DIR: DIR only goes on the stack, below the cwd.
      if (cdResolved && !cmd.flow && !cmd.background && targets.length === 1) stack.push(targets);
      else stackKnown = false;
      continue;
    }
    // A cd that surely ran, in this shell, to a directory that exists, replaces the cwd; any other may
    // or may not have happened, so the old cwds stay possible too.
    const sure = cdResolved && !cmd.flow && !cmd.background && targets.every(isDirectory);
    if (cmd.program === 'pushd') {
      if (sure) stack.push(cwds);
      else stackKnown = false;
    }
    oldCwds = sure ? cwds : undefined;
    cwds = sure ? [...new Set(targets)] : [...new Set([...cwds, ...targets])];
  }
  return out;
}
