// The tty approver: a prompt on the controlling terminal. It opens /dev/tty itself, so it works
// when the session's stdin/stdout are pipes to an agent (the agent cannot answer through them).
// One prompt at a time; other pending requests wait in line, their timers running.
import { openSync, writeSync } from 'node:fs';
import { ReadStream } from 'node:tty';
import { ApprovalBroker, type BrokerOptions } from './broker.js';
import { describeRequest, formatCountdown } from './render.js';
import type { ApprovalOutcome, ApprovalRequest, Approver } from './types.js';

export interface TtyApproverOptions extends Omit<BrokerOptions, 'onSettled'> {
  /** The terminal to open; default /dev/tty (the controlling terminal). */
  ttyPath?: string;
  /** Countdown refresh interval; default 1000 ms. */
  tickMs?: number;
  /** Keys arriving sooner than this after a prompt appears are ignored; default 250 ms. */
  keyDelayMs?: number;
}

export interface TtyApprover extends Approver {
  readonly kind: 'tty';
  readonly broker: ApprovalBroker;
}

interface Terminal {
  fd: number;
  input: ReadStream;
}

const KEYS_HELP = '[a] approve  [r] reject  [s] approve this exact command for the session';

/** An approver that asks the person at the controlling terminal. */
export function createTtyApprover(options: TtyApproverOptions = {}): TtyApprover {
  const ttyPath = options.ttyPath ?? '/dev/tty';
  const now = options.now ?? Date.now;
  const queue: ApprovalRequest[] = [];
  let current: ApprovalRequest | undefined;
  let term: Terminal | undefined;
  let ticker: NodeJS.Timeout | undefined;
  let shownAt = 0;

  const write = (text: string) => term && writeSync(term.fd, text);
  const restore = () => {
    if (!term) return;
    term.input.setRawMode(false);
    term.input.destroy(); // closes the fd
    term = undefined;
    process.removeListener('exit', restore);
  };
  const statusLine = (req: ApprovalRequest) => {
    const waiting = queue.length > 0 ? ` (${queue.length} more waiting)` : '';
    return `\r\x1b[2K  auto-reject in ${formatCountdown(req.expiresAt - now())}${waiting}   ${KEYS_HELP} > `;
  };

  const onKey = (data: Buffer) => {
    const req = current;
    // SECURITY: type-ahead (keys typed for the agent before the prompt appeared) must not answer it.
    if (!req || now() - shownAt < (options.keyDelayMs ?? 250)) return;
    const key = data.toString('utf8').toLowerCase();
    if (key === 'a' || key === 'y') broker.answer({ requestId: req.id, approve: true, by: 'tty', reason: 'approved at the terminal' });
    else if (key === 's') broker.answer({ requestId: req.id, approve: true, by: 'tty', rememberForSession: true, reason: 'approved at the terminal for this session' });
    else if (key === 'r' || key === 'n' || key === '\x03' || key === '\x1b') broker.answer({ requestId: req.id, approve: false, by: 'tty', reason: 'rejected at the terminal' });
  };

  const showNext = () => {
    current = undefined;
    while (queue.length > 0 && current === undefined) {
      const next = queue.shift()!;
      if (broker.isPending(next.id)) current = next;
    }
    if (!current || !term) return restore();
    const req = current;
    write('\r\n\x1b[1margent-run: approval needed\x1b[0m\r\n');
    write(describeRequest(req).map((l) => `  ${l}\r\n`).join(''));
    write(statusLine(req));
    shownAt = now();
    ticker = setInterval(() => write(statusLine(req)), options.tickMs ?? 1000);
  };

  const broker = new ApprovalBroker({
    ...options,
    onSettled: (req: ApprovalRequest, outcome: ApprovalOutcome) => {
      const i = queue.findIndex((q) => q.id === req.id);
      if (i >= 0) queue.splice(i, 1);
      if (current?.id !== req.id) return;
      clearInterval(ticker);
      write(`\r\x1b[2K  -> ${outcome.approved ? 'APPROVED' : 'REJECTED'} (${outcome.reason})\r\n`);
      showNext();
    },
  });

  const openTerminal = (): string | undefined => {
    if (term) return undefined;
    try {
      const fd = openSync(ttyPath, 'r+');
      const input = new ReadStream(fd);
      input.setRawMode(true);
      input.on('data', onKey);
      // A terminal left in raw mode after a crash is unusable; put it back on any exit.
      process.once('exit', restore);
      term = { fd, input };
      return undefined;
    } catch (err) {
      return `no controlling terminal to ask on (${ttyPath}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); use --approver jsonl or web`;
    }
  };

  return {
    kind: 'tty',
    broker,
    request(req, signal) {
      const outcome = broker.open(req, signal);
      if (!broker.isPending(req.id)) return outcome;
      const problem = openTerminal();
      if (problem !== undefined) {
        // SECURITY: nobody can see the prompt, so nobody can approve: reject at once, never wait or allow.
        broker.answer({ requestId: req.id, approve: false, by: 'tty', reason: problem });
        return outcome;
      }
      queue.push(req);
      if (current === undefined) showNext();
      return outcome;
    },
    close() {
      broker.closeAll();
      restore();
    },
  };
}
