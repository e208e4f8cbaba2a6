// Permissions set while creating files (`mkdir -m 777`, `install -m 4755 -o root`, `rsync --chmod=a+rwx`,
// `umask 0`) are the same change as a chmod/chown afterwards: each is judged as the chmod/chown it
// amounts to, so the destructive rule and a blocked pattern such as "chmod 777" see it too.
import type { SimpleCommand, Word } from '../parse/types.js';
import { normalizeArgs, type NormalizedCommand } from './normalize.js';
import { own } from '../util/own.js';

interface CreationOptions {
  /** Options whose value is the new files' mode (chmod syntax). */
  mode: string[];
  /** Options whose value is their owner (chown) or group (chgrp). */
  owner?: string[];
  group?: string[];
  /** Short options that take a value: a cluster stops at the first of them (`-Dm755`, `-pm 777`). */
  valueLetters: string;
}

export const creationOptions: Record<string, CreationOptions> = {
  install: { mode: ['-m', '--mode'], owner: ['-o', '--owner'], group: ['-g', '--group'], valueLetters: 'gmoSt' },
  mkdir: { mode: ['-m', '--mode'], valueLetters: 'mZ' },
  mkfifo: { mode: ['-m', '--mode'], valueLetters: 'mZ' },
  mknod: { mode: ['-m', '--mode'], valueLetters: 'mZ' },
  rsync: { mode: ['--chmod'], owner: ['--chown', '--usermap'], group: ['--groupmap'], valueLetters: 'eBfTM' },
};

type Kind = 'chmod' | 'chown' | 'chgrp';

const literal = (text: string): Word => ({ raw: text, text, literal: true, glob: false });

/** `--mo` is `--mode` (GNU accepts unambiguous prefixes; an ambiguous one is an error, nothing runs). */
function longName(word: string, names: string[]): boolean {
  const given = word.split('=')[0]!;
  return given.length > 2 && names.some((n) => n.startsWith('--') && n.startsWith(given));
}

/** The mode, owner and group values a creating command sets, as [kind, value word]. */
function creationValues(cmd: SimpleCommand, spec: CreationOptions): Array<[Kind, Word]> {
  const out: Array<[Kind, Word]> = [];
  const kindOf = (opt: string): Kind | undefined =>
    spec.mode.includes(opt) ? 'chmod' : spec.owner?.includes(opt) ? 'chown' : spec.group?.includes(opt) ? 'chgrp' : undefined;
  const args = cmd.args;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const t = a.text;
    if (t === '--') break;
    if (t.startsWith('--')) {
      for (const [kind, names] of [['chmod', spec.mode], ['chown', spec.owner ?? []], ['chgrp', spec.group ?? []]] as const) {
        if (!longName(t, names)) continue;
        const eq = t.indexOf('=');
        if (eq !== -1) out.push([kind, { ...a, raw: a.raw, text: t.slice(eq + 1) }]);
        else if (args[i + 1]) out.push([kind, args[++i]!]);
      }
    } else if (t.startsWith('-') && t.length > 1) {
      for (let k = 1; k < t.length; k++) {
        if (!spec.valueLetters.includes(t[k]!)) continue;
        const kind = kindOf(`-${t[k]}`);
        const rest = t.slice(k + 1);
        if (kind && rest !== '') out.push([kind, { ...a, text: rest }]);
        else if (kind && args[i + 1]) out.push([kind, args[i + 1]!]);
        if (rest === '') i++;
        break;
      }
    }
  }
  return out;
}

/** rsync's --chmod takes D/F prefixed clauses (`Da+rwx,Fa+rw`): judged as if every clause applied. */
function modeText(program: string, text: string): string {
  return program === 'rsync' ? text.replace(/(^|,)[DF]/g, '$1') : text;
}

/** umask MASK: what `mkdir` makes afterwards, as a chmod mode (an octal mask is the complement). */
function umaskMode(w: Word): Word {
  if (!w.literal || !/^[0-7]{1,4}$/.test(w.text)) return w;
  return literal(((0o777 & ~parseInt(w.text, 8)) >>> 0).toString(8).padStart(3, '0'));
}

/** The chmod/chown/chgrp commands that creating commands amount to, paired with the command they come from. */
export function impliedPermissionCommands(
  commands: Array<{ cmd: SimpleCommand; n: NormalizedCommand }>,
  home: string,
): Array<{ cmd: SimpleCommand; n: NormalizedCommand }> {
  const out: Array<{ cmd: SimpleCommand; n: NormalizedCommand }> = [];
  for (const { cmd, n } of commands) {
    if (cmd.program === 'umask') {
      const mask = cmd.args.find((a) => !a.literal || !a.text.startsWith('-'));
      if (mask) out.push({ cmd, n: normalizeArgs('chmod', [umaskMode(mask)], home) });
      continue;
    }
    const spec = own(creationOptions, n.program);
    if (!spec) continue;
    for (const [kind, value] of creationValues(cmd, spec)) {
      const word = kind === 'chmod' ? { ...value, text: modeText(n.program, value.text) } : value;
      const targets = n.operands.map(literal);
      out.push({ cmd, n: normalizeArgs(kind, [word, ...targets], home) });
    }
  }
  return out;
}
