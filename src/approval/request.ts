// Building an ApprovalRequest from an Evaluation: a random id and the expiry from the profile's
// security.approvalTimeoutMs, so every channel sees the same deadline.
import { randomBytes } from '../util/random.js';
import type { Evaluation } from '../policy/types.js';
import type { ApprovalRequest } from './types.js';

export interface NewRequestInput {
  command: string;
  evaluation: Evaluation;
  sessionId: string;
  agent?: string;
  /** security.approvalTimeoutMs of the profile the evaluation was made under. */
  timeoutMs: number;
  now?: number;
}

/** A request bound to the evaluation's cwd, profile and revision, with an unguessable id. */
export function newRequest(input: NewRequestInput): ApprovalRequest {
  const requestedAt = input.now ?? Date.now();
  return {
    // SECURITY: unguessable, so a peer or web page cannot answer a request it was never shown.
    id: randomBytes(12).toString('base64url'),
    command: input.command,
    cwd: input.evaluation.cwd,
    profile: input.evaluation.profile,
    profileRevision: input.evaluation.profileRevision,
    evaluation: input.evaluation,
    sessionId: input.sessionId,
    ...(input.agent !== undefined ? { agent: input.agent } : {}),
    requestedAt,
    expiresAt: requestedAt + input.timeoutMs,
  };
}
