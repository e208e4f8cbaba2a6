// How ln, cp, mv, rsync and link read their options, as far as the links they make go: whether the link
// is symbolic, where it lands (-t DIR, -T), and whether a source that is itself a symlink is copied as a
// link (cp -P/-d/-a/-r, mv, rsync -l/-a) or followed. GNU long options may be abbreviated (--sym).
import type { SimpleCommand, Word } from '../parse/types.js';

type Meaning =
  | 'symbolic'
  | 'relative'
  | 'target-dir'
  | 'no-target-dir'
  | 'deref-never'
  | 'deref-always'
  | 'deref-top'
  | 'recursive'
  | 'archive'
  | 'value'
  | 'other';

interface Grammar {
  short: Record<string, Meaning>;
  /** Every long option, so an abbreviation can be told from an ambiguous one. */
  long: Record<string, Meaning>;
  /** Short options with a value (rest of the word or the next word) that mean nothing here. */
  shortValued: string;
  /** ln TARGET alone links into the cwd. */
  oneOperand?: boolean;
  /** rsync: a source lands inside DEST whether DEST exists yet or not. */
  alwaysInto?: boolean;
  /** What happens to a source symlink when no option says: followed or copied as a link. */
  deref: (recursive: boolean) => 'never' | 'always';
}

const gnuCommon: Record<string, Meaning> = {
  'target-directory': 'target-dir', 'no-target-directory': 'no-target-dir', suffix: 'value', backup: 'other',
  force: 'other', interactive: 'other', verbose: 'other', help: 'other', version: 'other',
};

const grammars: Record<string, Grammar> = {
  ln: {
    short: { s: 'symbolic', r: 'relative', t: 'target-dir', T: 'no-target-dir', L: 'deref-always', P: 'deref-never' },
    long: { ...gnuCommon, symbolic: 'symbolic', relative: 'relative', logical: 'deref-always', physical: 'deref-never', 'no-dereference': 'other', directory: 'other' },
    shortValued: 'S',
    oneOperand: true,
    // A hard link to a symlink links the symlink itself on Linux (ln -P is the default there).
    deref: () => 'never',
  },
  link: { short: {}, long: {}, shortValued: '', deref: () => 'never' },
  cp: {
    short: { s: 'symbolic', t: 'target-dir', T: 'no-target-dir', P: 'deref-never', d: 'deref-never', L: 'deref-always', H: 'deref-top', R: 'recursive', r: 'recursive', a: 'archive' },
    long: {
      ...gnuCommon, 'symbolic-link': 'symbolic', 'no-dereference': 'deref-never', dereference: 'deref-always', recursive: 'recursive', archive: 'archive',
      'no-preserve': 'value', sparse: 'value', link: 'other', preserve: 'other', parents: 'other', reflink: 'other', update: 'other',
      'one-file-system': 'other', context: 'other', 'strip-trailing-slashes': 'other', 'remove-destination': 'other',
      'attributes-only': 'other', 'copy-contents': 'other', debug: 'other', 'no-clobber': 'other', 'keep-directory-symlink': 'other',
    },
    shortValued: 'S',
    deref: (recursive) => (recursive ? 'never' : 'always'),
  },
  // A rename keeps whatever the source is, link or tree.
  mv: { short: { t: 'target-dir', T: 'no-target-dir' }, long: { ...gnuCommon, update: 'other', 'no-clobber': 'other', 'strip-trailing-slashes': 'other', context: 'other', debug: 'other', exchange: 'other', 'no-copy': 'other' }, shortValued: 'S', deref: () => 'never' },
  rsync: {
    short: { l: 'deref-never', a: 'archive', r: 'recursive', L: 'deref-always' },
    long: {
      links: 'deref-never', archive: 'archive', recursive: 'recursive', 'copy-links': 'deref-always', rsh: 'value', filter: 'value',
      exclude: 'value', include: 'value', 'exclude-from': 'value', 'include-from': 'value', 'files-from': 'value', 'backup-dir': 'value',
      suffix: 'value', 'rsync-path': 'value', chmod: 'value', 'log-file': 'value', 'partial-dir': 'value', 'temp-dir': 'value',
      'compare-dest': 'value', 'copy-dest': 'value', 'link-dest': 'value', 'password-file': 'value', 'out-format': 'value',
      'block-size': 'value', 'remote-option': 'value', 'modify-window': 'value',
    },
    shortValued: 'efBTM@',
    alwaysInto: true,
    deref: () => 'always',
  },
};

