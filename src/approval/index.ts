// The approval stage's public entry point: the runner calls createApprover() once per session and
// passes the result to its pipeline; every channel shares the broker's semantics (one outcome per
// request, timeout = rejected, late/duplicate/mismatched answers ignored and audited).
import { ArgentError } from '../errors.js';
import { createJsonlApprover, type JsonlApprover, type JsonlApproverOptions } from './jsonl.js';
import { createNoneApprover } from './none.js';
import { createTtyApprover, type TtyApprover, type TtyApproverOptions } from './tty.js';
import type { Approver } from './types.js';
import { createWebApprover, type WebApprover } from './web/server.js';

export type { ApprovalOutcome, ApprovalRequest, Approver } from './types.js';
export { ApprovalBroker, grantKey, type ApprovalAnswer, type AnswerResult, type BrokerOptions } from './broker.js';
export { createJsonlApprover, toRequestEvent, type ApprovalRequestEvent, type ApprovalResolvedEvent, type JsonlApprover, type JsonlApproverOptions } from './jsonl.js';
export { createTtyApprover, type TtyApprover, type TtyApproverOptions } from './tty.js';
export { createNoneApprover } from './none.js';
export { newRequest, type NewRequestInput } from './request.js';
export { createWebApprover, type WebApprover, type WebApproverOptions } from './web/server.js';
export { openWebApprover, type OpenedWebApprover, type OpenWebOptions } from './shared/open.js';
export { connectSharedApprover, type SharedApprover, type SharedClientOptions } from './shared/client.js';
export { startApprovalHub, type ApprovalHub, type HubOptions } from './shared/hub.js';
export { sharedSocketPath } from './shared/paths.js';

export type ApproverKind = 'tty' | 'jsonl' | 'web' | 'none';
export const APPROVER_KINDS: readonly ApproverKind[] = ['tty', 'jsonl', 'web', 'none'];

export interface CreateApproverOptions extends TtyApproverOptions {
  /** Required for "jsonl": writes one event object as a JSON line to the peer. */
  send?: JsonlApproverOptions['send'];
  /** "web": the port to listen on (default 0: a free port). */
  port?: number;
}

/** createApprover(kind, options): the Approver for --approver tty|jsonl|web|none (web: await `.ready` for its URL). */
export function createApprover(kind: 'jsonl', options: CreateApproverOptions): JsonlApprover;
export function createApprover(kind: 'tty', options?: CreateApproverOptions): TtyApprover;
export function createApprover(kind: 'web', options?: CreateApproverOptions): WebApprover;
export function createApprover(kind: ApproverKind, options?: CreateApproverOptions): Approver;
export function createApprover(kind: ApproverKind, options: CreateApproverOptions = {}): Approver {
  switch (kind) {
    case 'none':
      return createNoneApprover(options.now);
    case 'tty':
      return createTtyApprover(options);
    case 'jsonl': {
      if (!options.send) throw new ArgentError('INTERNAL', 'the jsonl approver needs a send function (the session\'s JSONL writer)');
      const { ttyPath: _t, tickMs: _k, keyDelayMs: _d, send, ...rest } = options;
      return createJsonlApprover({ ...rest, send });
    }
    case 'web': {
      // The caller awaits `.ready` for the URL (with its token) and prints it once.
      const { ttyPath: _t, tickMs: _k, keyDelayMs: _d, send: _s, ...rest } = options;
      return createWebApprover(rest);
    }
    default:
      throw new ArgentError('USAGE', `unknown approver ${JSON.stringify(kind)}`, { hint: `use one of: ${APPROVER_KINDS.join(', ')}` });
  }
}

/** The default approver: jsonl in --jsonl sessions, else tty (it rejects at once without a terminal). */
export function defaultApproverKind(jsonl: boolean): ApproverKind {
  return jsonl ? 'jsonl' : 'tty';
}
