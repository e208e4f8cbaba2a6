// A simple command in the canonical form blocked patterns are matched against: the program's
// basename, its flags as a set of canonical names (`rm -fr`, `rm -r -f`, `rm --recursive --force`
// all become {r, f}), and its operands normalized (paths collapsed, chmod modes as octal).
import { posix } from 'node:path';
import { wordVariants } from '../parse/candidates.js';
import { hasUnquotedExpansion } from '../parse/raw-word.js';
import type { Word } from '../parse/types.js';
import { UNKNOWN } from '../parse/words.js';
import { own } from '../util/own.js';

/** Long and alternative spellings of flags, per program, mapped to one canonical name. */
export const flagAliases: Record<string, Record<string, string>> = {
  rm: { R: 'r', recursive: 'r', force: 'f', dir: 'd' },
  cp: { R: 'r', recursive: 'r', force: 'f' },
  mv: { force: 'f' },
  ln: { force: 'f', symbolic: 's' },
  chmod: { recursive: 'R' },
  chown: { recursive: 'R' },
  chgrp: { recursive: 'R' },
  git: { force: 'f' },
  sed: { 'in-place': 'i' },
  kill: { KILL: '9', s: 's' },
};

/** Programs whose options are single-dash words (`find -delete`), not clusters of letters. */
const singleDashLong = new Set(['find', 'java', 'go', 'qemu-system-x86_64']);

/** Options that take the next word as their value, per program: the value is not an operand. */
export const valueFlags: Record<string, string[]> = {
  git: ['C', 'c', 'git-dir', 'work-tree', 'namespace', 'config-env', 'exec-path'],
  sort: ['o', 'k', 't', 'T', 'S', 'output'],
  grep: ['e', 'f', 'm', 'A', 'B', 'C', 'regexp', 'file'],
  tar: ['f', 'C', 'T', 'X', 'file', 'directory'],
  kill: ['s', 'n'],
  sed: ['e', 'f', 'l'],
  chmod: ['reference'],
  chown: ['reference'],
  cp: ['t', 'S', 'target-directory'],
  mv: ['t', 'S', 'target-directory'],
  rsync: ['e', 'rsh', 'f', 'filter', 'exclude', 'include'],
  perl: ['M', 'm', 'I', 'C', 'd', 'D', 'x', 'l', '0'],
  ruby: ['r', 'I', 'C', 'E', 'x', 'l', '0'],
  awk: ['v', 'f', 'F', 'i', 'e', 'l', 'E', 'assign', 'file', 'field-separator', 'include', 'source', 'load', 'exec'],
  gawk: ['v', 'f', 'F', 'i', 'e', 'l', 'E', 'assign', 'file', 'field-separator', 'include', 'source', 'load', 'exec'],
};

/** Long option names per program, so GNU's unambiguous abbreviations (`--recur`) are recognized. */
export const longOptions: Record<string, string[]> = {
  rm: ['recursive', 'force', 'dir', 'interactive', 'one-file-system', 'no-preserve-root', 'preserve-root', 'verbose', 'help', 'version'],
  cp: ['recursive', 'force', 'archive', 'backup', 'link', 'no-clobber', 'interactive', 'preserve', 'parents', 'symbolic-link', 'target-directory', 'update', 'verbose'],
  chmod: ['recursive', 'reference', 'changes', 'silent', 'quiet', 'verbose', 'preserve-root', 'no-preserve-root'],
  chown: ['recursive', 'reference', 'changes', 'silent', 'quiet', 'verbose', 'dereference', 'no-dereference', 'from'],
  git: ['force', 'force-with-lease', 'force-if-includes', 'hard', 'soft', 'mixed', 'merge', 'keep', 'dry-run', 'delete', 'mirror'],
  sed: ['in-place', 'expression', 'file', 'quiet', 'silent', 'regexp-extended', 'separate', 'null-data'],
};

function expandLong(program: string, name: string): string {
  const known = own(longOptions, program);
  if (!known || known.includes(name) || name.length < 2) return name;
  const candidates = known.filter((k) => k.startsWith(name));
  return candidates.length === 1 ? candidates[0]! : name;
}

/**
 * Other names for the same program, for pattern matching: a pattern on "sudo" is about privilege
 * escalation and a pattern on "mkfs" about formatting, whatever the tool is called.
 */
