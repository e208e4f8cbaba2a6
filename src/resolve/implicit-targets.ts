// Programs that write outside the cwd without naming where: global and user package installs
// (`npm install -g`, `pip install --user`, `cargo install`, `go install`, `gem install`, `apt-get
// install`) write into a prefix under /usr or the home, and archive extraction that keeps absolute
// member names (`tar -xP`, `cpio -i`, `unzip -:`) writes wherever the archive says. Each is judged as a
// write to that directory, like any path, so allowedPaths decides. Data, not code: extend the table.
// Plain `npm install` / `pip install -r requirements.txt` name no such flag and stay unjudged: they
// write into the project or into an environment we cannot see (an activated venv).
import { hasUnquotedExpansion } from '../parse/raw-word.js';
import { variablesSet } from '../parse/set-variables.js';
import type { SimpleCommand, Word } from '../parse/types.js';
import type { PathWord } from './path-words.js';

export interface ImplicitTarget {
  programs: string[];
  /** Leading operands required (yarn "global" "add"); one of the listed words at each position. */
  subcommand?: string[][];
  /** Not when the first operand is one of these (npm ls -g only lists). */
  unlessSubcommand?: string[];
  /** Each group needs one of its options (`-x` and `-P` for tar); letters of a short cluster count. */
  flags?: string[][];
  unlessFlag?: string[];
  /** The first word may be a bundle of option letters without a dash (`tar xPf a.tar`). */
  bundledFirst?: boolean;
  /** Options whose value is the directory written instead (`cargo install --root DIR`). */
  targetOptions?: string[];
  /** Variables that, set by the command itself, move the target (judged by env-paths.ts as paths). */
  targetVariables?: string[];
  /** The directory written; undefined: any path at all (the archive's member names decide). */
  path?: string;
  what: string;
}

const npmReadOnly = ['ls', 'list', 'll', 'la', 'outdated', 'root', 'bin', 'prefix', 'view', 'v', 'info', 'show', 'search', 's', 'find', 'help', 'explain', 'why', 'query', 'doctor', 'audit', 'fund', 'ping', 'whoami', 'version', 'docs', 'home', 'bugs', 'repo'];
const global = [['-g', '--global', '--location=global']];
const pipTargets = ['--target', '-t', '--prefix', '--root'];

