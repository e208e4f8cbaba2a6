// `argent approvals serve`: one approval page for every `argent-run --approver web` session of this
// user. The page listens on 127.0.0.1 (random token, Host/Origin checks); sessions reach it through a
// unix socket in a private folder. It prints the URL once and serves until Ctrl-C or SIGTERM.
import { randomBytes } from 'node:crypto';
import { EXIT } from '../errors.js';
import { fail, parseFlags } from './main.js';

const help = `Usage: argent approvals serve [--port N] [--socket PATH] [--audit-log PATH]

Serves one approval page for several argent-run sessions. Sessions started with
\`argent-run --approver web\` send their approval requests here while it runs (and start a page of
their own when it does not). The page's URL, with its access token, is printed once.
  --port N          the page's port on 127.0.0.1 (default: a free port)
  --socket PATH     where sessions connect (default: $XDG_RUNTIME_DIR/argent/approvals.sock,
                    else $XDG_STATE_HOME or ~/.local/state /argent/approvals.sock)
  --audit-log PATH  where ignored answers are recorded (default: the argent audit log)
Stop with Ctrl-C: requests still pending are rejected ("approval page closed").`;

export interface ApprovalsIo {
  write?: (text: string) => void;
  /** Stops the server (the CLI stops on SIGINT/SIGTERM). */
  signal?: AbortSignal;
}

/** Runs `argent approvals ARGV`; returns the exit code once the page has stopped. */
export async function approvalsCommand(argv: string[], io: ApprovalsIo = {}): Promise<number> {
  const write = io.write ?? ((t: string) => void process.stdout.write(t));
  const { values, positionals } = parseFlags(
    {
      args: argv,
      options: { port: { type: 'string' }, socket: { type: 'string' }, 'audit-log': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    },
    'argent approvals',
  );
  if (values.help || positionals[0] === 'help') {
    write(`${help}\n`);
    return EXIT.OK;
  }
  if (positionals[0] !== 'serve' || positionals.length > 1) {
    fail(`argent approvals: expected \`serve\`, found ${JSON.stringify(positionals.join(' '))}`, 'argent approvals serve');
  }
  let port = 0;
  if (values.port !== undefined) {
    port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`argent approvals: --port expects 0-65535, found ${JSON.stringify(values.port)}`);
  }
  const { sharedSocketPath, startApprovalHub } = await import('../approval/index.js');
  const { openAuditLog } = await import('../audit/index.js');
  const log = openAuditLog(values['audit-log'] ? { path: values['audit-log'] } : {});
  const session = `approvals-${randomBytes(4).toString('hex')}`;
  let hub;
  try {
    hub = await startApprovalHub({ socketPath: values.socket ?? sharedSocketPath(), port, audit: log.record, session });
  } catch (err) {
    log.close();
    throw err;
  }
  write(`argent approvals: approval page: ${hub.url}\n`);
  write(`argent approvals: sessions with --approver web send their requests here (socket ${hub.socketPath}); Ctrl-C stops\n`);
  const signal = io.signal ?? stopSignal();
  await new Promise<void>((resolve) => (signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve(), { once: true })));
  await hub.close();
  log.close();
  return EXIT.OK;
}

/** Aborts on the first SIGINT, SIGTERM or SIGHUP. */
function stopSignal(): AbortSignal {
  const ctl = new AbortController();
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(sig, () => ctl.abort());
  return ctl.signal;
}
