// The shared approval page behind `argent approvals serve`: one web page (127.0.0.1, token, the same
// checks as a session's own page) for the requests of every argent-run session that connects to its
// unix socket. The page's broker gives each request one outcome and sends it back to the session that
// asked; a session that disconnects (exits, is killed) has its pending requests cancelled on the page.
import { chmodSync, rmSync } from 'node:fs';
import { connect, createServer, type Socket } from 'node:net';
import { ArgentError } from '../../errors.js';
import { createWebApprover, type WebApprover, type WebApproverOptions } from '../web/server.js';
import { ensureSocketDir, isOurSocket } from './paths.js';
import { checkRequest, readMessages, writeMessage } from './protocol.js';

export interface HubOptions extends WebApproverOptions {
  socketPath: string;
}

export interface ApprovalHub {
  /** The page URL with its token: print it once. */
  readonly url: string;
  readonly socketPath: string;
  readonly web: WebApprover;
  /** How many sessions are connected now. */
  sessions(): number;
  /** Rejects everything pending ("approval page closed"), disconnects sessions, removes the socket. */
  close(): Promise<void>;
}

/** Resolves true when something accepts connections on `socketPath`. */
export function socketAnswers(socketPath: string, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(socketPath);
    const done = (v: boolean) => {
      clearTimeout(timer);
      s.destroy();
      resolve(v);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
  });
}

/** Starts the page and the session socket; fails when another page already serves that socket. */
export async function startApprovalHub(options: HubOptions): Promise<ApprovalHub> {
  const { socketPath, ...webOptions } = options;
  ensureSocketDir(socketPath);
  if (await socketAnswers(socketPath)) {
    throw new ArgentError('USAGE', `an approval page is already serving sessions on ${socketPath}`, { hint: 'use the URL it printed, or stop it first' });
  }
  // A socket left by a page that crashed: ours (checked), so replacing it takes nothing from anyone.
  if (isOurSocket(socketPath)) rmSync(socketPath, { force: true });

  const web = createWebApprover(webOptions);
  const url = await web.ready;
  const connections = new Set<Socket>();
  const session = webOptions.session ?? 'approvals';

  const onConnection = (socket: Socket) => {
    connections.add(socket);
    const open = new Map<string, AbortController>();
    writeMessage(socket, { type: 'welcome', protocol: 1 });
    readMessages(socket, (message) => {
      const m = message as { type?: unknown; request?: unknown; requestId?: unknown; reason?: unknown };
      if (m.type === 'request') {
        const req = checkRequest(m.request);
        if (typeof req === 'string') {
          const id = (m.request as { id?: unknown } | null)?.id;
          return writeMessage(socket, { type: 'error', ...(typeof id === 'string' ? { requestId: id } : {}), message: `request refused: ${req}` });
        }
        const ctl = new AbortController();
        open.set(req.id, ctl);
        void web.request(req, ctl.signal).then((outcome) => {
          open.delete(req.id);
          // Cancelled by its session (or the session is gone): it knows the outcome; no echo.
          if (!ctl.signal.aborted) writeMessage(socket, { type: 'outcome', outcome });
        });
        return;
      }
      if (m.type === 'cancel' && typeof m.requestId === 'string') {
        // Only the connection that asked can cancel: another session cannot withdraw someone else's request.
        const reason = typeof m.reason === 'string' ? m.reason.slice(0, 200) : 'cancelled by the session';
        return open.get(m.requestId)?.abort(reason);
      }
      webOptions.audit?.({ session, event: 'approval.ignored', requestId: '', reason: `unknown message from a session: ${JSON.stringify(message).slice(0, 120)}` });
    });
    const gone = () => {
      connections.delete(socket);
      for (const ctl of open.values()) ctl.abort('session ended (its argent-run disconnected)');
      open.clear();
    };
    socket.on('close', gone);
    socket.on('error', () => socket.destroy());
  };

  const server = createServer(onConnection);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err) => reject(new ArgentError('RUNNER_FAILED', `cannot listen on ${socketPath}: ${err.message}`, { cause: err })));
    // The folder (0700) is the real fence; 0600 on the socket says the same to anyone who looks.
    server.listen(socketPath, () => resolve(chmodSync(socketPath, 0o600)));
  }).catch(async (err: unknown) => {
    await web.close?.();
    throw err;
  });

  return {
    url,
    socketPath,
    web,
    sessions: () => connections.size,
    async close() {
      web.broker.closeAll('approval page closed');
      await new Promise((r) => setImmediate(r)); // the outcomes above reach their sessions before we hang up
      for (const s of connections) s.end();
      const stragglers = setTimeout(() => connections.forEach((s) => s.destroy()), 500);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      clearTimeout(stragglers);
      await web.close?.();
      rmSync(socketPath, { force: true });
    },
  };
}
