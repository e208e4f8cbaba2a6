// Where programs take code in their options and operands: data for hidden-code.ts. Extend the tables,
// not the logic. A value matched here is code the policy does not see into, so it needs approval.

/**
 * git config keys whose value git later runs as a program or shell command, or that point git at
 * code (hooks, included config, the ext:: transport). `alias.*` is code only with a leading `!`.
 */
export const gitCodeKeys = new RegExp(
  '^(' +
    [
      'alias\\.',
      'core\\.(pager|editor|sshcommand|fsmonitor|hookspath|askpass|gitproxy|alternaterefscommand)$',
      'diff\\.external$',
      'diff\\..*\\.(textconv|command)$',
      '(diff|merge)tool\\..*\\.(cmd|path)$',
      'merge\\..*\\.driver$',
      'filter\\..*\\.(clean|smudge|process)$',
      'credential(\\..*)?\\.helper$',
      'gpg(\\..*)?\\.program$',
      'gpg\\.ssh\\.defaultkeycommand$',
      'sequence\\.editor$',
      'pager\\.',
      'uploadpack\\.packobjectshook$',
      'remote\\..*\\.(uploadpack|receivepack|vcs)$',
      'protocol\\.(ext\\.)?allow$',
      'include\\.path$',
      'includeif\\.',
      'hook\\..*\\.command$',
      'trailer\\..*\\.(cmd|command)$',
      'submodule\\..*\\.update$',
      'sendemail\\.',
      '(browser|man)\\..*\\.(cmd|path)$',
      'web\\.browser$',
      'interactive\\.difffilter$',
      // Catch-alls: a key named like a command is one.
      '.*\\.(command|cmd|helper|program|tool)$',
    ].join('|') +
    ')',
  'i',
);

/** A `git -c KEY=VALUE` (or `--config-env=KEY=ENV`) whose KEY is code; an alias only when it runs `!shell`. */
export function isGitCodeSetting(setting: string, fromEnv = false): boolean {
  const eq = setting.indexOf('=');
  const key = eq === -1 ? setting : setting.slice(0, eq);
  if (!gitCodeKeys.test(key)) return false;
  return fromEnv || !/^alias\./i.test(key) || /^\s*!/.test(setting.slice(eq + 1));
}

/** git subcommands that run a command given on their own command line. */
export interface GitCodeSubcommand {
  /** Options whose value is a command (rebase --exec, fetch --upload-pack). */
  options?: string[];
  /** Options whose command is optional and given only attached (`git grep -Oless`, `--open-files-in-pager=less`). */
  attachedOptions?: string[];
  /** An action word after which the operands are a command (bisect run, submodule foreach). */
  action?: string;
}

export const gitCodeSubcommands: Record<string, GitCodeSubcommand> = {
  rebase: { options: ['--exec', '-x'] },
  bisect: { action: 'run' },
  submodule: { action: 'foreach' },
  'filter-branch': { options: ['--env-filter', '--tree-filter', '--index-filter', '--parent-filter', '--msg-filter', '--commit-filter', '--tag-name-filter', '--setup'] },
  'filter-repo': { options: ['--filename-callback', '--message-callback', '--name-callback', '--email-callback', '--refname-callback', '--blob-callback', '--commit-callback', '--tag-callback', '--reset-callback'] },
  difftool: { options: ['--extcmd', '-x'] },
  grep: { attachedOptions: ['--open-files-in-pager', '-O'] },
  'send-email': { options: ['--to-cmd', '--cc-cmd', '--header-cmd', '--sendmail-cmd', '--smtp-server'] },
  instaweb: { options: ['--httpd', '-d', '--browser', '-b'] },
  // The remote side's program, run locally for a local or ext:: remote.
  fetch: { options: ['--upload-pack'] },
  pull: { options: ['--upload-pack'] },
  'ls-remote': { options: ['--upload-pack'] },
  clone: { options: ['--upload-pack', '-u', '--template'] },
  init: { options: ['--template'] },
  push: { options: ['--receive-pack', '--exec'] },
  archive: { options: ['--exec'] },
};

/** Options of `git config` that take a value (so the value is not mistaken for the key). */
export const gitConfigValueOptions = ['-f', '--file', '--blob', '--type', '--default', '--comment', '--value', '--url'];