export const programFamilies: Record<string, string> = {
  doas: 'sudo', sudoedit: 'sudo', visudo: 'sudo', pkexec: 'sudo', su: 'sudo', run0: 'sudo', calife: 'sudo',
  runuser: 'sudo', please: 'sudo', pleaseedit: 'sudo', pfexec: 'sudo', ksu: 'sudo', gosu: 'sudo', 'su-exec': 'sudo',
  setuidgid: 'sudo', 's6-setuidgid': 'sudo', sg: 'sudo', newgrp: 'sudo', nsenter: 'sudo',
  rimraf: 'rm', 'del-cli': 'rm',
  mkdosfs: 'mkfs.vfat', mkfs: 'mkfs', mke2fs: 'mkfs.ext2', mkntfs: 'mkfs.ntfs', mkexfatfs: 'mkfs.exfat', mkswap: 'mkfs.swap',
  'mkfs.msdos': 'mkfs.vfat',
};

/**
 * Tools that switch user, group or capabilities only in some forms. A form holds when the command has
 * one of `anyFlag` (canonical names), none of `unlessFlag`, the `subcommand`, and for each of
 * `operands` an operand it matches. In such a form the command belongs to the sudo family.
 */
interface PrivilegeForm {
  anyFlag?: string[];
  unlessFlag?: string[];
  subcommand?: string[];
  operands?: RegExp[];
}
const localHost = /^(localhost|127\.[\d.]+|\[?::1\]?|0\.0\.0\.0)$/i;
export const privilegeForms: Record<string, PrivilegeForm[]> = {
  setpriv: [{ anyFlag: ['reuid', 'ruid', 'euid', 'regid', 'rgid', 'egid', 'init-groups', 'groups', 'keep-groups', 'inh-caps', 'ambient-caps'] }],
  capsh: [{ anyFlag: ['user', 'uid', 'gid', 'groups', 'caps', 'inh', 'addamb', 'iab', 'chroot'] }],
  chpst: [{ anyFlag: ['u', 'U'] }],
  // The system manager runs the unit as root unless told otherwise; --user uses the caller's manager.
  'systemd-run': [{ unlessFlag: ['user'] }],
  machinectl: [{ subcommand: ['shell', 'login'] }],
  // root on this same machine is sudo by another door.
  ssh: [{ operands: [/^root@(localhost|127\.[\d.]+|\[?::1\]?|0\.0\.0\.0)(:\d+)?$/i] }, { anyFlag: ['l'], operands: [/^root$/, localHost] }],
  scp: [{ operands: [/^root@(localhost|127\.[\d.]+|\[?::1\]?|0\.0\.0\.0):/i] }],
};

/** Programs that are another program with flags already set: rimraf DIR is rm -rf DIR. */
export const impliedFlags: Record<string, string[]> = { rimraf: ['r', 'f'], 'del-cli': ['r', 'f'] };

function privilegeFamily(program: string, flags: Set<string>, operands: string[]): string | undefined {
  const holds = (form: PrivilegeForm): boolean =>
    (!form.anyFlag || form.anyFlag.some((f) => flags.has(f))) &&
    !form.unlessFlag?.some((f) => flags.has(f)) &&
    (!form.subcommand || form.subcommand.includes(operands[0] ?? '')) &&
    (form.operands ?? []).every((re) => operands.some((o) => re.test(o)));
  return own(privilegeForms, program)?.some(holds) ? 'sudo' : undefined;
}

export interface NormalizedCommand {
  program: string;
  /** The family a pattern should see when the form, not the name, makes it one (setpriv --reuid=0 is sudo). */
  family?: string;
  flags: Set<string>;
  operands: string[];
  /** True if some argument is not literal: it could turn into any flag or operand at run time. */
  hasDynamicArgs: boolean;
  /**
   * True if such an argument could be (or split into) an option: it starts with the unknown part or with
   * "-", or has an unquoted expansion. False for `x="$y"`, `s/a/$b/`, `"https://$host/x"`.
   */
  dynamicMayBeFlag: boolean;
  /** How many operands came before a `--` (the rest are paths, e.g. `git checkout HEAD -- src`); absent without one. */
  dashDash?: number;
  /**
   * When arguments are for-loop words with known candidates: the command once per combination of
   * them (those words literal there, hasDynamicArgs only for other unknowns). This command itself
   * stays the fail-closed view (hasDynamicArgs true) for rules that do not look at variants.
   */
  variants?: NormalizedCommand[];
}

const permBits: Record<string, number> = { r: 4, w: 2, x: 1 };

