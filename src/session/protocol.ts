// What the supervisor types into the session shell, and how it finds where a command's output ends.
// Pure functions: the line for one command, and the parser for its end-of-command marker.
import { randomBytes } from '../util/random.js';

/** A fresh, unguessable marker nonce for one command. */
export function newNonce(): string {
  return randomBytes(16).toString('hex');
}

/** The command as a bash ANSI-C string ($'...'): any bytes, newlines and quotes included, on one line. */
export function ansiC(text: string): string {
  let out = "$'";
  for (const byte of Buffer.from(text, 'utf8')) {
    const ch = String.fromCharCode(byte);
    out += /[A-Za-z0-9 _.,:\/=+-]/.test(ch) ? ch : `\\x${byte.toString(16).padStart(2, '0')}`;
  }
  return `${out}'`;
}

// Names a previous command could have turned into functions to hijack the line below. Unset before use.
const SHADOWABLE = ['builtin', 'command', 'printf', 'eval', 'trap', 'unset', 'set', 'unalias', 'shopt', 'read', 'cd', 'pwd', 'exit', 'return', 'source', '.'];

/** The one line that runs `command` in the session shell and prints the marker (pure).
 *  Before the command: every word backslash-quoted (no alias applies), DEBUG/RETURN/ERR traps and
 *  functions shadowing the builtins we call are removed. After it: ONLY assignments, which no function,
 *  alias or builtin redefinition can intercept; the marker is the next prompt (PS1), printed by bash itself. */
export function commandLine(command: string, nonce: string, stdinNull: boolean): string {
  const reset = `\\trap -- - DEBUG RETURN ERR; \\unset -f ${SHADOWABLE.filter((n) => n !== '.').join(' ')}; \\unalias -a; \\shopt -u extdebug; \\set +o functrace +o errtrace +o errexit +o nounset`;
  const run = `\\eval -- ${ansiC(command)}${stdinNull ? ' </dev/null' : ''}`;
  // The command's own traps end with it (their output still counts as its output), not at the next line.
  const end = `__argent_rc=$?; \\trap -- - DEBUG RETURN ERR; \\shopt -u extdebug; PROMPT_COMMAND=; PS0=; PS1=$'\\n\\x1e'${nonce}" $__argent_rc"$'\\x1e\\n'`;
  return `${reset}; ${run}; ${end}\n`;
}

/** The first line the shell gets: no echo, \\n kept as \\n (agents read pipes, not screens), no history, no
 *  job control; its prompt is the first marker. */
export function setupLine(nonce: string): string {
  return `\\stty -echo -onlcr 2>/dev/null; PS2=''; PS4=''; PROMPT_COMMAND=; HISTFILE=; \\set +o history +m; PS1=$'\\n\\x1e'${nonce}$' 0\\x1e\\n'\n`;
}