/** git's own options (before the subcommand) that make it run other programs. */
export const gitCodeGlobalOptions = ['--exec-path'];

/** How one program takes code in an option. */
export interface CodeOption {
  options: string[];
  /** Only values that match are code (ssh -o ProxyCommand=..., strace -o '|cmd'). */
  valueTest?: RegExp;
}

/** Options whose value is code run by a shell (or an editor or debugger command that may shell out). */
export const codeOptions: Record<string, CodeOption[]> = {
  tar: [{ options: ['--to-command', '--checkpoint-action', '--use-compress-program', '-I', '--info-script', '--new-volume-script', '-F', '--rsh-command', '--rmt-command'] }],
  vim: [{ options: ['-c', '--cmd', '-S'] }],
  vi: [{ options: ['-c', '--cmd', '-S'] }],
  nvim: [{ options: ['-c', '--cmd', '-S'] }],
  view: [{ options: ['-c', '--cmd', '-S'] }],
  vimdiff: [{ options: ['-c', '--cmd', '-S'] }],
  gvim: [{ options: ['-c', '--cmd', '-S'] }],
  ex: [{ options: ['-c', '--cmd'] }],
  emacs: [{ options: ['--eval', '-eval', '--execute', '-execute'] }],
  emacsclient: [{ options: ['-e', '--eval'] }],
  rsync: [{ options: ['-e', '--rsh', '--rsync-path'] }],
  ssh: [{ options: ['-o'], valueTest: /^(proxycommand|localcommand|permitlocalcommand|knownhostscommand)/i }],
  scp: [{ options: ['-o'], valueTest: /^(proxycommand|localcommand)/i }, { options: ['-S'] }],
  // A batch file is sftp commands, and `!cmd` there runs a local shell.
  sftp: [{ options: ['-o'], valueTest: /^(proxycommand|localcommand)/i }, { options: ['-S', '-D', '-b'] }],
  zip: [{ options: ['-TT', '--unzip-command'] }],
  man: [{ options: ['-P', '--pager', '-H', '--html'] }],
  less: [{ options: ['--lesskey-src'] }],
  // A makefile read from stdin is a script the policy never sees.
  make: [{ options: ['--eval', '-E', 'SHELL'] }, { options: ['-f', '--file', '--makefile'], valueTest: /^(-|\/dev\/(stdin|fd\/\d+)|\/proc\/self\/fd\/\d+)$/ }],
  gmake: [{ options: ['--eval', '-E', 'SHELL'] }, { options: ['-f', '--file', '--makefile'], valueTest: /^(-|\/dev\/(stdin|fd\/\d+)|\/proc\/self\/fd\/\d+)$/ }],
  gdb: [{ options: ['-ex', '--eval-command', '-x', '--command', '-iex', '--init-eval-command', '-ix', '--init-command'] }],
  lldb: [{ options: ['-o', '--one-line', '-O', '--one-line-before-file', '-k', '--one-line-on-crash', '-K', '--source-on-crash', '-s', '--source', '-S', '--source-before-file'] }],
  // strace -o '|cmd' (or '!cmd') pipes the trace into a shell command.
  strace: [{ options: ['-o', '--output'], valueTest: /^\s*[|!]/ }],
  tcpdump: [{ options: ['-z'] }],
  ncat: [{ options: ['-e', '--exec', '-c', '--sh-exec', '--lua-exec'] }],
  nc: [{ options: ['-e'] }],
  netcat: [{ options: ['-e', '-c'] }],
  hg: [{ options: ['--config'], valueTest: /^(hooks\.|alias\.[^=]*=\s*!|ui\.(editor|ssh|merge)=|pager\.|merge-tools\.|extensions\.)/i }],
  // Client shell escapes: `\! cmd` (psql, mysql) and mysql's `system`.
  psql: [{ options: ['-c', '--command'], valueTest: /\\!/ }],
  mysql: [{ options: ['-e', '--execute'], valueTest: /\\!|(^|;)\s*system\s/im }],
  openssl: [{ options: ['-engine'] }],
  // rpm macros expand %(shell command); ansible's module arguments are a command for shell/command/raw.
  rpm: [{ options: ['--eval', '-E'] }],
  ansible: [{ options: ['-a', '--args'] }],
  // The exec plugin's exec:exec runs any program (-Dexec.executable=sudo -Dexec.args=id).
  mvn: [{ options: ['-D'], valueTest: /^exec\.executable=/ }],
  mvnw: [{ options: ['-D'], valueTest: /^exec\.executable=/ }],
  // cmake -P runs a CMake script (execute_process runs commands): one read from stdin is not seen.
  cmake: [{ options: ['-P'], valueTest: /^(-|\/dev\/(stdin|fd\/\d+)|\/proc\/self\/fd\/\d+)$/ }],
};

