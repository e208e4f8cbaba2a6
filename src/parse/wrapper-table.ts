// The wrapper table: programs that run their arguments as a command, with the options that take a
// value, so the wrapped command is found the way the wrapper itself would find it (see wrappers.ts).
// A program missing here is not looked through; policy/unknown-runners.ts is the fallback for those.

import type { WrapperSpec } from './wrappers.js';

// Package and environment runners' "run"/"exec" subcommands: `uv run -- CMD`, `poetry run CMD`.
const NPM_EXEC: WrapperSpec = { value: ['-p', '--package', '-w', '--workspace', '--prefix', '--registry', '--cache', '--userconfig'], code: ['-c', '--call'] };
const PNPM_EXEC: WrapperSpec = { value: ['--package', '-C', '--dir', '--filter', '-F', '--reporter'], shellFlags: ['-c', '--shell-mode'] };
const YARN_DLX: WrapperSpec = { value: ['-p', '--package'] };
// Their own commands (which run nothing given); scripts are named by `run`, so a script name used
// directly (`yarn build`) is read as a command too: harmless, it is not a program the policy knows.
const PNPM_COMMANDS = [
  'add', 'install', 'i', 'install-test', 'it', 'update', 'up', 'upgrade', 'remove', 'rm', 'uninstall', 'un', 'link', 'ln', 'unlink', 'import',
  'rebuild', 'rb', 'prune', 'fetch', 'patch', 'patch-commit', 'patch-remove', 'audit', 'list', 'ls', 'll', 'la', 'outdated', 'why', 'licenses',
  'run', 'run-script', 'test', 't', 'tst', 'start', 'create', 'init', 'publish', 'pack', 'store', 'root', 'bin', 'setup', 'env', 'config',
  'c', 'get', 'set', 'deploy', 'doctor', 'cache', 'self-update', 'server', 'recursive', 'm', 'multi', 'help', 'dedupe', 'approve-builds',
  'ignored-builds', 'version', 'login', 'logout', 'whoami', 'view', 'info', 'search', 'owner', 'dist-tag', 'deprecate', 'unpublish', 'ci',
  'clean', 'sbom', 'docs', 'repo', 'bugs', 'ping', 'catalog', 'inspect', 'cat-file', 'cat-index', 'find-hash',
];
const YARN_COMMANDS = [
  'add', 'install', 'remove', 'upgrade', 'up', 'upgrade-interactive', 'run', 'test', 'start', 'init', 'create', 'publish', 'pack', 'link',
  'unlink', 'info', 'npm', 'why', 'workspaces', 'workspace', 'config', 'cache', 'plugin', 'set', 'version', 'constraints', 'dedupe',
  'explain', 'list', 'outdated', 'audit', 'check', 'login', 'logout', 'owner', 'tag', 'team', 'global', 'import', 'licenses', 'policies',
  'generate-lock-entry', 'autoclean', 'bin', 'help', 'node', 'patch', 'patch-commit', 'rebuild', 'search', 'stage', 'unplug', 'pnpify',
];
const UV_RUN: WrapperSpec = {
  value: ['--with', '-w', '--with-requirements', '--with-editable', '--python', '-p', '--package', '--extra', '--group', '--only-group', '--no-group', '--env-file', '--directory', '--project', '--index', '--default-index', '--index-url', '--extra-index-url', '-f', '--find-links', '--from', '-i', '--cache-dir', '--config-file'],
};
const PLAIN_RUN: WrapperSpec = {};
const CONDA_RUN: WrapperSpec = { value: ['-n', '--name', '-p', '--prefix', '--cwd'] };
const NIX_DEVELOP: WrapperSpec = { value: ['--profile', '--override-input', '--arg', '--argstr', '-I', '--include', '--option'], commandAfter: ['-c', '--command'] };

