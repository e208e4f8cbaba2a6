// The JSONL approver: in `--jsonl` sessions the agent framework's own UI answers. An
// `approval_request` event goes out through `send`; the session hands every inbound line to
// `handleMessage`, and `{"type":"approval","requestId":..,"approve":..,"by":..}` comes back in.
import { ApprovalBroker, type BrokerOptions } from './broker.js';
import type { ApprovalOutcome, ApprovalRequest, Approver } from './types.js';

/** The event sent to the peer for each request (one JSON line). */
export interface ApprovalRequestEvent {
  type: 'approval_request';
  requestId: string;
  command: string;
  cwd: string;
  profile: string;
  profileRevision: string;
  sessionId: string;
  agent?: string;
  decision: string;
  reason: string;
  rules: ApprovalRequest['evaluation']['rules'];
  paths: ApprovalRequest['evaluation']['paths'];
  requestedAt: number;
  expiresAt: number;
  timeoutMs: number;
}

/** Sent when a request is decided, whoever decided it (so a peer's dialog closes on timeout too). */
export interface ApprovalResolvedEvent {
  type: 'approval_resolved';
  requestId: string;
  approved: boolean;
  by: string;
  reason: string;
  rememberForSession?: boolean;
  decidedAt: number;
}

export interface JsonlApproverOptions extends Omit<BrokerOptions, 'onSettled'> {
  send: (event: ApprovalRequestEvent | ApprovalResolvedEvent) => void;
}

export interface JsonlApprover extends Approver {
  readonly kind: 'jsonl';
  /** Takes one inbound line (string or parsed); true if it was an approval message (applied or not). */
  handleMessage(message: unknown): boolean;
  readonly broker: ApprovalBroker;
}

// SECURITY: "by" is chosen by the peer and ends up in the log and on terminals: keep it short and printable.
function cleanBy(by: unknown): string {
  return typeof by === 'string' && by !== '' ? `jsonl:${by.replace(/[^\x20-\x7e]/g, '?').slice(0, 100)}` : 'jsonl';
}

/** Builds the request event a peer sees. */
export function toRequestEvent(req: ApprovalRequest): ApprovalRequestEvent {
  const e = req.evaluation;
  return {
    type: 'approval_request',
    requestId: req.id,
    command: req.command,
    cwd: req.cwd,
    profile: req.profile,
    profileRevision: req.profileRevision,
    sessionId: req.sessionId,
    ...(req.agent !== undefined ? { agent: req.agent } : {}),
    decision: e.decision,
    reason: e.reason,
    rules: e.rules,
    paths: e.paths,
    requestedAt: req.requestedAt,
    expiresAt: req.expiresAt,
    timeoutMs: req.expiresAt - req.requestedAt,
  };
}

/** An approver whose answers come from the JSONL peer. */
export function createJsonlApprover(options: JsonlApproverOptions): JsonlApprover {
  const { send, ...brokerOptions } = options;
  const broker = new ApprovalBroker({
    ...brokerOptions,
    onSettled: (_req, o: ApprovalOutcome) =>
      send({ type: 'approval_resolved', requestId: o.requestId, approved: o.approved, by: o.by, reason: o.reason, ...(o.rememberForSession ? { rememberForSession: true } : {}), decidedAt: o.decidedAt }),
  });
  const ignore = (requestId: string, reason: string) => {
    options.audit?.({ session: options.session ?? '', event: 'approval.ignored', requestId, reason });
    return true;
  };
  return {
    kind: 'jsonl',
    broker,
    request(req, signal) {
      const outcome = broker.open(req, signal);
      if (broker.isPending(req.id)) send(toRequestEvent(req));
      return outcome;
    },
    handleMessage(message) {
      let msg = message;
      if (typeof msg === 'string') {
        try {
          msg = JSON.parse(msg);
        } catch {
          return false;
        }
      }
      if (typeof msg !== 'object' || msg === null || (msg as { type?: unknown }).type !== 'approval') return false;
      const m = msg as Record<string, unknown>;
      const requestId = typeof m.requestId === 'string' ? m.requestId : '';
      // SECURITY: only a literal boolean approves; "yes", 1 or a missing field never does.
      if (requestId === '' || typeof m.approve !== 'boolean') {
        return ignore(requestId, 'malformed approval message: needs {"type":"approval","requestId":"..","approve":true|false}');
      }
      const str = (k: string) => (typeof m[k] === 'string' ? (m[k] as string) : undefined);
      broker.answer({
        requestId,
        approve: m.approve,
        by: cleanBy(m.by),
        rememberForSession: m.forSession === true,
        ...(str('command') !== undefined ? { command: str('command') } : {}),
        ...(str('cwd') !== undefined ? { cwd: str('cwd') } : {}),
        ...(str('profileRevision') !== undefined ? { profileRevision: str('profileRevision') } : {}),
      });
      return true;
    },
    close() {
      broker.closeAll();
    },
  };
}
