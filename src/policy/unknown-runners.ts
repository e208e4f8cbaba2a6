// The fallback for programs the wrapper table (parse/wrapper-table.ts) does not know: any of them may
// run its arguments as a command (`faketime X sudo id`, `tool run rm -rf build`, `tool 'sudo id'`).
// When an argument of such a program, read as the start of a command or as a shell string, would match
// a blocked pattern, the command needs approval: we cannot tell data from a command there.
// Kept narrow so data does not trip it: only programs not known to take plain data, only blocked
// patterns (not the destructive list: `npm rm left-pad` is fine), only literal words.
import { posix } from 'node:path';
import { SHELLS } from '../parse/analyze.js';
import { parseScript } from '../parse/index.js';
import { interpreterOf, interpreterUse } from '../parse/inline-code.js';
import type { SimpleCommand, Word } from '../parse/types.js';
import { WRAPPERS } from '../parse/wrappers.js';
import { codeLooking, conventionalCodeOptions } from './code-options.js';
import { normalizeArgs } from './normalize.js';
import type { NormalizedCommand } from './normalize.js';
import { matchCommand, type CompiledPattern } from './patterns.js';
import type { RuleMatch } from './types.js';

type CommandPattern = Extract<CompiledPattern, { kind: 'command' }>;

/**
 * Programs whose arguments are data (file names, search terms, messages, package names), or whose
 * ways of running code are modelled elsewhere (git, find, make, interpreters): `grep -r sudo docs/`,
 * `git commit -m "rm -rf build"`, `apt-get install sudo`, `man sudo` stay allowed.
 */
const dataPrograms = new Set([
  // text and files
  'echo', 'printf', 'cat', 'tac', 'less', 'more', 'most', 'head', 'tail', 'wc', 'sort', 'uniq', 'tee', 'cut', 'tr', 'paste', 'join',
  'column', 'fold', 'fmt', 'nl', 'pr', 'rev', 'expand', 'unexpand', 'comm', 'diff', 'diff3', 'sdiff', 'cmp', 'patch', 'colordiff',
  'grep', 'egrep', 'fgrep', 'rg', 'ag', 'ack', 'ugrep', 'ug', 'zgrep', 'zegrep', 'zfgrep', 'xzgrep', 'bzgrep', 'lzgrep', 'zstdgrep', 'pcregrep',
  'pcre2grep', 'pdfgrep', 'ggrep', 'git', 'sed', 'gsed', 'awk', 'gawk', 'mawk', 'nawk', 'jq', 'yq', 'xq', 'fx',
  'base64', 'base32', 'xxd', 'od', 'hexdump', 'strings', 'file', 'stat', 'md5sum', 'sha1sum', 'sha256sum', 'sha512sum', 'cksum', 'b2sum',
  'ls', 'tree', 'du', 'df', 'touch', 'mkdir', 'rmdir', 'rm', 'cp', 'mv', 'ln', 'install', 'chmod', 'chown', 'chgrp', 'truncate', 'shred',
  'basename', 'dirname', 'realpath', 'readlink', 'mktemp', 'find', 'locate', 'fd', 'fdfind', 'tar', 'zip', 'unzip', 'gzip', 'gunzip',
  'zcat', 'bzip2', 'bunzip2', 'xz', 'unxz', 'zstd', '7z', 'split', 'csplit', 'iconv', 'dos2unix', 'unix2dos', 'bat', 'batcat', 'vim',
  'vi', 'nvim', 'nano', 'emacs', 'code', 'open', 'xdg-open', 'wget', 'curl', 'http', 'https', 'scp', 'rsync', 'ssh-keygen', 'gpg',
  'openssl', 'sqlite3', 'psql', 'mysql',
  // shell builtins and small utilities (`:` expands its arguments and runs nothing)
  ':', 'test', '[', '[[', 'true', 'false', 'cd', 'pushd', 'popd', 'dirs', 'pwd', 'export', 'declare', 'typeset', 'local', 'readonly', 'set',
  'unset', 'shift', 'return', 'exit', 'read', 'type', 'which', 'whereis', 'whatis', 'apropos', 'man', 'info', 'help', 'tldr', 'hash',
  'compgen', 'complete', 'history', 'date', 'sleep', 'seq', 'yes', 'expr', 'bc', 'tput', 'stty', 'clear', 'printenv', 'getopts',
  'wait', 'jobs', 'fg', 'bg', 'disown', 'umask', 'ulimit', 'shopt', 'unalias', 'logger', 'notify-send', 'id', 'groups', 'whoami',
  'getent', 'finger', 'users', 'who', 'w', 'last', 'uname', 'hostname', 'uptime', 'free', 'ps', 'pgrep', 'pkill', 'kill', 'killall',
  'top', 'htop', 'lsof', 'ss', 'netstat', 'ip', 'ping', 'dig', 'host', 'nslookup', 'journalctl', 'systemctl', 'service', 'dmesg',
  'usermod', 'useradd', 'adduser', 'deluser', 'gpasswd', 'passwd',
  // package managers and build tools (their run/exec forms are in the wrapper table)
  'apt', 'apt-get', 'apt-cache', 'dpkg', 'rpm', 'yum', 'dnf', 'apk', 'pacman', 'zypper', 'brew', 'port', 'snap', 'nix-env',
  'pip', 'pip3', 'gem', 'cargo', 'rustup', 'go', 'composer', 'mvn', 'gradle', 'ant', 'make', 'cmake', 'ninja', 'meson', 'tsc', 'eslint',
  'prettier', 'gh', 'glab', 'hub', 'helm', 'terraform', 'aws', 'gcloud', 'az',
]);