// tmux subcommands whose trailing words are a shell command (tmux joins them and runs them with sh -c).
const tmuxShell = (value: string[]): WrapperSpec => ({ value, joinAsCode: true });
const TMUX_NEW = tmuxShell(['-c', '-e', '-F', '-n', '-s', '-t', '-x', '-y', '-f']);
const TMUX_WINDOW = tmuxShell(['-c', '-e', '-F', '-n', '-t']);
const TMUX_SPLIT = tmuxShell(['-c', '-e', '-F', '-l', '-p', '-t']);
const TMUX_RESPAWN = tmuxShell(['-c', '-e', '-t']);
const TMUX_RUN = tmuxShell(['-c', '-d', '-t']);
const TMUX_SEND = tmuxShell(['-N', '-t']);
const TMUX_POPUP = tmuxShell(['-b', '-c', '-d', '-e', '-h', '-s', '-S', '-t', '-T', '-w', '-x', '-y']);
const TMUX_IF = tmuxShell(['-t']);

const PARALLEL_VALUES = ['-j', '--jobs', '-S', '--sshlogin', '-a', '--arg-file', '--joblog', '-I', '--colsep', '-d', '--delimiter', '-E', '-n', '--max-args', '-N', '-L', '--results', '--tmpdir', '--workdir', '--timeout', '--delay', '--sshloginfile', '--basefile', '--env'];

