// The resolve stage: every path a script touches, made absolute against the cwd it would have at that
// point. `cd`/`pushd` move the cwd; since branches and loops make that uncertain, every cwd the
// script could be in is kept and each relative path is resolved against all of them.
import { lstatSync, statSync } from 'node:fs';
import { posix } from 'node:path';
import { commandVariants, hasCandidates } from '../parse/candidates.js';
import type { ParsedScript, SimpleCommand } from '../parse/types.js';
import { cdCandidates, cdpathMayApply, nextValues, valuesFor, type ShellValues } from './cdpath.js';
import { expandTilde, newPathContext, resolvePathWord, type PathContext } from './expand-path.js';
import { WrappedCwds } from './cwd-options.js';
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
): Array<Pick<ResolvedPath, 'certainty' | 'resolved'>> {
  if (literal) {
    const out = new Map<string, ResolvedPath['certainty']>();
    for (const variant of globParentVariants(text)) {
      const bases = variant.startsWith('/') || variant.startsWith('~') ? [cwds[0]!] : cwds;
      for (const cwd of bases) out.set(resolvePathWord(variant, cwd, ctx), 'exact');
    }
    if (hasGlob(text)) {
      // SECURITY: a match may be a symlink out of the project (link-*/passwd): judge every match too.
      const pattern = expandTilde(text, ctx);
      for (const cwd of pattern.startsWith('/') ? [cwds[0]!] : cwds) {
        const matches = globMatches(cwd, pattern);
        if (matches) for (const m of matches) out.set(resolvePathWord(m, '/', ctx), 'exact');
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
  const target = cmd.args.find((a) => !/^-[LPe@]+$/.test(a.text));
  if (!target) return p === 'pushd';
  const texts = target.candidates ?? [target.text];
  return texts.some((t) => t === '-' || /^[+-]\d+$/.test(t));
}

/**
 * Where a sure `popd` or `cd -` lands when this script itself put the directory there (a sure pushd, a
 * sure cd), or undefined. Pops the stack for popd.
 */
function ownStackedDir(cmd: SimpleCommand, stack: string[][] | undefined, oldCwds: string[] | undefined): string[] | undefined {
  if (cmd.program === 'popd') return cmd.args.length === 0 && stack !== undefined ? stack.pop() : undefined;
  const onlyDash = cmd.program === 'cd' && cmd.args.length === 1 && cmd.args[0]?.literal === true && cmd.args[0].text === '-';
  return onlyDash ? oldCwds : undefined;
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
    const command = cmd.program ?? (cmd.name?.raw ?? '(redirection)');
    const words = commandPathWords(cmd);
    let back: string[] | undefined;
    if (movesToStackedDir(cmd)) {
      back = !cmd.flow && !cmd.background ? ownStackedDir(cmd, stackKnown ? stack : undefined, oldCwds) : undefined;
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
    const physical = cmd.args.some((a) => a.text === '-P' || a.candidates?.includes('-P') === true);
    const targets: string[] = [];
    let cdResolved = true;
    // Its redirections are still checked; its `-` is a place on the stack, not a file.
    for (const w of back === undefined ? words : words.filter((x) => x.access !== 'cwd')) {
      const relative = !w.text.startsWith('/') && !w.text.startsWith('~');
      const viaCdpath = w.access === 'cwd' && cdpathMayApply(cmdCdpath, w.text);
      const simpleCd = w.access === 'cwd' && w.literal && !physical && !hasGlob(w.text);
      // SECURITY: `CDPATH=/etc; cd ssl` goes to /etc/ssl; with CDPATH unknown, so is the new cwd.
      ctx.crossedUnknown = false;
      const cdTargets = simpleCd ? cwds.map((c) => cdCandidates(cmdCdpath, c, expandTilde(w.text, ctx), isDirectory)) : [];
      let results: Array<Pick<ResolvedPath, 'certainty' | 'resolved'>> =
        (cwdUnknown && relative) || (viaCdpath && (!simpleCd || cdTargets.includes(undefined)))
          ? [{ resolved: cwds[0]!, certainty: 'unknown' }]
          : simpleCd
            ? [...new Set(cdTargets.flatMap((t) => t!).map((t) => resolvePathWord(t, '/', ctx)))].map((resolved) => ({ resolved, certainty: 'exact' as const }))
            : resolveOne(cmd, w.text, w.literal, cwds, ctx);
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
