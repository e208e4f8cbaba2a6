// Every event the audit log records: one union, so a reader of the log knows every shape it can meet.
import type { ApprovalOutcome, ApprovalRequest } from '../approval/types.js';
import type { Evaluation } from '../policy/types.js';

interface Base {
  /** Session id (one per argent-run process or library session). */
  session: string;
}

export type AuditEvent =
  | (Base & { event: 'profile.load'; profile: string; revision: string; sources: string[]; origin: string })
  | (Base & { event: 'profile.reload'; profile: string; revision: string; previousRevision: string; changed: string[] })
  | (Base & { event: 'profile.reload_failed'; profile: string; keptRevision: string; errors: string[] })
  | (Base & { event: 'decision'; commandId: string; command: string; evaluation: Evaluation })
  | (Base & { event: 'approval.request'; commandId: string; request: ApprovalRequest })
  | (Base & { event: 'approval.outcome'; commandId: string; outcome: ApprovalOutcome; waitedMs: number })
  | (Base & { event: 'approval.ignored'; requestId: string; reason: string })
  | (Base & { event: 'run.start'; commandId: string; command: string; cwd: string; isolation: string; pid?: number })
  | (Base & {
      event: 'run.end';
      commandId: string;
      exitCode: number;
      signal: string | null;
      timedOut: boolean;
      limitHit: string | null;
      durationMs: number;
      outputBytes: number;
      truncated: boolean;
    })
  | (Base & { event: 'error'; code: string; message: string; commandId?: string });

export type AuditSink = (event: AuditEvent) => void;
