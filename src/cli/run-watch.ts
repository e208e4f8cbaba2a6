// Live profiles for argent-run sessions: a valid edit decides the next command; an invalid, unsafe or
// deleted file keeps the last good profile; the caller is told either way (and the audit log records it).
import type { ProfileWatcher } from '../profile/watch.js';
import type { RunContext } from './run-context.js';

/** Keys whose change cannot reach a running session's sandbox (its mounts and limits are fixed at start). */
const sandboxKeys = /^(sandbox(\.|$)|toolPolicies\.exec\.allowedPaths)/;

export async function watchContextProfile(
  ctx: RunContext,
  tell: (message: string, event: Record<string, unknown>) => void,
): Promise<ProfileWatcher> {
  const { watchProfile } = await import('../profile/watch.js');
  const watcher = watchProfile(
    ctx.profile,
    (change) => {
      if (change.kind === 'reload') {
        const fixed = change.changed.filter((k) => sandboxKeys.test(k));
        const note = fixed.length > 0 ? `; ${fixed.join(', ')} apply to the policy now and to the sandbox after a restart` : '';
        tell(`profile ${change.profile.name} reloaded (revision ${change.profile.revision}): ${change.changed.join(', ')}${note}`, {
          event: 'reload',
          revision: change.profile.revision,
          changed: change.changed,
        });
      } else if (change.kind === 'reload_failed') {
        tell(`profile change refused, keeping revision ${change.kept.revision}:\n  ${change.errors.join('\n  ')}`, { event: 'reload_failed', errors: change.errors });
      } else {
        tell(`profile file deleted (${change.files.join(', ')}), keeping revision ${change.kept.revision}`, { event: 'deleted', files: change.files });
      }
    },
    { audit: ctx.audit, session: ctx.sessionId, check: ctx.checkProfile },
  );
  await watcher.ready;
  return watcher;
}
