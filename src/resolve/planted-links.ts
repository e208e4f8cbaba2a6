// Symlinks the script itself makes (ln -s, cp -P/-a/-d/-r or mv or rsync -l of a link, cp -s), so that a
// later word walking through one is walked as the kernel will: `ln -s /tmp t && cat t/../etc/passwd`
// reads /etc/passwd, not ./etc/passwd. They go into ctx.planted, which the walk (expand-path.ts) checks
// before the filesystem. SECURITY: whatever cannot be known (a variable target, an unknown link name)
// fails closed: the link's target is unknown, or any later climb through a name is (climbsThroughName).
import { lstatSync, readdirSync, readlinkSync, statSync } from 'node:fs';
import { posix } from 'node:path';
import { commandVariants, hasCandidates } from '../parse/candidates.js';
import type { SimpleCommand, Word } from '../parse/types.js';
import { resolvePathWord, type PathContext } from './expand-path.js';
import { globMatches, hasGlob } from './glob.js';
import { linkOptions, type LinkOptions } from './link-options.js';

/** Planted links plus whether one may sit anywhere (its name was not known). */
export interface PlantState {
  anywhere: boolean;
}

/** How many entries of a copied directory tree are looked at for the symlinks it holds. */
const MAX_TREE_ENTRIES = 4096;

