// The mode a tool runs under: its own toolPolicies.<tool>.mode, else what security.mode implies.
import type { Profile } from '../profile/profile.js';
import type { Decision, RuleMatch } from './types.js';

export interface ToolModeResult {
  rule: RuleMatch;
  /** True when the sandboxed mode's "destructive operations need approval" applies. */
  destructiveNeedsApproval: boolean;
}

const fromToolMode: Record<string, Decision> = { allowed: 'allow', 'approval-required': 'approval-required', blocked: 'blocked' };

export function toolMode(profile: Profile, tool: string): ToolModeResult {
  const own = profile.toolPolicies[tool]?.mode;
  if (own !== undefined) {
    return {
      rule: { key: `toolPolicies.${tool}.mode`, decision: fromToolMode[own]!, detail: `toolPolicies.${tool}.mode is "${own}"` },
      destructiveNeedsApproval: false,
    };
  }
  const mode = profile.security.mode;
  if (mode === 'locked' && (tool === 'exec' || tool === 'browser')) {
    return { rule: { key: 'security.mode', decision: 'blocked', detail: `security.mode "locked" blocks the ${tool} tool` }, destructiveNeedsApproval: false };
  }
  return {
    rule: { key: 'security.mode', decision: 'allow', detail: `security.mode "${mode}" allows the ${tool} tool` },
    destructiveNeedsApproval: mode === 'sandboxed',
  };
}
