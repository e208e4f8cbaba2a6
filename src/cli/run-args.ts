// argent-run's command line: flags to a RunArgs value, or an ArgentError (USAGE) that says what was
// expected, what was found and how to fix it.
import { ArgentError } from '../errors.js';

export interface RunArgs {
  mode: 'command' | 'argv' | 'session' | 'check' | 'help' | 'version';
  command?: string;
  argv?: string[];
  profile?: string;
  workdir?: string;
  timeoutSeconds?: number;
  jsonl: boolean;
  approver?: string;
  auditLog?: string;
  logLevel?: string;
}

export const USAGE = `usage:
  argent-run [options] -c "<command>"     run one command in the sandbox (drop-in for bash -c)
  argent-run [options] -- <argv...>       run one program with arguments
  argent-run [options] [--jsonl]          a persistent sandboxed shell session (JSON lines with --jsonl)
  argent-run --check                      prove the sandbox works on this host (exit 0, or 125)
options:
  --profile NAME|PATH   profile to use (default: ARGENT_PROFILE, the user config, then "sandboxed")
  --workdir DIR         working root, the sandbox's cwd and \${WORKDIR} (default: the current directory)
  --timeout SEC         wall-clock limit per command (default: the profile's limits.timeoutSeconds)
  --approver KIND       tty | jsonl | web | none (default: jsonl with --jsonl, else tty)
  --audit-log PATH      audit log file (default: ARGENT_AUDIT_LOG, then $XDG_STATE_HOME/argent/audit.log)
  --log-level LEVEL     also print audit records at this level to stderr
exit codes: the command's own; 128+n killed by signal n; 124 timed out; 125 argent-run failed;
  126 refused by policy or approval; 127 command not found`;

const VALUE_FLAGS = new Set(['--profile', '--workdir', '--timeout', '--approver', '--audit-log', '--log-level']);

function usage(message: string, hint = 'run `argent-run --help` for the options'): ArgentError {
  return new ArgentError('USAGE', message, { hint });
}

/** Parses argv (without node and the script). Pure. */
export function parseRunArgs(argv: readonly string[]): RunArgs {
  const out: RunArgs = { mode: 'session', jsonl: false };
  const values: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i]!;
    if (arg === '--') {
      const rest = argv.slice(i + 1);
      if (!rest.length) throw usage('expected a program after `--`, found nothing', 'write `argent-run -- ls -la`, or use -c "<command>"');
      if (out.mode === 'command') throw usage('found both -c and `--`: give one command');
      out.mode = 'argv';
      out.argv = rest;
      break;
    }
    let inline: string | undefined;
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq > 0) {
      inline = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    if (VALUE_FLAGS.has(arg)) {
      const value = inline ?? argv[++i];
      if (value === undefined || value === '') throw usage(`expected a value after ${arg}, found nothing`);
      values[arg] = value;
      continue;
    }
    // Login-shell flags (-l, -lc) as tools pass them to $SHELL: accepted, no meaning here.
    if (arg === '-c' || arg === '-lc' || arg === '-cl') {
      const cmd = argv[++i];
      if (cmd === undefined) throw usage('expected a command after -c, found nothing', 'write `argent-run -c "ls -la"`');
      out.mode = 'command';
      out.command = cmd;
      // bash -c CMD NAME ARGS...: extra words are $0 and positional parameters, which we do not pass on.
      if (i + 1 < argv.length) throw usage(`found extra arguments after the -c command: ${argv.slice(i + 1).join(' ')}`, 'put the whole command in the one string after -c');
      break;
    }
    if (arg === '-l' || arg === '--login') continue;
    if (arg === '--jsonl') out.jsonl = true;
    else if (arg === '--check') out.mode = 'check';
    else if (arg === '--help' || arg === '-h') out.mode = 'help';
    else if (arg === '--version') out.mode = 'version';
    else throw usage(`unknown option ${JSON.stringify(arg)}`);
  }
  if (values['--profile']) out.profile = values['--profile'];
  if (values['--workdir']) out.workdir = values['--workdir'];
  if (values['--approver']) out.approver = values['--approver'];
  if (values['--audit-log']) out.auditLog = values['--audit-log'];
  if (values['--log-level']) out.logLevel = values['--log-level'];
  if (values['--timeout'] !== undefined) {
    const n = Number(values['--timeout']);
    if (!Number.isFinite(n) || n <= 0) throw usage(`expected --timeout to be a positive number of seconds, found ${JSON.stringify(values['--timeout'])}`);
    out.timeoutSeconds = n;
  }
  if (out.jsonl && out.mode !== 'session') throw usage('--jsonl starts a session: it cannot be combined with -c or `--`');
  return out;
}

/** Quotes an argv for the policy engine and the log as bash would read it back. */
export function shellQuote(argv: readonly string[]): string {
  return argv.map((a) => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}
