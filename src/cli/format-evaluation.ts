// An Evaluation for people (argent security test) and for machines (--json).
import type { Evaluation } from '../policy/types.js';

const labels = { allow: 'ALLOWED', 'approval-required': 'APPROVAL REQUIRED', blocked: 'BLOCKED' } as const;

/** The JSON object `argent security test --json` prints. */
export function evaluationJson(e: Evaluation): Record<string, unknown> {
  return {
    decision: e.decision,
    tool: e.tool,
    rules: e.rules.map((r) => ({ key: r.key, decision: r.decision, detail: r.detail })),
    reason: e.reason,
    paths: e.paths.map((p) => ({ arg: p.arg, resolved: p.resolved, inside: p.inside, access: p.access, command: p.command })),
    profile: e.profile,
    profileRevision: e.profileRevision,
    cwd: e.cwd,
  };
}

export function evaluationText(command: string, e: Evaluation): string {
  const deciding = e.rules.filter((r) => r.decision === e.decision);
  const others = e.rules.filter((r) => r.decision !== e.decision);
  const lines = [`${labels[e.decision]}: ${command.includes('\n') ? `${command.split('\n')[0]} ...` : command}`];
  lines.push(`  reason:  ${e.reason}`);
  for (const r of deciding) lines.push(`  rule:    ${r.key}: ${r.detail}`);
  for (const r of others) lines.push(`  also:    ${r.key} (${r.decision}): ${r.detail}`);
  if (e.paths.length > 0) {
    lines.push('  paths:');
    for (const p of e.paths) lines.push(`    ${p.inside ? 'inside ' : 'OUTSIDE'} ${p.access.padEnd(5)} ${p.resolved}  (${p.command} "${p.arg}")`);
  }
  lines.push(`  profile: ${e.profile} (revision ${e.profileRevision}), tool ${e.tool}, cwd ${e.cwd}`);
  return lines.join('\n');
}
