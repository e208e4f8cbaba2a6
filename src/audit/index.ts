// The audit stage's public entry point: the runner opens one log and passes `log.record` as its AuditSink.
export type { AuditEvent, AuditSink } from './events.js';
/** openAuditLog(options): AuditLog, whose `.record(event)` is an AuditSink (synchronous, redacted JSON lines). */
export { openAuditLog, eventLevel, LOG_LEVELS, type AuditLog, type AuditLogOptions, type LogLevel } from './log.js';
/** Where the log lives: option, ARGENT_AUDIT_LOG, $XDG_STATE_HOME/argent/audit.log. */
export { chooseAuditLogPath, defaultAuditLogPath } from './paths.js';
/** Secret redaction (already applied by the log; exported for other outputs such as the approval page). */
export { redact, redactString, isSecretName, REDACTED } from './redact.js';
/** Audit records for people, as `argent logs` prints them. */
export { formatRecord, printable, type AuditRecord } from './pretty.js';