export const implicitTargets: ImplicitTarget[] = [
  // Node: the global prefix (node's own prefix unless configured).
  { programs: ['npm'], flags: global, unlessSubcommand: npmReadOnly, targetOptions: ['--prefix'], targetVariables: ['npm_config_prefix', 'NPM_CONFIG_PREFIX'], path: '/usr/local/lib/node_modules', what: 'the global npm packages' },
  // `npm link` (with no package, or a folder) first links the package into the global prefix.
  { programs: ['npm'], subcommand: [['link', 'ln']], targetOptions: ['--prefix'], targetVariables: ['npm_config_prefix', 'NPM_CONFIG_PREFIX'], path: '/usr/local/lib/node_modules', what: 'the global npm packages' },
  { programs: ['pnpm'], flags: global, unlessSubcommand: npmReadOnly, targetVariables: ['PNPM_HOME'], path: '~/.local/share/pnpm', what: 'the global pnpm packages' },
  { programs: ['yarn'], subcommand: [['global'], ['add', 'remove', 'upgrade', 'upgrade-interactive']], targetOptions: ['--global-folder'], path: '~/.config/yarn/global', what: 'the global yarn packages' },
  { programs: ['bun'], flags: global, unlessSubcommand: npmReadOnly, targetVariables: ['BUN_INSTALL'], path: '~/.bun/install/global', what: 'the global bun packages' },
  // Python: user installs, a system interpreter's site-packages, tool environments.
  { programs: ['pip', 'pip3'], subcommand: [['install']], flags: [['--user']], targetOptions: pipTargets, targetVariables: ['PYTHONUSERBASE'], path: '~/.local/lib', what: 'the user site-packages' },
  { programs: ['pip', 'pip3'], subcommand: [['install']], targetOptions: pipTargets, what: 'the install target' },
  { programs: ['uv'], subcommand: [['pip'], ['install', 'sync', 'uninstall']], flags: [['--system']], targetOptions: ['--target', '--prefix'], path: '/usr/local/lib/python3', what: 'the system site-packages' },
  { programs: ['uv'], subcommand: [['tool'], ['install', 'upgrade', 'uninstall']], targetVariables: ['UV_TOOL_DIR', 'UV_TOOL_BIN_DIR'], path: '~/.local/share/uv/tools', what: 'the uv tools' },
  { programs: ['pipx'], subcommand: [['install', 'uninstall', 'upgrade', 'upgrade-all', 'uninstall-all', 'reinstall', 'reinstall-all', 'inject', 'uninject', 'ensurepath']], targetVariables: ['PIPX_HOME', 'PIPX_BIN_DIR'], path: '~/.local/share/pipx', what: 'the pipx environments' },
  // Other language tool installs.
  { programs: ['cargo'], subcommand: [['install', 'uninstall']], unlessFlag: ['--list', '-h', '--help'], targetOptions: ['--root'], targetVariables: ['CARGO_INSTALL_ROOT', 'CARGO_HOME'], path: '~/.cargo/bin', what: 'the cargo binaries' },
  { programs: ['go'], subcommand: [['install']], unlessFlag: ['-n'], targetVariables: ['GOBIN', 'GOPATH'], path: '~/go/bin', what: 'the Go binaries' },
  { programs: ['gem'], subcommand: [['install', 'uninstall', 'update']], flags: [['--user-install']], targetOptions: ['-i', '--install-dir'], targetVariables: ['GEM_HOME'], path: '~/.gem', what: 'the user gems' },
  { programs: ['gem'], subcommand: [['install', 'uninstall', 'update']], unlessFlag: ['--user-install'], targetOptions: ['-i', '--install-dir'], targetVariables: ['GEM_HOME'], path: '/var/lib/gems', what: 'the system gems' },
  { programs: ['composer'], subcommand: [['global']], targetVariables: ['COMPOSER_HOME'], path: '~/.config/composer', what: 'the global composer packages' },
  { programs: ['dotnet'], subcommand: [['tool'], ['install', 'update', 'uninstall']], flags: global, targetOptions: ['--tool-path'], path: '~/.dotnet/tools', what: 'the global .NET tools' },
  // System package managers: the system's own directories.
  { programs: ['apt', 'apt-get', 'aptitude'], subcommand: [['install', 'reinstall', 'remove', 'purge', 'upgrade', 'full-upgrade', 'dist-upgrade', 'autoremove', 'build-dep', 'update', 'satisfy']], unlessFlag: ['-s', '--simulate', '--dry-run', '--just-print', '--no-act', '--recon'], path: '/usr', what: 'the system packages' },
  { programs: ['dpkg'], flags: [['-i', '--install', '-r', '--remove', '-P', '--purge', '--unpack', '--configure']], unlessFlag: ['--dry-run', '--no-act', '--simulate'], path: '/usr', what: 'the system packages' },
  { programs: ['rpm'], flags: [['-i', '--install', '-U', '--upgrade', '-F', '--freshen', '-e', '--erase', '--reinstall']], unlessFlag: ['--test', '-q', '--query', '-V', '--verify'], path: '/usr', what: 'the system packages' },
  { programs: ['dnf', 'yum', 'microdnf', 'tdnf'], subcommand: [['install', 'reinstall', 'remove', 'erase', 'update', 'upgrade', 'downgrade', 'autoremove', 'groupinstall', 'localinstall', 'distro-sync', 'swap']], path: '/usr', what: 'the system packages' },
  { programs: ['apk'], subcommand: [['add', 'del', 'upgrade', 'fix']], unlessFlag: ['-s', '--simulate'], path: '/usr', what: 'the system packages' },
  { programs: ['zypper'], subcommand: [['in', 'install', 'rm', 'remove', 'up', 'update', 'dup', 'dist-upgrade', 'patch']], path: '/usr', what: 'the system packages' },
  { programs: ['pacman'], flags: [['-S', '--sync', '-R', '--remove', '-U', '--upgrade']], unlessFlag: ['-s', '--search', '-i', '--info', '-l', '--list', '-p', '--print', '-g', '--groups'], path: '/usr', what: 'the system packages' },
  { programs: ['snap', 'flatpak'], subcommand: [['install', 'remove', 'refresh', 'update', 'uninstall', 'revert']], path: '/var/lib', what: 'the system packages' },
  { programs: ['brew'], subcommand: [['install', 'reinstall', 'uninstall', 'remove', 'rm', 'upgrade', 'tap', 'untap', 'link', 'unlink', 'update']], path: '/home/linuxbrew/.linuxbrew', what: 'the Homebrew prefix' },
  { programs: ['nix-env'], flags: [['-i', '--install', '-e', '--uninstall', '-u', '--upgrade', '--set']], path: '/nix/var/nix/profiles', what: 'the Nix profile' },
  // Extraction that keeps absolute or ../ member names: the archive chooses the paths.
  { programs: ['tar', 'gtar', 'bsdtar'], bundledFirst: true, flags: [['-x', '--extract', '--get'], ['-P', '--absolute-names']], what: 'absolute member names in the archive' },
  { programs: ['cpio'], flags: [['-i', '--extract']], unlessFlag: ['--no-absolute-filenames', '-t', '--list'], what: 'absolute member names in the archive' },
  { programs: ['pax'], flags: [['-r']], what: 'absolute member names in the archive' },
  { programs: ['unzip'], flags: [['-:']], what: '../ member names in the archive' },
  { programs: ['7z', '7za', '7zz'], subcommand: [['x']], flags: [['-spf', '-spf2']], what: 'absolute member names in the archive' },
];

const UNKNOWN = '\u0000';

/** An unknown word that may be any option or subcommand: unquoted (it may split) or starting with "-". */
function mayBeAnyWord(a: Word): boolean {
  return !a.literal && (a.text.startsWith('-') || hasUnquotedExpansion(a.raw));
}

