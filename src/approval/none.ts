// The approver used when nobody can answer: every approval-required command is rejected at once.
import type { ApprovalOutcome, ApprovalRequest, Approver } from './types.js';

/** Rejects every request immediately with "no approver configured". */
export function createNoneApprover(now: () => number = Date.now): Approver {
  return {
    kind: 'none',
    request: async (req: ApprovalRequest): Promise<ApprovalOutcome> => ({
      requestId: req.id,
      approved: false,
      by: 'none',
      reason: 'no approver configured',
      decidedAt: now(),
    }),
  };
}
