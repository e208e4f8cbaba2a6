// The contract between the runner and whoever answers approvals (tty prompt, JSONL peer, web page,
// or nobody). A request carries everything a person needs to decide; an outcome is bound to it.
import type { Evaluation } from '../policy/types.js';

export interface ApprovalRequest {
  /** Unique per request (random); an answer naming another id does not apply. */
  id: string;
  command: string;
  cwd: string;
  profile: string;
  profileRevision: string;
  evaluation: Evaluation;
  sessionId: string;
  agent?: string;
  /** Epoch ms when it was asked and when it expires (auto-reject). */
  requestedAt: number;
  expiresAt: number;
}

export interface ApprovalOutcome {
  requestId: string;
  approved: boolean;
  /** Who decided: "tty", "jsonl:<by>", "web:<name>", "timeout", "none". */
  by: string;
  /** Why, for the log and the caller: "rejected by user", "approval timed out", "no approver". */
  reason: string;
  /** Grant this exact command (same cwd, same profile revision) for the rest of the session. */
  rememberForSession?: boolean;
  decidedAt: number;
}

export interface Approver {
  readonly kind: 'tty' | 'jsonl' | 'web' | 'none';
  /** Resolves exactly once, with a rejection when the request expires. Never rejects the promise. */
  request(req: ApprovalRequest, signal?: AbortSignal): Promise<ApprovalOutcome>;
  close?(): Promise<void> | void;
}