interface Scan {
  flags: Set<string>;
  operands: Word[];
  targets: Word[];
  dynamic: boolean;
}

function scan(spec: ImplicitTarget, args: Word[]): Scan {
  const s: Scan = { flags: new Set(), operands: [], targets: [], dynamic: false };
  const targetOptions = spec.targetOptions ?? [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const t = a.text;
    if (mayBeAnyWord(a)) s.dynamic = true;
    if (spec.bundledFirst && i === 0 && a.literal && /^[A-Za-z]+$/.test(t)) {
      for (const ch of t) s.flags.add(`-${ch}`);
      continue;
    }
    if (a.literal && /^\+./.test(t)) continue; // a toolchain (cargo +nightly install)
    if (!t.startsWith('-') || t.length < 2 || !a.literal) {
      s.operands.push(a);
      continue;
    }
    const eq = t.indexOf('=');
    const name = eq === -1 ? t : t.slice(0, eq);
    s.flags.add(t).add(name);
    if (targetOptions.includes(name)) {
      const value = eq === -1 ? args[++i] : { ...a, raw: a.raw.slice(a.raw.indexOf('=') + 1), text: t.slice(eq + 1) };
      if (value) s.targets.push(value);
    } else if (!t.startsWith('--')) {
      // A short cluster (-xPf, -Syu) is several flags; -spf (7z) is kept whole above.
      for (const ch of t.slice(1)) s.flags.add(`-${ch}`);
    }
  }
  return s;
}

/** yes: it writes the target; maybe: only if an unknown word is the option or subcommand that makes it. */
function matches(spec: ImplicitTarget, s: Scan): 'yes' | 'maybe' | 'no' {
  let maybe = false;
  // The value of an option we do not know may come before the subcommand (apt-get -o X=y install).
  const sub = spec.subcommand?.[0];
  const [op0, op1] = s.operands;
  const skip = sub && op1?.literal && sub.includes(op1.text) && !(op0?.literal && sub.includes(op0.text)) ? 1 : 0;
  for (const [i, words] of (spec.subcommand ?? []).entries()) {
    const w = s.operands[i + skip];
    if (w && mayBeAnyWord(w)) maybe = true;
    else if (!w?.literal || !words.includes(w.text)) return 'no';
  }
  const first = s.operands[0];
  if (spec.unlessSubcommand && first?.literal && spec.unlessSubcommand.includes(first.text)) return 'no';
  if (spec.unlessFlag?.some((f) => s.flags.has(f))) return 'no';
  const missing = (spec.flags ?? []).some((group) => !group.some((f) => s.flags.has(f)));
  // SECURITY: `npm i $opts x`: an unquoted unknown word may be the -g that makes it global.
  if (missing) return s.dynamic ? 'maybe' : 'no';
  return maybe ? 'maybe' : 'yes';
}

/** `python3 -m pip ...` is pip. */
function asProgram(cmd: SimpleCommand): { program: string | undefined; args: Word[] } {
  const p = cmd.program;
  if (p && /^python[0-9.]*$/.test(p) && cmd.args[0]?.text === '-m' && /^pip[0-9.]*$/.test(cmd.args[1]?.text ?? '')) {
    return { program: 'pip', args: cmd.args.slice(2) };
  }
  return { program: p && /^pip[0-9.]+$/.test(p) ? 'pip' : p, args: cmd.args };
}

/** The directories `cmd` writes without naming them, as write path words. */
export function implicitTargetWords(cmd: SimpleCommand): PathWord[] {
  const { program, args } = asProgram(cmd);
  if (program === undefined) return [];
  const out: PathWord[] = [];
  const variables = variablesSet(cmd);
  for (const spec of implicitTargets) {
    if (!spec.programs.includes(program)) continue;
    const s = scan(spec, args);
    const how = matches(spec, s);
    if (how === 'no') continue;
    const arg = `${program} (${spec.what}${spec.path ? `: ${spec.path}` : ''})`;
    // The command names the directory itself (an option, or a variable it sets): that is the target.
    const named = variables.filter((v) => spec.targetVariables?.includes(v.name));
    for (const { name, value } of named) {
      if (!value) out.push({ arg: `${name}=(unknown)`, text: UNKNOWN, literal: false, access: 'write', unknowns: [`$${name}`] });
      else for (const text of value.text.split(':').filter((x) => x !== '')) out.push({ arg: `${name}=${value.raw}`, text, literal: value.literal, access: 'write', unknowns: value.unknowns ?? [] });
    }
    for (const t of s.targets) out.push({ arg: t.raw, text: t.text, literal: t.literal, access: 'write', unknowns: t.unknowns ?? [] });
    // pip install without --user or --target: a venv we cannot see, or the system (see the header).
    if (named.length > 0 || s.targets.length > 0 || (spec.path === undefined && spec.targetOptions)) continue;
    const known = how === 'yes' && spec.path !== undefined;
    const unknowns = known ? [] : [spec.path === undefined ? spec.what : `whether ${program} writes ${spec.path}`];
    out.push({ arg, text: known ? spec.path! : UNKNOWN, literal: known, access: 'write', unknowns });
  }
  return out;
}