export interface LinkOptions {
  symbolic: boolean;
  /** ln -r: the link's target is made relative to where it sits, i.e. it points where the word resolves now. */
  relative: boolean;
  targetDir?: Pick<Word, 'text' | 'literal'>;
  noTargetDir: boolean;
  operands: Word[];
  allowsOneOperand: boolean;
  alwaysInto: boolean;
  /** A source that is a symlink is followed (its target is copied), not copied as a link. */
  followTop: boolean;
  recursive: boolean;
  /** Links inside a copied directory stay links. */
  keepInner: boolean;
  /** A word that may be an option is unknown ($opts): what the command does is not known. */
  unknownOptions: boolean;
}

/** A table lookup that never reaches Object.prototype (`valueOf` is a program name too). */
function own<T>(table: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/** The long option `name` stands for (exact, or an unambiguous GNU abbreviation). */
function longMeaning(g: Grammar, name: string): Meaning | undefined {
  const exact = own(g.long, name);
  if (exact !== undefined) return exact;
  const hits = Object.keys(g.long).filter((k) => k.startsWith(name));
  return hits.length === 1 ? own(g.long, hits[0]!) : undefined;
}

/** The link-related reading of `cmd`, or undefined when it is not a program that makes links. */
export function linkOptions(cmd: SimpleCommand): LinkOptions | undefined {
  const g = cmd.program === undefined ? undefined : own(grammars, cmd.program);
  if (!g) return undefined;
  const seen: Meaning[] = [];
  const out: LinkOptions = {
    symbolic: false, relative: false, noTargetDir: false, operands: [], allowsOneOperand: g.oneOperand === true,
    alwaysInto: g.alwaysInto === true, followTop: false, recursive: false, keepInner: false, unknownOptions: false,
  };
  const args = cmd.args;
  let ended = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.literal && (a.text.startsWith('-') || a.text.startsWith('\u0000'))) out.unknownOptions = true;
    if (ended || !a.literal || !a.text.startsWith('-') || a.text === '-') {
      out.operands.push(a);
      continue;
    }
    if (a.text === '--') {
      ended = true;
      continue;
    }
    if (a.text.startsWith('--')) {
      const eq = a.text.indexOf('=');
      const meaning = longMeaning(g, a.text.slice(2, eq === -1 ? undefined : eq));
      if (meaning === undefined) continue;
      seen.push(meaning);
      const needsValue = meaning === 'value' || meaning === 'target-dir';
      const value = eq !== -1 ? { text: a.text.slice(eq + 1), literal: true } : needsValue ? args[++i] : undefined;
      if (meaning === 'target-dir' && value) out.targetDir = value;
      continue;
    }
    for (let j = 1; j < a.text.length; j++) {
      const c = a.text[j]!;
      const meaning = own(g.short, c);
      if (meaning !== undefined) seen.push(meaning);
      if (meaning === 'target-dir' || g.shortValued.includes(c)) {
        const value = j + 1 < a.text.length ? { text: a.text.slice(j + 1), literal: true } : args[++i];
        if (meaning === 'target-dir' && value) out.targetDir = value;
        break;
      }
    }
  }
  out.symbolic = seen.includes('symbolic');
  out.relative = seen.includes('relative');
  out.noTargetDir = seen.includes('no-target-dir');
  out.recursive = seen.includes('recursive') || seen.includes('archive') || cmd.program === 'mv';
  // The last of -P/-L/-H/-a wins, as in GNU cp; none of them: the program's default.
  const last = [...seen].reverse().find((m) => m.startsWith('deref-') || m === 'archive');
  const deref = last === undefined ? g.deref(out.recursive) : last === 'deref-always' ? 'always' : last === 'deref-top' ? 'top' : 'never';
  out.followTop = deref === 'always' || deref === 'top';
  out.keepInner = deref !== 'always';
  return out;
}