/**
 * Options that by convention take program text (`tool -e CODE`, `tool --eval CODE`): on a program the
 * policy does not know (policy/unknown-runners.ts), a code-looking value there needs approval.
 */
export const conventionalCodeOptions = new Set([
  '-e', '-c', '--eval', '-eval', '--exec', '-exec', '--execute', '-execute', '--command', '-command', '--cmd', '--expr', '--expression', '--run', '--code',
]);

/**
 * Program text rather than data: a call `f(`, a Lisp form `(f ..)`, a shell escape `!cmd`, backticks,
 * `$(..)`, statement separators and shell operators, several lines. Data (VAR=value, a file name, a
 * container name, a SQL-free word) has none of these.
 */
export const codeLooking = /^\s*[!(]|[A-Za-z_][\w.:]*\s*\(|`|\$\(|;\s*\S|&&|\|\||\s\|\s|\n/;

/** Operands that are code: socat's EXEC:/SYSTEM: addresses, sqlite3's dot-commands that shell out or load code. */
export const codeOperands: Record<string, RegExp> = {
  socat: /^(exec|system):/i,
  // .output/.once/.read/.import '|cmd' run cmd; edit() runs an editor; load_extension() loads code.
  sqlite3: /(^|\n)\s*\.(shell|system|load)\b|(^|\n)\s*\.(output|once|read|import)\s[^\n]*?\||\b(edit|load_extension)\s*\(/i,
  duckdb: /(^|\n)\s*\.(shell|system|sh)\b|(^|\n)\s*\.(output|once|read|import)\s[^\n]*?\|/i,
};

/** Framework commands whose next operand is code in the app (`rails runner 'User.destroy_all'`); a script file there is not. */
export const codeSubcommands: Record<string, string[]> = { rails: ['runner', 'r'] };

/** Editors that read their commands from stdin when it is not a terminal: `!cmd` there runs a shell. */
export const stdinEditors: Record<string, { flags?: RegExp }> = {
  ed: {},
  ex: {},
  // vim -e / -es / -E read ex commands from stdin; -s FILE reads keystrokes from a file.
  vim: { flags: /^-[A-Za-z]*[eEs][A-Za-z]*$/ },
  vi: { flags: /^-[A-Za-z]*[eEs][A-Za-z]*$/ },
  nvim: { flags: /^-[A-Za-z]*[eEs][A-Za-z]*$/ },
};

/** Shells whose `-c` string may be an input line (`xargs sh -c`, `find -exec sh -c '{}'`). */
export const shells = new Set(['sh', 'bash', 'dash', 'zsh', 'ksh', 'mksh', 'ash', 'yash', 'posh', 'fish', 'tcsh', 'csh', 'rbash', 'ksh93', 'oksh', 'loksh', 'lksh', 'pdksh', 'osh', 'ysh', 'hush', 'bosh', 'brush']);

/** Wrappers that append or splice their input into the command they run (the `via` label of the parse stage). */
export const inputSplicers = new Set(['xargs', 'parallel', 'find -exec', 'find -execdir', 'find -ok', 'find -okdir']);

/** A run-time placeholder standing for one input (find's and parallel's `{}`, parallel's `{.}`, `{1}`...). */
export const placeholder = /^\{[^{}\s]*\}$/;

/** parallel's options that take a value, so its command (or the lack of one) is found. */
export const parallelValueOptions = [
  '-j', '--jobs', '-S', '--sshlogin', '-a', '--arg-file', '--joblog', '-I', '--colsep', '-d', '--delimiter', '-E', '-n',
  '--max-args', '-N', '-L', '--results', '--tmpdir', '--workdir', '--timeout', '--delay', '--sshloginfile', '--basefile', '--env',
];