/** Every wrapper we look through, by program name. */
export const WRAPPERS: Record<string, WrapperSpec> = {
  sudo: { value: ['-u', '--user', '-g', '--group', '-p', '--prompt', '-C', '--close-from', '-D', '--chdir', '-r', '--role', '-t', '--type', '-U', '--other-user', '-T', '--command-timeout', '-R', '--chroot', '-h', '--host'], assignments: true, noCommand: ['-l', '--list', '-e', '--edit', '-v', '--validate', '-V', '--version'] },
  doas: { value: ['-u', '-C'] },
  pkexec: { value: ['--user'] },
  env: { value: ['-u', '--unset', '-C', '--chdir', '-P', '-a', '--argv0'], code: ['-S', '--split-string'], assignments: true },
  command: { noCommand: ['-v', '-V'] },
  builtin: {},
  exec: { value: ['-a'] },
  nohup: {},
  setsid: {},
  time: { value: ['-o', '--output', '-f', '--format'] },
  nice: { value: ['-n', '--adjustment'] },
  ionice: { value: ['-c', '--class', '-n', '--classdata'], noCommand: ['-p', '--pid', '-P', '--pgid', '-u', '--uid'] },
  chrt: { value: ['-T', '--sched-runtime', '-P', '--sched-period', '-D', '--sched-deadline'], operands: 1, noCommand: ['-p', '--pid', '-m', '--max'] },
  taskset: { operands: 1, noCommand: ['-p', '--pid'] },
  timeout: { value: ['-s', '--signal', '-k', '--kill-after'], operands: 1 },
  stdbuf: { value: ['-i', '--input', '-o', '--output', '-e', '--error'] },
  flock: { value: ['-w', '--timeout', '--wait', '-E', '--conflict-exit-code'], code: ['-c', '--command'], operands: 1 },
  xargs: { value: ['-a', '--arg-file', '-d', '--delimiter', '-E', '-I', '-L', '--max-lines', '-n', '--max-args', '-P', '--max-procs', '-s', '--max-chars', '--process-slot-var'], appendsUnknownArgs: true, defaultCommand: 'echo' },
  busybox: { noCommand: ['--list', '--list-full', '--help'] },
  toybox: { noCommand: ['--long', '--help', '--version'] },
  chroot: { value: ['--userspec', '--groups'], operands: 1 },
  unshare: { value: ['-S', '--setuid', '-G', '--setgid', '-R', '--root', '-w', '--wd', '--propagation', '--setgroups', '--map-user', '--map-group', '--map-users', '--map-groups'] },
  nsenter: { value: ['-t', '--target', '-S', '--setuid', '-G', '--setgid'] },
  'systemd-run': { value: ['-u', '--unit', '-p', '--property', '-E', '--setenv', '--uid', '--gid', '--working-directory', '--description', '--slice', '-M', '--machine', '-H', '--host', '--on-active', '--on-boot', '--on-startup', '--on-unit-active', '--on-unit-inactive', '--on-calendar', '--timer-property', '-s', '--service-type', '--nice', '--path-property', '--socket-property'] },
  'systemd-inhibit': { value: ['--what', '--who', '--why', '--mode'] },
  strace: { value: ['-o', '-e', '-p', '-s', '-u', '-E', '-a', '-b', '-I', '-O', '-S', '-P', '-X'] },
  ltrace: { value: ['-o', '-e', '-p', '-s', '-u', '-a', '-n', '-w', '-x', '-A', '-D', '-F', '-l'] },
  fakeroot: { value: ['-l', '--lib', '--faked', '-s', '-i', '-b'] },
  unbuffer: {},
  torsocks: { value: ['-u', '-p', '-a', '-P'] },
  proxychains: { value: ['-f'] },
  proxychains4: { value: ['-f'] },
  firejail: {},
  coproc: {},
  su: { value: ['-s', '--shell', '-g', '--group', '-G', '--supp-group', '-w', '--whitelist-environment'], code: ['-c', '--command', '--session-command'], noArgvCommand: true },
  runuser: { value: ['-u', '--user', '-s', '--shell', '-g', '--group', '-G', '--supp-group', '-w', '--whitelist-environment'], code: ['-c', '--command', '--session-command'] },
  script: { value: ['-E', '--echo', '-o', '--output-limit', '-T', '--log-timing', '-I', '--log-in', '-O', '--log-out', '-B', '--log-io', '-m', '--logging-format'], code: ['-c', '--command'], noArgvCommand: true },
  watch: { value: ['-n', '--interval', '-d', '--differences', '-g', '--chgexit', '-q', '--equexit'], joinAsCode: true },
  ssh: { value: ['-b', '-B', '-c', '-D', '-E', '-e', '-F', '-I', '-i', '-J', '-L', '-l', '-m', '-O', '-o', '-P', '-p', '-Q', '-R', '-S', '-W', '-w'], operands: 1, joinAsCode: true, noCommand: ['-N'] },
  parallel: { value: PARALLEL_VALUES, joinAsCode: true, appendsUnknownArgs: true, stopAt: [':::', '::::', ':::+', '::::+'] },
  // Privilege tools: run the command as another user or group (see policy/normalize.ts privilegeForms).
  run0: { value: ['-u', '--user', '-g', '--group', '--nice', '-D', '--chdir', '--setenv', '--unit', '--property', '--description', '--slice', '--background'] },
  gosu: { operands: 1 },
  'su-exec': { operands: 1 },
  setuidgid: { operands: 1 },
  's6-setuidgid': { operands: 1 },
  chpst: { value: ['-u', '-U', '-b', '-e', '-/', '-C', '-n', '-l', '-L', '-m', '-d', '-o', '-p', '-f', '-c', '-r', '-t'] },
  setpriv: { value: ['--ruid', '--euid', '--reuid', '--rgid', '--egid', '--regid', '--groups', '--inh-caps', '--ambient-caps', '--bounding-set', '--securebits', '--pdeathsig', '--selinux-label', '--apparmor-profile', '--landlock-access', '--landlock-rule', '--seccomp-filter'], noCommand: ['-d', '--dump', '-h', '--help', '-V', '--version'] },
  capsh: { commandAfter: ['--'], argvPrefix: 'bash' },
  sg: { operands: 1, code: ['-c'], joinAsCode: true },
  machinectl: {
    value: ['-M', '--machine', '-H', '--host', '-E', '--setenv', '--uid', '-p', '--property', '-s', '--signal', '--kill-whom', '-o', '--output', '-n', '--lines'],
    subcommands: { shell: { value: ['-E', '--setenv', '--uid'], operands: 1 } },
    onlySubcommands: true,
  },
  // Node ecosystem runners.
  npx: NPM_EXEC,
  npm: {
    value: ['-w', '--workspace', '--prefix', '--registry', '--cache', '--userconfig', '-C'],
    subcommands: { exec: NPM_EXEC, x: NPM_EXEC, explore: { operands: 1 } },
    onlySubcommands: true,
    opaque: /^(--)?script-shell(=|$)/,
  },
  // pnpm and yarn run a package's binary (or, pnpm, any program) for a name that is not one of theirs.
  pnpm: { value: ['-C', '--dir', '--filter', '-F', '--reporter', '--loglevel'], subcommands: { exec: PNPM_EXEC, dlx: PNPM_EXEC }, dataSubcommands: PNPM_COMMANDS, opaque: /^(--)?script-shell(=|$)/ },
  pnpx: PNPM_EXEC,
  yarn: { value: ['--cwd'], subcommands: { dlx: YARN_DLX, exec: PLAIN_RUN }, dataSubcommands: YARN_COMMANDS, opaque: /^(--)?script-shell(=|$)/ },
  bunx: { value: ['-p', '--package'] },
  'cross-env': { assignments: true },
  'cross-env-shell': { assignments: true, joinAsCode: true },
  shx: {},
  concurrently: {
    value: ['-n', '--names', '-c', '--prefix-colors', '-p', '--prefix', '-l', '--prefix-length', '-t', '--timestamp-format', '--name-separator', '-s', '--success', '--restart-tries', '--restart-after', '--default-input-target', '--max-processes', '-m', '--kill-signal', '--teardown'],
    eachAsCode: true,
  },
  nodemon: { value: ['-w', '--watch', '-e', '--ext', '-i', '--ignore', '-d', '--delay', '--signal', '--config', '--cwd'], code: ['-x', '--exec'], noArgvCommand: true },
  chokidar: { value: ['-i', '--ignore', '-d', '--debounce', '-t', '--throttle'], code: ['-c', '--command'], noArgvCommand: true },
  onchange: { value: ['-e', '--exclude', '-d', '--delay', '-j', '--jobs', '-k', '--kill-signal'], commandAfter: ['--'] },
  dotenv: { value: ['-e', '-v', '-p', '-c', '-f', '--file'], subcommands: { run: { value: ['--override', '--no-override'] } } },
  dotenvx: { subcommands: { run: { value: ['-f', '--env-file', '-e', '--env', '--convention', '--ops-off'] } }, onlySubcommands: true },
  // Python, Ruby, Nix and environment managers.
  uv: { value: ['--directory', '--project', '--cache-dir', '--config-file'], subcommands: { run: UV_RUN, tool: { subcommands: { run: UV_RUN }, onlySubcommands: true } }, onlySubcommands: true },
  uvx: UV_RUN,
  pipx: { subcommands: { run: { value: ['--spec', '--python', '--pip-args', '--index-url'] } }, onlySubcommands: true },
  poetry: { value: ['-C', '--directory', '-P', '--project'], subcommands: { run: PLAIN_RUN }, onlySubcommands: true },
  pipenv: { subcommands: { run: PLAIN_RUN }, onlySubcommands: true },
  pdm: { value: ['-p', '--project'], subcommands: { run: { value: ['-p', '--project'] } }, onlySubcommands: true },
  rye: { subcommands: { run: PLAIN_RUN }, onlySubcommands: true },
  hatch: { value: ['-e', '--env', '-p', '--project'], subcommands: { run: { joinAsCode: true } }, onlySubcommands: true },
  pixi: { subcommands: { run: { value: ['-e', '--environment', '--manifest-path'], joinAsCode: true }, exec: { value: ['-s', '--spec'] } }, onlySubcommands: true },
  conda: { subcommands: { run: CONDA_RUN }, onlySubcommands: true },
  mamba: { subcommands: { run: CONDA_RUN }, onlySubcommands: true },
  micromamba: { subcommands: { run: CONDA_RUN }, onlySubcommands: true },
  bundle: { subcommands: { exec: { value: ['--gemfile'] } }, onlySubcommands: true },
  bundler: { subcommands: { exec: { value: ['--gemfile'] } }, onlySubcommands: true },
  'nix-shell': { value: ['-p', '-A', '--attr', '-I', '--include'], code: ['--run', '--command'], noArgvCommand: true },
  nix: { subcommands: { develop: NIX_DEVELOP, shell: NIX_DEVELOP }, onlySubcommands: true },
  direnv: { subcommands: { exec: { operands: 1 } }, onlySubcommands: true },
  mise: { subcommands: { exec: { value: ['-C', '--cd', '-j', '--jobs'], code: ['-c', '--command'], commandAfter: ['--'] }, x: { value: ['-C', '--cd', '-j', '--jobs'], code: ['-c', '--command'], commandAfter: ['--'] } }, onlySubcommands: true },
  asdf: { subcommands: { exec: PLAIN_RUN }, onlySubcommands: true },
  // Terminal multiplexers: the new session runs a shell command.
  tmux: {
    value: ['-L', '-S', '-f', '-T'],
    code: ['-c'],
    subcommands: {
      'new-session': TMUX_NEW, new: TMUX_NEW, 'new-window': TMUX_WINDOW, neww: TMUX_WINDOW, 'split-window': TMUX_SPLIT, splitw: TMUX_SPLIT,
      'respawn-pane': TMUX_RESPAWN, respawnp: TMUX_RESPAWN, 'respawn-window': TMUX_RESPAWN, respawnw: TMUX_RESPAWN,
      'run-shell': TMUX_RUN, run: TMUX_RUN, 'send-keys': TMUX_SEND, send: TMUX_SEND, 'display-popup': TMUX_POPUP, popup: TMUX_POPUP,
      'if-shell': TMUX_IF, if: TMUX_IF, 'pipe-pane': TMUX_IF, pipep: TMUX_IF,
    },
    onlySubcommands: true,
  },
  screen: { value: ['-S', '-c', '-e', '-h', '-p', '-s', '-t', '-T', '-Logfile'], noCommand: ['-ls', '-list', '-r', '-R', '-x', '-wipe', '-v', '-Q'], shellFlags: ['-X'] },
  // Wrappers that change how the command runs (time, limits, I/O, test harnesses).
  faketime: { value: ['--date-prog'], operands: 1 },
  'xvfb-run': { value: ['-n', '--server-num', '-s', '--server-args', '-e', '--error-file', '-f', '--auth-file', '-p', '--xauth-protocol', '-w', '--wait'] },
  chronic: {},
  eatmydata: {},
  valgrind: {},
  catchsegv: {},
  rlwrap: { value: ['-b', '-C', '-D', '-e', '-f', '-g', '-H', '-l', '-M', '-O', '-P', '-q', '-s', '-S', '-t', '-w', '-z', '--break-chars', '--command-name', '--history-no-dupes', '--extra-char-after-completion', '--file', '--forget-matching', '--history-filename', '--logfile', '--multi-line-ext', '--only-cook', '--pre-given', '--quote-characters', '--histsize', '--substitute-prompt', '--set-term-name', '--polling', '--filter'] },
  cpulimit: { value: ['-l', '--limit', '-m'], noCommand: ['-p', '--pid', '-e', '--exe', '-P', '--path'] },
  prlimit: { value: ['-o', '--output'], noCommand: ['-p', '--pid'] },
  numactl: { value: ['-i', '--interleave', '-m', '--membind', '-N', '--cpunodebind', '-C', '--physcpubind', '-p', '--preferred', '-P', '--preferred-many', '-w', '--weighted-interleave'], noCommand: ['-s', '--show', '-H', '--hardware'] },
  tsp: { value: ['-L', '-D', '-N', '-W'], noCommand: ['-l', '-S', '-r', '-w', '-k', '-c', '-o', '-i', '-s', '-u', '-U', '-t', '-T', '-C', '-K', '-h', '-V', '-M'] },
  sem: { value: [...PARALLEL_VALUES, '--id', '--semaphorename', '--st', '--semaphoretimeout'], joinAsCode: true },
  entr: { shellFlags: ['-s'] },
  watchexec: {
    value: ['-e', '--exts', '-w', '--watch', '-i', '--ignore', '-f', '--filter', '-s', '--signal', '--shell', '-d', '--debounce', '--delay-run', '--on-busy-update', '--stop-signal', '--stop-timeout', '--project-origin', '--workdir', '--emit-events-to', '-E', '--env'],
    joinAsCode: true,
  },
  'dbus-run-session': { value: ['--config-file', '--dbus-daemon'] },
  'flatpak-spawn': { value: ['--directory', '--env', '--unset-env', '--forward-fd', '--sandbox-expose', '--sandbox-expose-ro', '--sandbox-expose-path', '--sandbox-expose-path-ro', '--app-path', '--usr-path'] },
  sshpass: { value: ['-p', '-f', '-d', '-P'] },
  nocache: {},
  torify: {},
  tsocks: {},
  bun: { subcommands: { x: { value: ['-p', '--package'] }, exec: { joinAsCode: true } }, onlySubcommands: true },
  'ssh-agent': { value: ['-a', '-E', '-P', '-t'], noCommand: ['-k', '-l'] },
  // git subcommands that run a command given on their command line: walked, so a blocked pattern in it
  // blocks (policy/code-options.ts asks approval for them either way). Other subcommands run nothing.
  git: {
    value: ['-C', '-c', '--git-dir', '--work-tree', '--namespace', '--config-env'],
    onlySubcommands: true,
    subcommands: {
      rebase: { code: ['--exec', '-x'], value: ['--onto', '-s', '--strategy', '-X', '--strategy-option', '-C', '--whitespace', '--empty'], noArgvCommand: true },
      bisect: { onlySubcommands: true, subcommands: { run: {} } },
      submodule: { onlySubcommands: true, subcommands: { foreach: { joinAsCode: true } } },
      'filter-branch': { code: ['--env-filter', '--tree-filter', '--index-filter', '--parent-filter', '--msg-filter', '--commit-filter', '--tag-name-filter', '--setup'], value: ['-d', '--subdirectory-filter', '--original', '--state-branch'], noArgvCommand: true },
      difftool: { code: ['-x', '--extcmd'], value: ['-t', '--tool'], noArgvCommand: true },
    },
  },
  // Options whose value is a command line they run (policy/code-options.ts asks approval for them too).
  tar: {
    code: ['--to-command', '--use-compress-program', '-I', '--rsh-command', '--rmt-command', '--info-script', '--new-volume-script', '-F'],
    value: ['-f', '--file', '-C', '--directory', '-T', '--files-from', '-X', '--exclude-from', '-b', '--blocking-factor', '-H', '--format', '-L', '--tape-length', '-N', '--newer', '-g', '--listed-incremental', '-K', '--starting-file', '-V', '--label'],
    noArgvCommand: true,
  },
  rsync: { code: ['-e', '--rsh'], value: ['-f', '--filter', '-T', '--temp-dir', '-B', '--block-size', '--exclude', '--include', '--exclude-from', '--include-from', '--files-from', '--rsync-path', '--log-file', '--chmod', '--chown', '--compare-dest', '--copy-dest', '--link-dest', '--backup-dir', '--suffix', '--partial-dir', '--max-size', '--min-size', '--timeout', '--contimeout', '--port', '--password-file', '-M', '--remote-option', '--out-format', '--bwlimit'], noArgvCommand: true },
  // cmake -E TOOL ARGS: its tools are the programs they are named after (`-E env A=1 CMD` and `-E time CMD`
  // run CMD, `-E rm -rf D` removes), so the words after -E are read as that command. Other uses run nothing given.
  cmake: { commandAfter: ['-E'], value: ['-S', '-B', '-C', '-D', '-U', '-G', '-T', '-A', '-P', '-W', '-j', '-t', '--build', '--install', '--preset', '--target', '--config', '--parallel', '--graphviz', '--log-level', '--toolchain', '--install-prefix'] },
  man: { code: ['-P', '--pager'], value: ['-M', '--manpath', '-S', '-s', '--sections', '-L', '--locale', '-m', '--systems', '-C', '--config-file', '-E', '--encoding', '-R', '--recode', '-p', '--preprocessor', '-T', '--troff-device'], noArgvCommand: true },
};
