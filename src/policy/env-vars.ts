// Environment variables whose value a program runs as code: the dynamic loader's LD_PRELOAD, an
// interpreter's startup options, the pager or editor git and man start, the shell's own hooks. Setting
// one turns a harmless command into whatever the value says, which the policy never sees as a
// command (`GIT_PAGER='sh -c id' git log` is `git -c core.pager=..` by another road). Data, not code:
// extend the table. The variables whose value is a path are in src/resolve/env-paths.ts.
import { loopVariableNames, UNKNOWN_NAME, variablesSet, type SetVariable } from '../parse/set-variables.js';
import type { ParsedScript } from '../parse/types.js';
import type { RuleMatch } from './types.js';

interface CodeVariable {
  /** The names it covers: one name, or a pattern (GIT_CONFIG_KEY_0, BASH_FUNC_ls%%, npm_config_*). */
  name: string | RegExp;
  /** What runs, for the reason: "programs load it as a library". */
  runs: string;
  /** A value known to run nothing: every whitespace-separated word of it matches (GIT_PAGER=cat). */
  safeWords?: RegExp;
  /** What separates the value's words, when not blanks (PATH: ":"). */
  separator?: RegExp;
}

// PATH entries that do not put unknown programs ahead of the system's: the system's own directories, a
// project's tool directories (node_modules/.bin, .venv/bin, relative paths without ..), and the usual
// per-user tool homes. Any other directory (/tmp/x, /etc, /opt/y) decides what every later name runs.
const pathEntry =
  /^\/(usr\/(local\/)?)?s?bin$|^\/snap\/bin$|^(?!\/)(?!.*(^|\/)\.\.(\/|$))[\w.@+-]+(\/[\w.@+-]+)*\/?$|\/(node_modules\/\.bin|\.?venv\/bin|\.local\/bin|\.cargo\/bin|go\/bin|\.bun\/bin|\.deno\/bin|\.npm-global\/bin|\.pyenv\/(shims|bin)|\.rbenv\/shims|\.nvm\/versions\/node\/[\w.-]+\/bin)\/?$/;

// Pagers and less's own options, minus the ones that write or read files (-o/-O log, -k keys).
const pager = /^((\/usr)?\/bin\/)?(cat|less|more)$|^-[A-JL-NP-Za-jl-np-z]+$/;
const editor = /^(true|false|:|cat|vi|vim|nvim|nano|emacs|code|--wait|-w)$/;
// ssh with options that choose nothing to run (no ProxyCommand, LocalCommand, -F config, -i key file).
const sshCommand = /^(ssh|-[46AaCgKkNnqTtVvXxYy]+|-o|(StrictHostKeyChecking|UserKnownHostsFile=\/dev\/null|IdentitiesOnly|BatchMode|ConnectTimeout|LogLevel|ServerAliveInterval|Port)(=[\w/.-]*)?)$/i;
const jvmOptions = /^(-Xm[sxn]\d+[kKmMgG]?|-Xss\d+[kKmMgG]?|-Dfile\.encoding=[\w-]+|-Djava\.awt\.headless=(true|false))$/;
const nodeOptions =
  /^--(max[-_]old[-_]space[-_]size|max[-_]semi[-_]space[-_]size|stack[-_]size|max[-_]http[-_]header[-_]size|heapsnapshot-near-heap-limit)=\d+$|^--(enable-source-maps|no-warnings|no-deprecation|trace-warnings|trace-deprecation|trace-uncaught|throw-deprecation|pending-deprecation|preserve-symlinks|preserve-symlinks-main|experimental-vm-modules|experimental-strip-types|no-experimental-strip-types|no-experimental-fetch|openssl-legacy-provider|use-openssl-ca|use-bundled-ca|abort-on-uncaught-exception|unhandled-rejections=(strict|warn|none|throw|warn-with-error-code)|dns-result-order=(ipv4first|ipv6first|verbatim))$/;
// npm settings that only change output, prompts or the registry (the path ones are in env-paths.ts).
const npmHarmless = 'loglevel|yes|fund|audit|update_notifier|update-notifier|progress|color|registry|prefer_offline|prefer-offline|prefer_online|prefer-online|offline|legacy_peer_deps|legacy-peer-deps|strict_peer_deps|strict-peer-deps|engine_strict|engine-strict|save|save_exact|save-exact|package_lock|package-lock|ignore_scripts|ignore-scripts|cache|prefix|userconfig|globalconfig|production|omit|include|foreground_scripts|foreground-scripts|unsafe_perm|unsafe-perm';

