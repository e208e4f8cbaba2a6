// The web approver: a local HTTP server (127.0.0.1 only, a free port, a random token) serving the
// approval page, a live state stream (SSE) and the answer endpoint, in front of an ApprovalBroker.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApprovalBroker, type BrokerOptions } from '../broker.js';
import { toRequestEvent } from '../jsonl.js';
import type { ApprovalOutcome, ApprovalRequest, Approver } from '../types.js';
import { guard } from './guard.js';
import { renderPage } from './page.js';

export interface WebApproverOptions extends Omit<BrokerOptions, 'onSettled'> {
  /** Port to listen on; default 0 (a free port chosen by the system). */
  port?: number;
  /** How many decisions the page's history keeps; default 50. */
  historySize?: number;
}

export interface HistoryEntry {
  requestId: string;
  command: string;
  approved: boolean;
  by: string;
  reason: string;
  decidedAt: number;
}

export interface WebApprover extends Approver {
  readonly kind: 'web';
  readonly broker: ApprovalBroker;
  /** Resolves with the page URL, token included (print it once), when the server listens. */
  readonly ready: Promise<string>;
}

const MAX_BODY = 16 * 1024;

function securityHeaders(res: ServerResponse, extra: Record<string, string> = {}): void {
  res.setHeader('cache-control', 'no-store');
  res.setHeader('x-content-type-options', 'nosniff');
  // SECURITY: the token is in the URL: never send it on as a Referer; never be framed (clickjacking).
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('x-frame-options', 'DENY');
  for (const [k, v] of Object.entries(extra)) res.setHeader(k, v);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  securityHeaders(res, { 'content-type': 'application/json; charset=utf-8' });
  res.writeHead(status).end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string | undefined> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Starts the approval page server; request() works at once, answers arrive once it listens. */
export function createWebApprover(options: WebApproverOptions = {}): WebApprover {
  // SECURITY: 32 random bytes: anyone who can reach the port (any local user) still needs this.
  const token = randomBytes(32).toString('base64url');
  const history: HistoryEntry[] = [];
  const clients = new Set<ServerResponse>();
  const now = options.now ?? Date.now;
  let port = 0;

  const state = () => ({ now: now(), pending: broker.pending().map(toRequestEvent), history });
  const broadcast = () => {
    const data = `event: state\ndata: ${JSON.stringify(state())}\n\n`;
    for (const c of clients) c.write(data);
  };
  const broker = new ApprovalBroker({
    ...options,
    onSettled: (req: ApprovalRequest, o: ApprovalOutcome) => {
      history.unshift({ requestId: o.requestId, command: req.command, approved: o.approved, by: o.by, reason: o.reason, decidedAt: o.decidedAt });
      history.splice(options.historySize ?? 50);
      broadcast();
    },
  });

  const answer = async (req: IncomingMessage, res: ServerResponse) => {
    // SECURITY: JSON only: an HTML form on another site cannot send application/json without a preflight.
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return sendJson(res, 415, { error: 'expected application/json' });
    const text = await readBody(req);
    if (text === undefined) return sendJson(res, 413, { error: 'body too large' });
    let m: Record<string, unknown>;
    try {
      m = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return sendJson(res, 400, { error: 'body is not JSON' });
    }
    if (typeof m.requestId !== 'string' || typeof m.approve !== 'boolean') return sendJson(res, 400, { error: 'expected {"requestId":"..","approve":true|false}' });
    const name = typeof m.name === 'string' ? m.name.replace(/[^\x20-\x7e]/g, '?').trim().slice(0, 60) : '';
    const str = (k: string) => (typeof m[k] === 'string' ? { [k]: m[k] as string } : {});
    const wasPending = broker.isPending(m.requestId);
    const result = broker.answer({
      requestId: m.requestId,
      approve: m.approve,
      by: name ? `web:${name}` : 'web',
      rememberForSession: m.forSession === true,
      ...str('command'),
      ...str('cwd'),
      ...str('profileRevision'),
    });
    if (result.applied) return sendJson(res, 200, { outcome: result.outcome });
    return sendJson(res, wasPending ? 409 : 404, { error: result.reason });
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const verdict = guard(req, url, port, token);
    if (!verdict.ok) return sendJson(res, verdict.status, { error: verdict.error });
    const route = `${req.method} ${url.pathname}`;
    if (route === 'GET /') {
      const nonce = randomBytes(16).toString('base64');
      securityHeaders(res, {
        'content-type': 'text/html; charset=utf-8',
        // SECURITY: nothing but our own inline code runs; no external assets, no injected script.
        'content-security-policy': `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'`,
      });
      return res.writeHead(200).end(renderPage(nonce));
    }
    if (route === 'GET /api/state') return sendJson(res, 200, state());
    if (route === 'GET /api/events') {
      securityHeaders(res, { 'content-type': 'text/event-stream', connection: 'keep-alive' });
      res.writeHead(200);
      res.write(`event: state\ndata: ${JSON.stringify(state())}\n\n`);
      clients.add(res);
      req.on('close', () => clients.delete(res));
      return;
    }
    if (route === 'POST /api/answer') return void answer(req, res).catch(() => sendJson(res, 500, { error: 'internal error' }));
    return sendJson(res, 404, { error: 'not found' });
  });

  const ready = new Promise<string>((resolve, reject) => {
    server.once('error', reject);
    // SECURITY: loopback only; the page is never reachable from the network.
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      port = (server.address() as AddressInfo).port;
      resolve(`http://127.0.0.1:${port}/?token=${token}`);
    });
  });
  ready.catch(() => {}); // reported to whoever awaits ready; not an unhandled rejection

  return {
    kind: 'web',
    broker,
    ready,
    request(req, signal) {
      const outcome = broker.open(req, signal);
      if (broker.isPending(req.id)) broadcast();
      return outcome;
    },
    async close() {
      broker.closeAll();
      for (const c of clients) c.end();
      clients.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
