// Which arguments of which programs name files. Data, not code: extend the tables, not the logic.

/** Programs whose every operand (non-option word) is a file, read or written. */
export const fileOperandPrograms = new Set([
  'cat', 'tac', 'less', 'more', 'head', 'tail', 'ls', 'stat', 'file', 'wc', 'du', 'diff', 'cmp', 'od', 'hexdump',
  'xxd', 'base64', 'base32', 'md5sum', 'sha1sum', 'sha256sum', 'sha512sum', 'b2sum', 'cksum', 'strings', 'nl', 'tree',
  'readlink', 'realpath', 'lsattr', 'getfacl', 'nano', 'vi', 'vim', 'nvim', 'emacs', 'code', 'source', '.', 'sort',
  'uniq', 'paste', 'split', 'fold', 'fmt', 'expand', 'unexpand', 'comm', 'join', 'shuf', 'zcat', 'bzcat', 'xzcat',
  'gzip', 'gunzip', 'bzip2', 'bunzip2', 'xz', 'unxz', 'zstd', 'unzip', 'zip', 'jq', 'yq', 'bat', 'open', 'xdg-open',
  'python', 'python3', 'node', 'ruby', 'perl', 'php', 'bash', 'sh', 'dash', 'zsh', 'lua', 'tsc', 'cut', 'tr',
]);

/** Programs whose operands are written, removed or changed: their operands are write accesses. */
export const writeOperandPrograms = new Set([
  'rm', 'rmdir', 'unlink', 'shred', 'truncate', 'touch', 'mkdir', 'mkfifo', 'mknod', 'tee', 'chmod', 'chown', 'chgrp',
  'chattr', 'setfacl', 'cp', 'mv', 'ln', 'install', 'rsync', 'scp', 'wipe', 'dd', 'mkfs', 'mkswap', 'wipefs', 'fallocate',
]);

/** How many leading operands are not files (a mode, an owner, a pattern, a program text). */
export const leadingDataOperands: Record<string, number> = {
  chmod: 1, chown: 1, chgrp: 1, setfacl: 1, chattr: 1, grep: 1, egrep: 1, fgrep: 1, rg: 1, ag: 1, sed: 1, awk: 1,
  gawk: 1, mawk: 1, nawk: 1, jq: 1, yq: 1, tr: 2, mknod: 0, truncate: 0, expr: 99, test: 0,
};

/** Options that replace the leading data operand (grep -e PAT, sed -e SCRIPT, awk -f FILE, jq -f). */
export const dataOperandOptions: Record<string, string[]> = {
  grep: ['-e', '--regexp', '-f', '--file'], egrep: ['-e', '-f'], fgrep: ['-e', '-f'], rg: ['-e', '--regexp', '-f'],
  sed: ['-e', '--expression', '-f', '--file'], awk: ['-f', '--file'], gawk: ['-f', '--file'], jq: ['-f', '--from-file'],
  chmod: ['--reference'], chown: ['--reference'], chgrp: ['--reference'],
  // The working directory inside the container, not a host path (`-v HOST:CTR` keeps its host side checked).
  docker: ['-w', '--workdir'], podman: ['-w', '--workdir'], nerdctl: ['-w', '--workdir'],
};

/** Programs whose arguments are all data (nothing is opened by name). */
export const dataOnlyPrograms = new Set([
  'echo', 'printf', 'true', 'false', ':', 'date', 'expr', 'seq', 'sleep', 'yes', 'basename', 'dirname', 'export',
  'declare', 'typeset', 'local', 'readonly', 'unset', 'set', 'shift', 'return', 'exit', 'break', 'continue', 'alias',
  'unalias', 'hash', 'type', 'which', 'whereis', 'command', 'builtin', 'let', 'read', 'wait', 'jobs', 'trap', 'umask',
  'shopt', 'getopts', 'history', 'id', 'whoami', 'uname', 'hostname', 'env', 'printenv', 'kill', 'pkill', 'killall',
  'ps', 'pgrep', 'nproc', 'free', 'uptime', 'tput', 'stty', 'clear', 'sudo', 'doas', 'nice', 'nohup', 'timeout',
  'stdbuf', 'setsid', 'time', 'xargs', 'exec', 'eval',
]);

/** Options whose value (next word or =value) is a file, for any program. */
export const fileValueOptions = new Set([
  '-o', '--output', '--output-file', '--log-file', '--file', '-f', '--config', '-C', '--directory', '--target-directory',
  '-t', '--reference', '--prefix', '--root', '--rcfile', '--init-file', '--cwd', '--workdir', '--git-dir',
  '--work-tree', '-T', '--files-from', '-K', '--out-dir', '--outdir', '--outfile',
]);

/** Programs for which -f, -t, -C, -o... do NOT take a file (their meaning differs). */
export const fileValueOptionExceptions: Record<string, string[]> = {
  rm: ['-f'], cp: ['-f'], mv: ['-f'], ln: ['-f', '-t'], grep: ['-o', '-f', '-C'], tail: ['-f'], cut: ['-f'], sort: ['-t'],
  ls: ['-C', '-t', '-f'], ps: ['-o', '-f', '-C', '-t'], head: [], chmod: ['-f'], chown: ['-f'], xargs: ['-t'],
  sed: ['-f'], awk: ['-f'], git: ['-f', '-t', '-o'], docker: ['-f', '-t'], kill: [], pkill: ['-f'], pgrep: ['-f'],
  tar: ['-C', '-f'], df: ['-t'], du: ['-t'], find: [], curl: ['-f', '-C'], wget: [], npm: [], node: [], ssh: ['-f', '-t', '-C', '-o'],
  make: [], date: ['-f'], column: ['-t'], nl: [], sudo: [], env: ['-C'],
};

/** Harmless device files: always allowed, never a path problem. */
export const harmlessWriteSinks = ['/dev/null', '/dev/stdout', '/dev/stderr', '/dev/tty'];
export const harmlessReadSources = [...harmlessWriteSinks, '/dev/zero', '/dev/urandom', '/dev/random', '/dev/stdin', '/dev/full'];

export function isHarmlessDevice(path: string, access: 'read' | 'write'): boolean {
  if (/^\/dev\/fd\/\d+$/.test(path) || /^\/proc\/self\/fd\/[0-2]$/.test(path)) return true;
  return (access === 'write' ? harmlessWriteSinks : harmlessReadSources).includes(path);
}