/** Variables whose value is code (or names code to load), and values known to be harmless. */
export const codeVariables: CodeVariable[] = [
  // The dynamic loader: every dynamically linked program loads these libraries first.
  { name: /^(LD_PRELOAD|LD_AUDIT|LD_LIBRARY_PATH|GCONV_PATH|DYLD_INSERT_LIBRARIES|DYLD_LIBRARY_PATH)$/, runs: 'every program loads the libraries it names' },
  // The shell's hooks: bash runs them at startup, before prompts or when tracing (session-state.ts keeps the session's copy).
  { name: /^(BASH_ENV|ENV)$/, runs: 'bash and sh source the file it names before running anything' },
  { name: /^BASH_FUNC_/, runs: 'bash imports it as a function definition' },
  { name: 'PATH', runs: 'every later command name runs the first program of that name in the directories it lists', safeWords: pathEntry, separator: /:/ },
  { name: 'PROMPT_COMMAND', runs: 'bash runs it before every prompt' },
  { name: /^PS[0-4]$/, runs: 'bash expands it, running any $(...) in it, before prompts or traced commands', safeWords: /^[^$`]*$/ },
  { name: /^(SHELLOPTS|BASHOPTS)$/, runs: 'bash turns on the options it lists (xtrace expands PS4) in every bash it starts' },
  { name: 'SHELL', runs: 'programs that start a shell (script, make in some setups, editors) run the program it names', safeWords: /^((\/usr)?\/bin\/)?(ba|da|z)?sh$/ },
  // Interpreters' startup options and hooks.
  { name: 'NODE_OPTIONS', runs: 'node takes its options (--require, --import, --loader load code)', safeWords: nodeOptions },
  { name: 'NODE_REPL_EXTERNAL_MODULE', runs: 'node loads the module it names instead of the REPL' },
  { name: /^(PYTHONSTARTUP|PYTHONBREAKPOINT)$/, runs: 'python runs the file or callable it names', safeWords: /^0$/ },
  { name: 'PYTHONWARNINGS', runs: 'python imports the warning category modules it names', safeWords: /^[a-z]+(::?[A-Za-z]*Warning)?(,[a-z]+(::?[A-Za-z]*Warning)?)*$/ },
  { name: /^(PERL5OPT|PERL5DB|PERLDB_OPTS)$/, runs: 'perl takes its options (-M loads a module, -d runs PERL5DB)', safeWords: /^-[wW]$|^-M(strict|warnings)$/ },
  { name: 'RUBYOPT', runs: 'ruby takes its options (-r loads a file)', safeWords: /^-[wW]\d?$|^--(enable|disable)[=-][\w-]+$/ },
  { name: /^(JAVA_TOOL_OPTIONS|_JAVA_OPTIONS|JDK_JAVA_OPTIONS|JAVA_OPTS|MAVEN_OPTS|GRADLE_OPTS)$/, runs: 'the JVM takes its options (-javaagent loads code)', safeWords: jvmOptions },
  { name: /^(RUSTC_WRAPPER|RUSTC_WORKSPACE_WRAPPER|RUSTC|CARGO_BUILD_RUSTC_WRAPPER|CARGO_TARGET_.*_(RUNNER|LINKER))$/, runs: 'cargo runs the program it names' },
  { name: /^(RUSTFLAGS|RUSTDOCFLAGS|CARGO_ENCODED_RUSTFLAGS)$/, runs: 'rustc takes its flags (-C linker= runs a program)', safeWords: /^-[DWAF]\S*$|^[\w:-]+$/ },
  { name: 'GOFLAGS', runs: 'go takes its flags (-toolexec, -exec run a program)', safeWords: /^-(mod=(mod|vendor|readonly)|count=\d+|v|race|short|trimpath|failfast|buildvcs=(true|false|auto)|tags=[\w,]+|p=\d+|timeout=\w+)$/ },
  { name: /^(OPENSSL_CONF|OPENSSL_ENGINES)$/, runs: 'openssl loads the engines its configuration names', safeWords: /^\/dev\/null$/ },
  // Programs git starts, and git configuration given through the environment.
  // Any tool's pager, editor, browser or password prompt (GH_PAGER, AWS_PAGER, KUBE_EDITOR, SUDO_ASKPASS).
  { name: /^([A-Z0-9_]+_)?(PAGER|MANPAGER)$/, runs: 'git, man and others run it as the pager', safeWords: pager },
  { name: 'LESS', runs: 'less takes its options (--lesskey-src, +!cmd)', safeWords: /^-[A-JL-NP-Za-jl-np-z]+$/ },
  { name: /^(LESSOPEN|LESSCLOSE|LESSKEY|LESSKEYIN|LESSKEY_SYSTEM|LESSEDIT)$/, runs: 'less runs the command it gives (or reads key bindings that set one)' },
  { name: /^([A-Z0-9_]+_)?(EDITOR|VISUAL)$|^(FCEDIT|HGEDITOR)$/, runs: 'git and others run it as the editor', safeWords: editor },
  { name: /^(GIT_SSH_COMMAND|[A-Z0-9]+_RSH)$/, runs: 'git, rsync and others run it as the ssh command', safeWords: sshCommand },
  { name: /^([A-Z0-9_]+_)?ASKPASS$/, runs: 'programs that need a password run the program it names', safeWords: /^((\/usr)?\/bin\/)?(true|false)$/ },
  { name: /^(GIT_SSH|GIT_PROXY_COMMAND|GIT_EXTERNAL_DIFF|GIT_EXEC_PATH|GIT_TEMPLATE_DIR|RSYNC_CONNECT_PROG)$/, runs: 'git (or rsync) runs the program, or the hooks, it names' },
  { name: /^(GIT_CONFIG_GLOBAL|GIT_CONFIG_SYSTEM|GIT_CONFIG)$/, runs: 'git reads configuration (core.pager, aliases, hooks) from the file it names', safeWords: /^\/dev\/null$/ },
  { name: 'GIT_CONFIG_PARAMETERS', runs: 'git takes it as `git -c` settings (core.pager, aliases)' },
  // GIT_CONFIG_KEY_n names the setting GIT_CONFIG_VALUE_n gives: only settings that run nothing are harmless.
  { name: /^GIT_CONFIG_KEY_\d+$/, runs: 'git takes the setting it names from GIT_CONFIG_VALUE_n (core.pager, aliases run code)', safeWords: /^(safe\.directory|user\.(name|email)|init\.defaultbranch|advice\.\w+|color\.\w+|core\.(autocrlf|quotepath|filemode|longpaths)|pull\.(rebase|ff)|http\.sslverify|commit\.gpgsign|tag\.gpgsign)$/i },
  { name: 'GIT_ALLOW_PROTOCOL', runs: 'git allows the transports it lists (ext:: runs a command)', safeWords: /^(https?|ssh|git|file)(:(https?|ssh|git|file))*$/ },
  // Other programs' options and helpers.
  { name: 'TAR_OPTIONS', runs: 'tar takes its options (--to-command, -I run a program)', safeWords: /^--(no-same-owner|no-same-permissions|numeric-owner|no-overwrite-dir|warning=[\w-]+|sort=name|owner=\w+|group=\w+)$/ },
  { name: /^(ZIPOPT|MANOPT|MANROFFOPT)$/, runs: 'zip and man take their options (zip -TT, man -P run a program)' },
  { name: /^(MAKEFLAGS|MFLAGS|GNUMAKEFLAGS)$/, runs: 'make takes its options and variables (--eval, SHELL= run code)', safeWords: /^-{0,2}(j\d*|jobs(=\d+)?|[ksiBrw]+|no-print-directory|silent|quiet|keep-going|output-sync(=\w+)?|O\w*)$|^\d+$/ },
  { name: /^([A-Z0-9_]+_)?BROWSER$/, runs: 'programs that open a page run the program it names', safeWords: /^(none|true|false|echo)$/ },
  { name: /^(PSQLRC|PHPRC|PHP_INI_SCAN_DIR|LUA_INIT|LUA_INIT_5_\d|R_PROFILE|R_PROFILE_USER|ZDOTDIR)$/, runs: 'the program runs the startup file or code it names (psql \\!, php auto_prepend_file, zsh rc files)' },
  { name: /^(ERL_AFLAGS|ERL_ZFLAGS|ERL_FLAGS|ELIXIR_ERL_OPTIONS)$/, runs: 'erlang takes its flags (-eval runs code)' },
  { name: /^YARN_YARN_PATH$/, runs: 'yarn runs the file it names as yarn itself' },
  { name: new RegExp(`^npm_config_(?!(${npmHarmless})$)`, 'i'), runs: 'npm takes it as a setting (script-shell, node-options, git run programs)' },
];

function entryFor(name: string): CodeVariable | undefined {
  return codeVariables.find((v) => (typeof v.name === 'string' ? v.name === name : v.name.test(name)));
}

/** A value every word of which is harmless (an empty value runs nothing: GIT_PAGER= turns the pager off). */
function harmless(v: CodeVariable, text: string): boolean {
  const words = text.split(v.separator ?? /\s+/).filter((w) => w !== '');
  return words.length === 0 || (v.safeWords !== undefined && words.every((w) => v.safeWords!.test(w)));
}

/** Any command of the script that sets such a variable to a value not known to be harmless. */
export function envCodeRules(script: ParsedScript, blockedIfUnknown: boolean): RuleMatch[] {
  const decision = blockedIfUnknown ? 'blocked' : 'approval-required';
  const rules: RuleMatch[] = [];
  const seen = new Set<string>();
  const sets = script.commands.map((cmd) => ({ where: cmd.source, vars: variablesSet(cmd) }));
  sets.push({ where: 'a for loop', vars: loopVariableNames(script.source).map((name): SetVariable => ({ name, value: undefined })) });
  for (const { where, vars } of sets) {
    for (const { name, value } of vars) {
      if (name === UNKNOWN_NAME) {
        const detail = `${where.slice(0, 80)} sets a variable whose name the policy cannot see: it may be one whose value is code, like LD_PRELOAD or PAGER`;
        if (!seen.has(detail)) rules.push({ key: 'builtin.env-code', decision, detail });
        seen.add(detail);
        continue;
      }
      const entry = entryFor(name);
      if (!entry || (value?.literal && harmless(entry, value.text))) continue;
      const shown = value === undefined ? 'a value the policy cannot see' : JSON.stringify(value.text.replace(/\u0000/g, '?').slice(0, 60));
      const detail = `setting ${name} to ${shown} runs code the policy does not see (${entry.runs})`;
      if (seen.has(detail)) continue;
      seen.add(detail);
      rules.push({ key: 'builtin.env-code', decision, detail });
    }
  }
  return rules;
}
