// The effective profile: every `extends` merged in and every default filled, so the stages after
// loading never have to ask "what does absent mean here?".
import type { SecurityMode, ToolPolicy } from './schema.js';

export interface EffectiveLimits {
  processes: number;
  memoryMb: number;
  fileSizeMb: number;
  cpuSeconds: number;
  openFiles: number;
  timeoutSeconds: number;
}

export interface Profile {
  /** The name it was asked for by (shipped name, or the file path). */
  name: string;
  /** Every file that contributed, parents first: the files a live session watches. */
  sources: string[];
  /** A short hash of the effective content: an approval is bound to one revision. */
  revision: string;
  description?: string;
  security: { mode: SecurityMode; approvalTimeoutMs: number };
  toolPolicies: Record<string, ToolPolicy>;
  sandbox: {
    isolation: 'bwrap' | 'none';
    network: 'none' | 'host';
    envAllow: string[];
    limits: EffectiveLimits;
  };
}

export const DEFAULT_APPROVAL_TIMEOUT_MS = 300_000;

export const DEFAULT_LIMITS: EffectiveLimits = {
  processes: 256,
  memoryMb: 4096,
  fileSizeMb: 1024,
  cpuSeconds: 600,
  openFiles: 1024,
  timeoutSeconds: 600,
};