/** Programs whose way of running other commands the parser models: their arguments are already checked. */
function understood(program: string): boolean {
  const family = interpreterOf(program);
  return dataPrograms.has(program) || Object.hasOwn(WRAPPERS, program) || SHELLS.has(program) || (family !== undefined && family !== 'bun' && family !== 'deno');
}

const commandName = /^[A-Za-z0-9_./+-]+$/;

function firstMatch(patterns: CommandPattern[], n: NormalizedCommand): CommandPattern | undefined {
  return patterns.find((p) => matchCommand(p, n, false) !== 'no');
}

/** `words` read as a command of its own: the pattern it would match, if any. */
function tailMatch(patterns: CommandPattern[], name: string, rest: Word[], home: string): CommandPattern | undefined {
  if (!commandName.test(name) || name.startsWith('-')) return undefined;
  return firstMatch(patterns, normalizeArgs(posix.basename(name), rest, home));
}

/** A string argument read as shell code (`tmux new 'sudo id'` before tmux was listed): the command and pattern it would match. */
function codeMatch(patterns: CommandPattern[], text: string, home: string): { cmd: SimpleCommand; pattern: CommandPattern } | undefined {
  if (!/[\s;&|]/.test(text.trim())) return undefined;
  const script = parseScript(text, { vars: { HOME: home } });
  if (script.unknowns.some((u) => u.kind === 'unparseable' || u.kind === 'too-complex')) return undefined;
  for (const cmd of script.commands) {
    if (!cmd.program) continue;
    const pattern = firstMatch(patterns, normalizeArgs(cmd.program, cmd.args, home));
    if (pattern) return { cmd, pattern };
  }
  return undefined;
}

function render(program: string, words: Word[]): string {
  const text = [program, ...words.map((w) => w.text)].join(' ');
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** `-e CODE`, `--eval=CODE`...: the first conventional code option whose value looks like code, as written. */
function inlineCodeOption(args: Word[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const t = (args[i] as Word).text;
    const eq = t.startsWith('-') ? t.indexOf('=') : -1;
    const option = eq > 0 ? t.slice(0, eq) : t;
    if (!conventionalCodeOptions.has(option)) continue;
    const value = eq > 0 ? { ...(args[i] as Word), text: t.slice(eq + 1) } : args[i + 1];
    // A value unknown from its start may be code too (`tool --eval "$prog"`), but after -e/-c it is too
    // often a file, container or setting (`cc -c "$src"`, `docker run -e "$PAIR"`) to ask.
    const unknown = value !== undefined && !value.literal && value.text.startsWith('\u0000') && option.length > 2;
    if (value && (codeLooking.test(value.text) || unknown)) return `${option} ${(value.literal ? value.text : value.raw).slice(0, 60)}`;
  }
  return undefined;
}

/**
 * Inline code the parse stage does not know about: any code option of an unknown program (julia -e,
 * gnuplot -e, sbcl --eval... before they were listed), and one after a listed interpreter's script
 * (`python manage.py shell -c CODE`, `php artisan tinker --execute=CODE`): the script runs it.
 */
function unlistedInlineCode(program: string, args: Word[]): string | undefined {
  const family = interpreterOf(program);
  if (understood(program) && (family === undefined || interpreterUse(family, args).inline !== undefined)) return undefined;
  const found = inlineCodeOption(args);
  if (found === undefined) return undefined;
  const whose = understood(program) ? `an option of the script ${program} runs` : `an option of ${program}, a program the policy does not know`;
  return `\`${found}\` looks like inline code (${whose}): the policy cannot see into it`;
}

/** Approval (blocked in locked mode) for unknown programs given inline code, or whose arguments would be a blocked command. */
export function unknownRunnerRules(compiled: CompiledPattern[], commands: Array<{ cmd: SimpleCommand }>, home: string, locked: boolean): RuleMatch[] {
  const patterns = compiled.filter((p): p is CommandPattern => p.kind === 'command');
  const rules: RuleMatch[] = [];
  const decision = locked ? 'blocked' : 'approval-required';
  for (const { cmd } of commands) {
    const program = cmd.program;
    if (!program) continue;
    // SECURITY: the interpreters listed in parse/interpreter-table.ts are not all there are.
    const inline = unlistedInlineCode(program, cmd.args);
    if (inline) rules.push({ key: 'builtin.inline-code', decision, detail: inline });
    if (understood(program)) continue;
    if (patterns.length === 0) continue;
    for (let i = 0; i < cmd.args.length; i++) {
      const w = cmd.args[i] as Word;
      if (!w.literal) continue;
      // `--exec=sudo id` hands over its value just as a separate word would.
      const value = /^--?[A-Za-z][\w-]*=([\s\S]+)$/.exec(w.text)?.[1];
      let found: { what: string; pattern: CommandPattern } | undefined;
      for (const text of value === undefined ? [w.text] : [w.text, value]) {
        const rest = cmd.args.slice(i + 1);
        const tail = tailMatch(patterns, text, rest, home);
        if (tail) found = { what: render(text, rest), pattern: tail };
        const code = found ? undefined : codeMatch(patterns, text, home);
        if (code) found = { what: render(code.cmd.program ?? '', code.cmd.args), pattern: code.pattern };
        if (found) break;
      }
      if (found) {
        rules.push({
          key: 'builtin.unknown-runner',
          decision,
          detail: `${program} is not a program the policy knows; if it runs its arguments, \`${found.what}\` matches blocked pattern ${JSON.stringify(found.pattern.source)}`,
        });
        break;
      }
    }
  }
  return rules;
}
