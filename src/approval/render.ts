// The text a person reads before deciding: command, cwd, profile, who asked, the rules that matched
// and why, the resolved paths. Shared by the tty prompt (and any other text channel).
import { printable } from '../audit/pretty.js';
import type { ApprovalRequest } from './types.js';

/** "4:59" for the time left; "0:00" once expired. */
export function formatCountdown(msLeft: number): string {
  const s = Math.max(0, Math.ceil(msLeft / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** The request as lines of plain text (control characters escaped). */
export function describeRequest(req: ApprovalRequest): string[] {
  const e = req.evaluation;
  // SECURITY: every agent-supplied string goes through printable(): an escape sequence in a command
  // must not be able to redraw the prompt (e.g. hide `rm -rf ~` behind a harmless-looking line).
  const p = printable;
  const lines = [
    `command : ${p(req.command)}`,
    `cwd     : ${p(req.cwd)}`,
    `profile : ${p(req.profile)} (revision ${p(req.profileRevision)})`,
    `asked by: session ${p(req.sessionId)}${req.agent !== undefined ? `, agent ${p(req.agent)}` : ''}`,
    `why     : ${p(e.reason)}`,
  ];
  const rules = e.rules.filter((r) => r.decision !== 'allow');
  if (rules.length > 0) {
    lines.push('rules   :');
    for (const r of rules) lines.push(`  - [${r.decision}] ${p(r.key)}: ${p(r.detail)}`);
  }
  if (e.paths.length > 0) {
    lines.push('paths   :');
    for (const a of e.paths) lines.push(`  - ${a.access.padEnd(5)} ${p(a.resolved)}${a.inside ? '' : '  (outside allowed paths)'}  [${p(a.command)} ${p(a.arg)}]`);
  }
  return lines;
}
