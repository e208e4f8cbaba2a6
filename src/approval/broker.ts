// The broker owns pending approval requests for one session: it gives each exactly one outcome
// (an answer, the timeout, or cancellation), ignores and audits late, duplicate and mismatched
// answers, and remembers "approve for this session" grants for the exact command+cwd+revision.
// Every channel (tty, jsonl, web) is a front end to a broker; none of them decides on its own.
import type { AuditSink } from '../audit/events.js';
import type { ApprovalOutcome, ApprovalRequest } from './types.js';

/** An answer from a person or a peer, before it is checked against the pending request. */
export interface ApprovalAnswer {
  requestId: string;
  approve: boolean;
  /** Who answered, already prefixed by the channel ("tty", "jsonl:alice", "web:bob"). */
  by: string;
  rememberForSession?: boolean;
  /** When given, must equal the request's: an answer given for another command does not apply. */
  command?: string;
  cwd?: string;
  profileRevision?: string;
  reason?: string;
}

export type AnswerResult = { applied: true; outcome: ApprovalOutcome } | { applied: false; reason: string };

interface Pending {
  request: ApprovalRequest;
  resolve: (outcome: ApprovalOutcome) => void;
  timer: NodeJS.Timeout;
  detach: () => void;
}

export interface BrokerOptions {
  /** Receives approval.ignored events (the runner records approval.request and approval.outcome). */
  audit?: AuditSink;
  session?: string;
  now?: () => number;
  /** Called once per settled request (channels use it to close a prompt or tell a peer). */
  onSettled?: (request: ApprovalRequest, outcome: ApprovalOutcome) => void;
}

// How many decided ids we remember, to tell "late or duplicate" apart from "unknown" in the log.
const DECIDED_MEMORY = 1000;

/** The exact thing a session grant covers: the session, the command, where it runs, and under which profile revision. */
export function grantKey(req: Pick<ApprovalRequest, 'sessionId' | 'command' | 'cwd' | 'profileRevision'>): string {
  // SECURITY: the session is part of the key: a broker shared by several sessions (the shared
  // approval page) must never let one session's grant approve another session's command.
  return JSON.stringify([req.sessionId, req.command, req.cwd, req.profileRevision]);
}

export class ApprovalBroker {
  private readonly pendingById = new Map<string, Pending>();
  private readonly decided = new Map<string, ApprovalOutcome>();
  private readonly grants = new Map<string, ApprovalOutcome>();
  private readonly now: () => number;

  constructor(private readonly options: BrokerOptions = {}) {
    this.now = options.now ?? Date.now;
  }

  /** Registers a request; the promise resolves exactly once and never rejects. */
  open(request: ApprovalRequest, signal?: AbortSignal): Promise<ApprovalOutcome> {
    if (this.pendingById.has(request.id) || this.decided.has(request.id)) {
      // SECURITY: a reused id could let an old answer apply to a new command; refuse the new request.
      return Promise.resolve(this.outcome(request, false, 'argent', 'duplicate approval request id'));
    }
    const grant = this.grants.get(grantKey(request));
    if (grant) {
      const outcome = this.outcome(request, true, grant.by, `approved for this session earlier (request ${grant.requestId})`, true);
      this.remember(request, outcome);
      return Promise.resolve(outcome);
    }
    return new Promise((resolve) => {
      // abort('why') names the reason (e.g. the session behind a shared page ended); abort() is a plain cancel.
      const onAbort = () => this.settle(request.id, this.outcome(request, false, 'argent', typeof signal?.reason === 'string' ? signal.reason : 'approval cancelled'));
      const timer = setTimeout(() => this.settle(request.id, this.outcome(request, false, 'timeout', 'approval timed out')), Math.max(0, request.expiresAt - this.now()));
      signal?.addEventListener('abort', onAbort, { once: true });
      this.pendingById.set(request.id, { request, resolve, timer, detach: () => signal?.removeEventListener('abort', onAbort) });
      if (signal?.aborted) onAbort();
    });
  }

  /** Applies an answer if it names a pending request and matches it exactly; otherwise audits why not. */
  answer(answer: ApprovalAnswer): AnswerResult {
    const pending = this.pendingById.get(answer.requestId);
    let why: string | undefined;
    if (!pending) {
      const earlier = this.decided.get(answer.requestId);
      why = earlier
        ? `request already decided (${earlier.approved ? 'approved' : 'rejected'} by ${earlier.by}: ${earlier.reason}); late or duplicate answer from ${answer.by}`
        : `no such pending request; answer from ${answer.by}`;
    } else {
      // SECURITY: an answer is bound to what the person saw; if the command, cwd or profile changed, it does not apply.
      const r = pending.request;
      const mismatch = (['command', 'cwd', 'profileRevision'] as const).filter((k) => answer[k] !== undefined && answer[k] !== r[k]);
      if (mismatch.length > 0) why = `answer from ${answer.by} does not match the request (${mismatch.join(', ')} differ)`;
    }
    if (why !== undefined) {
      this.options.audit?.({ session: this.options.session ?? pending?.request.sessionId ?? '', event: 'approval.ignored', requestId: answer.requestId, reason: why });
      return { applied: false, reason: why };
    }
    const req = pending!.request;
    const remember = answer.approve && answer.rememberForSession === true;
    const reason = answer.reason ?? (answer.approve ? (remember ? 'approved for this session' : 'approved') : 'rejected by user');
    const outcome = this.outcome(req, answer.approve, answer.by, reason, remember);
    if (remember) this.grants.set(grantKey(req), outcome);
    this.settle(req.id, outcome);
    return { applied: true, outcome };
  }

  /** True while a request waits for an answer (false once decided, or when a session grant answered it). */
  isPending(id: string): boolean {
    return this.pendingById.has(id);
  }

  /** Requests still waiting, oldest first (for prompts and the web page). */
  pending(): ApprovalRequest[] {
    return [...this.pendingById.values()].map((p) => p.request);
  }

  /** Rejects every pending request (session end). */
  closeAll(reason = 'session ended'): void {
    for (const p of [...this.pendingById.values()]) this.settle(p.request.id, this.outcome(p.request, false, 'argent', reason));
  }

  private outcome(req: ApprovalRequest, approved: boolean, by: string, reason: string, remember = false): ApprovalOutcome {
    return { requestId: req.id, approved, by, reason, ...(remember ? { rememberForSession: true } : {}), decidedAt: this.now() };
  }

  private settle(id: string, outcome: ApprovalOutcome): void {
    const pending = this.pendingById.get(id);
    if (!pending) return; // exactly one outcome: whoever comes second finds nothing to settle
    this.pendingById.delete(id);
    clearTimeout(pending.timer);
    pending.detach();
    this.remember(pending.request, outcome);
    this.options.onSettled?.(pending.request, outcome);
    pending.resolve(outcome);
  }

  private remember(request: ApprovalRequest, outcome: ApprovalOutcome): void {
    this.decided.set(request.id, outcome);
    if (this.decided.size > DECIDED_MEMORY) this.decided.delete(this.decided.keys().next().value as string);
  }
}