/** chmod's mode operand as the resulting permission bits, when they do not depend on the file's old mode. */
export function canonicalChmodMode(mode: string): string {
  if (/^[0-7]+$/.test(mode) && parseInt(mode, 8) <= 0o7777) return (parseInt(mode, 8) & 0o777).toString(8).padStart(3, '0');
  const apply = (start: number): number | undefined => {
    let bits = start;
    for (const clause of mode.split(',')) {
      const m = /^([ugoa]*)([-+=])([rwxXst]*)$/.exec(clause);
      if (!m) return undefined;
      const who = m[1] === '' || m[1]!.includes('a') ? 'ugo' : m[1]!;
      let perm = 0;
      for (const p of m[3]!) perm |= permBits[p] ?? 0;
      for (const w of who) {
        const shift = w === 'u' ? 6 : w === 'g' ? 3 : 0;
        if (m[2] === '=') bits = (bits & ~(7 << shift)) | (perm << shift);
        else if (m[2] === '+') bits |= perm << shift;
        else bits &= ~(perm << shift);
      }
    }
    return bits;
  };
  const low = apply(0);
  const high = apply(0o777);
  if (low === undefined || high === undefined || low !== high) return mode;
  return low.toString(8).padStart(3, '0');
}

function normalizeOperand(text: string, program: string, index: number, home: string): string {
  if (program === 'chmod' && index === 0) return canonicalChmodMode(text);
  let t = text;
  if (t === '~' || t.startsWith('~/')) t = home + t.slice(1);
  if (t.startsWith('/')) {
    const n = posix.normalize(t);
    return n.length > 1 && n.endsWith('/') ? n.slice(0, -1) : n;
  }
  return t;
}

/** Splits words into canonical flags and normalized operands (GNU style: flags may follow operands). */
export function normalizeArgs(program: string, args: Word[], home: string): NormalizedCommand {
  const aliases = own(flagAliases, program) ?? {};
  const takesValue = own(valueFlags, program) ?? [];
  const flags = new Set<string>();
  const operands: string[] = [];
  let hasDynamicArgs = false;
  let dynamicMayBeFlag = false;
  let endOfOptions = false;
  let dashDash: number | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.literal) hasDynamicArgs = true;
    const t = a.text;
    if (!a.literal && !endOfOptions && (t.startsWith(UNKNOWN) || t.startsWith('-') || hasUnquotedExpansion(a.raw))) dynamicMayBeFlag = true;
    if (!endOfOptions && t === '--') {
      endOfOptions = true;
      dashDash = operands.length;
      continue;
    }
    const chmodMode = program === 'chmod' && operands.length === 0 && /^-[rwxXst]+$/.test(t);
    if (!endOfOptions && t.startsWith('--') && t.length > 2 && !chmodMode) {
      const name = expandLong(program, t.slice(2).split('=')[0]!);
      flags.add(own(aliases, name) ?? name);
      if (!t.includes('=') && takesValue.includes(name)) i = skipValue(args, i);
    } else if (!endOfOptions && t.startsWith('-') && t.length > 1 && !chmodMode && !/^-\d+$/.test(t)) {
      if (singleDashLong.has(program)) flags.add(t.slice(1));
      else {
        // A letter that takes a value ends the cluster: the rest is its value (-Mstrict, -rjson), not flags.
        for (const ch of t.slice(1)) {
          flags.add(own(aliases, ch) ?? ch);
          if (takesValue.includes(ch)) break;
        }
      }
      // `-C dir`: the value is the next word. (`-Cdir` carries it; the letters after C are not flags.)
      if (!singleDashLong.has(program) && t.length === 2 && takesValue.includes(t[1]!)) i = skipValue(args, i);
    } else {
      operands.push(normalizeOperand(t, program, operands.length, home));
    }
  }
  /** Steps over the value of the option at args[i]; an unquoted expansion there may split into more options. */
  function skipValue(words: Word[], i: number): number {
    const v = words[i + 1];
    if (v && !v.literal) {
      hasDynamicArgs = true;
      if (hasUnquotedExpansion(v.raw)) dynamicMayBeFlag = true;
    }
    return i + 1;
  }
  for (const f of own(impliedFlags, program) ?? []) flags.add(f);
  const n: NormalizedCommand = { program, flags, operands, hasDynamicArgs, dynamicMayBeFlag };
  const family = privilegeFamily(program, flags, operands);
  if (family) n.family = family;
  if (dashDash !== undefined) n.dashDash = dashDash;
  const variants = hasDynamicArgs ? wordVariants(args) : undefined;
  if (variants) n.variants = variants.map((v) => normalizeArgs(program, v, home));
  return n;
}