/** Where a link named `word` would sit: the real directory it is in, then its own name (not followed). */
function location(word: string, cwd: string, ctx: PathContext): string {
  const trimmed = word.replace(/\/+$/, '');
  const base = posix.basename(trimmed);
  if (trimmed === '' || base === '.' || base === '..') return resolvePathWord(trimmed || '/', cwd, ctx);
  const dir = resolvePathWord(posix.dirname(trimmed), cwd, ctx);
  return dir === '/' ? `/${base}` : `${dir}/${base}`;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The target text of the link at `path` (planted or on disk), null if unknown, undefined if no link. */
function linkAt(path: string, ctx: PathContext): string | null | undefined {
  const planted = ctx.planted?.get(path);
  if (planted !== undefined) return planted;
  try {
    return lstatSync(path).isSymbolicLink() ? readlinkSync(path) : undefined;
  } catch {
    return undefined;
  }
}

/** The symlinks inside a real directory, by path relative to it; undefined when there are too many entries. */
function linksInTree(dir: string): Map<string, string> | undefined {
  const out = new Map<string, string>();
  let budget = MAX_TREE_ENTRIES;
  const visit = (rel: string): boolean => {
    let entries;
    try {
      entries = readdirSync(rel === '' ? dir : `${dir}/${rel}`, { withFileTypes: true });
    } catch {
      return true;
    }
    for (const e of entries) {
      if (--budget < 0) return false;
      const child = rel === '' ? e.name : `${rel}/${e.name}`;
      if (e.isSymbolicLink()) out.set(child, readlinkSync(`${dir}/${child}`));
      else if (e.isDirectory() && !visit(child)) return false;
    }
    return true;
  };
  return visit('') ? out : undefined;
}

function plant(ctx: PathContext, at: string, target: string | null): void {
  ctx.planted ??= new Map();
  ctx.planted.set(at, target);
  // Prefixes walked before the link existed may now lead elsewhere.
  ctx.realpaths.clear();
  ctx.missing.clear();
}

/** The places a copy/link of `source` lands: DIR/name into a directory, else the named path itself. */
function destinations(opts: LinkOptions, source: string, cwd: string, ctx: PathContext, state: PlantState): string[] {
  const name = posix.basename(source.replace(/\/+$/, '')) || '/';
  const dir = opts.targetDir ?? (opts.operands.length === 1 && opts.allowsOneOperand ? { text: '.', literal: true } : undefined);
  if (dir) {
    if (!dir.literal) state.anywhere = true;
    return dir.literal ? [location(`${dir.text}/${name}`, cwd, ctx)] : [];
  }
  const last = opts.operands[opts.operands.length - 1]!;
  if (!last.literal) {
    state.anywhere = true;
    return [];
  }
  const named = location(last.text, cwd, ctx);
  if (opts.noTargetDir) return [named];
  // SECURITY: when unsure whether the destination is a directory, the link is planted in both places.
  const intoDir = opts.operands.length > 2 || last.text.endsWith('/') || isDirectory(resolvePathWord(last.text, cwd, ctx));
  const inside = location(`${last.text.replace(/\/+$/, '')}/${name}`, cwd, ctx);
  if (!intoDir) return opts.alwaysInto ? [named, inside] : [named];
  return linkAt(named, ctx) !== undefined || opts.alwaysInto ? [inside, named] : [inside];
}

/** The sources of the command: its operands minus the destination. */
function sources(opts: LinkOptions): Word[] {
  if (opts.targetDir || (opts.operands.length === 1 && opts.allowsOneOperand)) return opts.operands;
  return opts.operands.slice(0, -1);
}

/** What a copy that keeps links makes of `source` at each destination. */
function copyLinks(source: string, dests: string[], opts: LinkOptions, ctx: PathContext, cwd: string, state: PlantState): void {
  const at = location(source, cwd, ctx);
  const link = opts.followTop ? undefined : linkAt(at, ctx);
  if (link !== undefined) {
    for (const d of dests) plant(ctx, d, link);
    return;
  }
  if (!opts.recursive || !opts.keepInner) return;
  const real = resolvePathWord(source, cwd, ctx);
  const inner = new Map<string, string | null>();
  for (const [path, target] of ctx.planted ?? []) if (path.startsWith(`${real}/`)) inner.set(path.slice(real.length + 1), target);
  if (isDirectory(real)) {
    const onDisk = linksInTree(real);
    // Too big to look through: any link may be in the copy, so any climb through a name is unknown.
    if (!onDisk) state.anywhere = true;
    for (const [rel, target] of onDisk ?? []) inner.set(rel, target);
  }
  for (const d of dests) for (const [rel, target] of inner) plant(ctx, `${d}/${rel}`, target);
}

function plantOne(cmd: SimpleCommand, cwd: string, ctx: PathContext, state: PlantState): void {
  const opts = linkOptions(cmd);
  if (!opts) return;
  if (opts.unknownOptions) state.anywhere = true;
  if (opts.operands.length === 0 || (opts.operands.length === 1 && !opts.allowsOneOperand && !opts.targetDir)) return;
  for (const src of sources(opts)) {
    const dests = destinations(opts, src.literal ? src.text : '\u0000', cwd, ctx, state);
    // SECURITY: an unknown source name into a directory, or a pattern: the link's own name is unknown.
    if (dests.some((d) => d.includes('\u0000')) || (opts.symbolic && src.literal && hasGlob(src.text))) {
      state.anywhere = true;
      continue;
    }
    if (opts.symbolic) {
      const target = !src.literal ? null : opts.relative ? resolvePathWord(src.text, cwd, ctx) : src.text;
      for (const d of dests) plant(ctx, d, target);
    } else if (!src.literal) {
      if (!opts.followTop || (opts.recursive && opts.keepInner)) for (const d of dests) plant(ctx, d, null);
    } else if (hasGlob(src.text)) {
      const matches = globMatches(cwd, src.text);
      if (!matches) state.anywhere = true;
      for (const m of matches ?? []) copyLinks(m, destinations(opts, m, cwd, ctx, state), opts, ctx, cwd, state);
    } else copyLinks(src.text, dests, opts, ctx, cwd, state);
  }
}

/**
 * Unpackers that recreate the symlinks an archive holds, under names only the archive knows (a `tar -c`
 * of link-up earlier in the same script, unpacked one level deeper, climbs one level higher).
 */
const extracts: Record<string, (args: string[]) => boolean> = {
  tar: (args) => args.some((a, i) => /^--(extract|get)$/.test(a) || (/^-[A-Za-z]*x/.test(a) && !a.startsWith('--')) || (i === 0 && /^[A-Za-z]*x[A-Za-z]*$/.test(a))),
  bsdtar: (args) => extracts.tar!(args),
  unzip: (args) => !args.some((a) => /^-[A-Za-z]*[lvtZ]/.test(a)),
  cpio: (args) => args.some((a) => a === '--extract' || /^-[A-Za-z]*i/.test(a)),
  '7z': (args) => args[0] === 'x' || args[0] === 'e',
  '7za': (args) => args[0] === 'x' || args[0] === 'e',
};

/** Records the links `cmd` may make, resolved against every cwd the script may be in. */
export function plantLinks(cmd: SimpleCommand, cwds: string[], ctx: PathContext, state: PlantState): void {
  const unpacks = cmd.program !== undefined && Object.hasOwn(extracts, cmd.program) ? extracts[cmd.program]! : undefined;
  // SECURITY: the links an archive holds are not known: any later climb through a name is unknown.
  if (unpacks?.(cmd.args.map((a) => a.text))) state.anywhere = true;
  const variants = hasCandidates(cmd) ? commandVariants(cmd) : [cmd];
  if (!variants) {
    if (linkOptions(cmd)) state.anywhere = true;
    return;
  }
  for (const v of variants) for (const cwd of cwds) plantOne(v, cwd, ctx, state);
}

/**
 * A word that names something and then climbs out of it (`x/..`): when a link may have been planted
 * under a name nobody knows, such a word may land anywhere.
 */
export function climbsThroughName(text: string): boolean {
  const parts = text.split('/');
  const firstName = parts.findIndex((p) => p !== '' && p !== '.' && p !== '..');
  return firstName !== -1 && parts.slice(firstName + 1).includes('..');
}
