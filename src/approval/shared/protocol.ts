// The line protocol between argent-run sessions and the shared approval page, over its unix socket:
// one JSON object per line. Sessions send requests and cancellations; the page sends outcomes.
import type { Socket } from 'node:net';
import type { ApprovalOutcome, ApprovalRequest } from '../types.js';

/** Page -> session, first line after connecting: proves a live page (not a stale socket) answers. */
export interface WelcomeMessage {
  type: 'welcome';
  protocol: 1;
}
/** Session -> page: show this request until it is answered, cancelled or expires. */
export interface RequestMessage {
  type: 'request';
  request: ApprovalRequest;
}
/** Session -> page: the session decided the request without the page (its timer, ^C, session end). */
export interface CancelMessage {
  type: 'cancel';
  requestId: string;
  reason: string;
}
/** Page -> session: the one outcome the page reached for a request. */
export interface OutcomeMessage {
  type: 'outcome';
  outcome: ApprovalOutcome;
}
/** Page -> session: a line the page could not use (the request it named stays unanswered). */
export interface ErrorMessage {
  type: 'error';
  requestId?: string;
  message: string;
}
export type HubMessage = WelcomeMessage | OutcomeMessage | ErrorMessage;
export type SessionMessage = RequestMessage | CancelMessage;

// A request with its evaluation is a few KiB; anything much larger is a broken or hostile peer.
const MAX_LINE = 1024 * 1024;

/** Writes one message as a JSON line (no-op on a closed socket). */
export function writeMessage(socket: Socket, message: HubMessage | SessionMessage): void {
  if (!socket.destroyed && socket.writable) socket.write(`${JSON.stringify(message)}\n`);
}

/** Calls `onMessage` with each parsed line; destroys the socket on an oversized line. */
export function readMessages(socket: Socket, onMessage: (message: unknown) => void): void {
  let buffer = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      if (!line.trim()) continue;
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        parsed = { type: 'invalid', line: line.slice(0, 80) };
      }
      onMessage(parsed);
    }
    // SECURITY: an endless line would grow our memory without bound; drop that peer.
    if (buffer.length > MAX_LINE) socket.destroy();
  });
}

const isStr = (v: unknown, max = 64 * 1024): v is string => typeof v === 'string' && v.length <= max;
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** A request as the page needs it, or why not: every field the page renders has the right type. */
export function checkRequest(value: unknown): ApprovalRequest | string {
  if (typeof value !== 'object' || value === null) return 'request is not an object';
  const r = value as Record<string, unknown>;
  for (const k of ['command', 'cwd', 'profile', 'profileRevision', 'sessionId'] as const) if (!isStr(r[k])) return `request.${k} must be a string`;
  // SECURITY: ids are random base64url from newRequest(); anything else is not one of ours.
  if (!isStr(r.id) || !/^[\w-]{8,64}$/.test(r.id)) return 'request.id must be 8-64 base64url characters';
  if (r.agent !== undefined && !isStr(r.agent)) return 'request.agent must be a string';
  if (!isNum(r.requestedAt) || !isNum(r.expiresAt)) return 'request.requestedAt and expiresAt must be epoch milliseconds';
  const e = r.evaluation as Record<string, unknown> | null;
  if (typeof e !== 'object' || e === null) return 'request.evaluation must be an object';
  if (!isStr(e.decision) || !isStr(e.reason) || !Array.isArray(e.rules) || !Array.isArray(e.paths)) return 'request.evaluation needs decision, reason, rules[] and paths[]';
  // The page renders these fields of every rule and path: a wrong type would break it for every session.
  const rulesOk = e.rules.every((x: Record<string, unknown>) => typeof x === 'object' && x !== null && isStr(x.key) && isStr(x.decision) && isStr(x.detail));
  const pathsOk = e.paths.every((x: Record<string, unknown>) => typeof x === 'object' && x !== null && isStr(x.access) && isStr(x.resolved) && typeof x.inside === 'boolean');
  if (!rulesOk || !pathsOk) return 'request.evaluation.rules[] need key/decision/detail and paths[] need access/resolved/inside';
  return value as ApprovalRequest;
}
