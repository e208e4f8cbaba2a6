// Where the audit log lives: an explicit option, then ARGENT_AUDIT_LOG, then the XDG state directory.
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

/** $XDG_STATE_HOME/argent/audit.log, else ~/.local/state/argent/audit.log (XDG: relative values are ignored). */
export function defaultAuditLogPath(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  const state = env.XDG_STATE_HOME && isAbsolute(env.XDG_STATE_HOME) ? env.XDG_STATE_HOME : join(home, '.local', 'state');
  return join(state, 'argent', 'audit.log');
}

/** The audit log path chosen by an option (e.g. --audit-log), ARGENT_AUDIT_LOG, or the default. */
export function chooseAuditLogPath(option: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (option !== undefined && option !== '') return resolve(option);
  if (env.ARGENT_AUDIT_LOG !== undefined && env.ARGENT_AUDIT_LOG !== '') return resolve(env.ARGENT_AUDIT_LOG);
  return defaultAuditLogPath(env);
}
