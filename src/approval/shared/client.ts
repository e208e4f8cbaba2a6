// A session's side of the shared approval page: an Approver that hands each request to
// `argent approvals serve` over its unix socket and waits for the page's outcome. The session keeps
// its own broker, so its timer stays authoritative (expiry, ^C and session end settle locally and are
// sent on as cancellations), and "approve for this session" grants stay in the session.
import { connect, type Socket } from 'node:net';
import { ApprovalBroker, type BrokerOptions } from '../broker.js';
import type { ApprovalOutcome, Approver } from '../types.js';
import { isOurSocket } from './paths.js';
import { readMessages, writeMessage, type HubMessage } from './protocol.js';

export interface SharedClientOptions extends Omit<BrokerOptions, 'onSettled'> {
  socketPath: string;
  /** How long a live page has to greet us before we treat the socket as stale; default 1000 ms. */
  welcomeTimeoutMs?: number;
}

export interface SharedApprover extends Approver {
  readonly kind: 'web';
  readonly broker: ApprovalBroker;
  readonly socketPath: string;
}

/** Connects and waits for the page's welcome line; undefined when no live page answers. */
function attach(socketPath: string, timeoutMs: number, onMessage: (m: HubMessage) => void): Promise<Socket | undefined> {
  // SECURITY: a socket in a folder we do not own could be another user's page, which would then
  // decide what runs in our sandbox; never connect to one.
  if (!isOurSocket(socketPath)) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const socket = connect(socketPath);
    let welcomed = false;
    const fail = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(undefined);
    };
    const timer = setTimeout(fail, timeoutMs);
    socket.once('error', fail);
    readMessages(socket, (message) => {
      const m = message as HubMessage;
      if (!welcomed) {
        if (m.type !== 'welcome' || m.protocol !== 1) return fail();
        welcomed = true;
        clearTimeout(timer);
        socket.off('error', fail);
        socket.on('error', () => socket.destroy());
        return resolve(socket);
      }
      onMessage(m);
    });
  });
}

/** The shared page as this session's approver, or undefined when no page is serving (start your own). */
export async function connectSharedApprover(options: SharedClientOptions): Promise<SharedApprover | undefined> {
  const { socketPath, welcomeTimeoutMs = 1000, ...brokerOptions } = options;
  const fromPage = new Set<string>();
  let socket: Socket | undefined;

  const broker = new ApprovalBroker({
    ...brokerOptions,
    onSettled: (req, outcome) => {
      // Settled here (timer, cancel, session end) rather than by the page: take it off the page.
      if (!fromPage.delete(req.id) && socket) writeMessage(socket, { type: 'cancel', requestId: req.id, reason: `session: ${outcome.reason}` });
    },
  });
  const fromHub = (m: HubMessage) => {
    if (m.type === 'outcome') {
      const o: ApprovalOutcome = m.outcome;
      if (broker.isPending(o.requestId)) fromPage.add(o.requestId);
      broker.answer({ requestId: o.requestId, approve: o.approved === true, by: o.by, reason: o.reason, ...(o.rememberForSession ? { rememberForSession: true } : {}) });
    } else if (m.type === 'error' && m.requestId !== undefined && broker.isPending(m.requestId)) {
      fromPage.add(m.requestId);
      broker.answer({ requestId: m.requestId, approve: false, by: 'argent', reason: `the approval page refused the request: ${m.message}` });
    }
  };
  const open = async (): Promise<boolean> => {
    const s = (socket = await attach(socketPath, welcomeTimeoutMs, fromHub));
    s?.on('close', () => {
      if (socket === s) socket = undefined;
      // SECURITY: fail closed: with the page gone nobody can answer what it was showing.
      broker.closeAll('the shared approval page closed');
    });
    return socket !== undefined;
  };
  if (!(await open())) return undefined;

  return {
    kind: 'web',
    broker,
    socketPath,
    async request(req, signal) {
      // A page restarted since the last request: reconnect once; without a page, reject at once.
      if (!socket && !(await open())) {
        return { requestId: req.id, approved: false, by: 'argent', reason: `the shared approval page is gone (nothing answers on ${socketPath})`, decidedAt: Date.now() };
      }
      const outcome = broker.open(req, signal);
      if (broker.isPending(req.id)) writeMessage(socket!, { type: 'request', request: req });
      return outcome;
    },
    close() {
      broker.closeAll('session ended');
      socket?.end();
    },
  };
}
