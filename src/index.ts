// argent-run's public API. Everything a program needs to decide, approve, run and audit agent
// commands; the CLIs (`argent`, `argent-run`) are thin layers over these.

/** The error family: every failure has a stable `code` and an `exitCode`. */
export { ArgentError, EXIT, isArgentError, type ErrorCode } from './errors.js';

/** Profiles: load by shipped name or path (following `extends`), the resolution order, the schema. */
export { loadProfile, loadChosenProfile, readProfileFile } from './profile/load.js';
export { chooseProfile, shippedProfileNames, userConfigPath, DEFAULT_PROFILE, type ProfileChoice } from './profile/locate.js';
export type { Profile, EffectiveLimits } from './profile/profile.js';
export { profileFileSchema, type ProfileFile, type ToolPolicy, type SecurityMode, type ToolMode } from './profile/schema.js';
/** Live profiles: reload on valid edits, keep the last good one otherwise. */
export { watchProfile, type ProfileChange, type ProfileWatcher, type WatchOptions } from './profile/watch.js';
/** Refuse profiles that another user or the sandboxed command could edit. */
export { assertProfileSafe, type SafetyOptions } from './profile/safety.js';

/** The policy engine: evaluate(command, profile, { cwd }) -> Evaluation (pure apart from resolving paths). */
export { evaluate } from './policy/evaluate.js';
export type { Decision, Evaluation, EvaluateOptions, PathAccess, RuleMatch } from './policy/types.js';
export { destructiveRules as destructiveOperations, type DestructiveRule } from './policy/destructive.js';

/** The parse stage on its own: every simple command a script would run. */
export { parseScript } from './parse/index.js';
export type { ParsedScript, SimpleCommand, Word, Unknown, UnknownKind } from './parse/types.js';

/** Running commands: one-shot, or a persistent sandboxed shell session. */
export { runCommand, gate, type RunCommandOptions, type CommandResult, type GateOptions, type GateResult } from './run.js';
export { startSession, Session, type SessionOptions, type SessionRunOptions, type SessionResult } from './session/session.js';
export type { RunResult } from './sandbox/pty.js';

/** Approvals and the audit log. */
export { createApprover, newRequest, type ApproverKind, type CreateApproverOptions } from './approval/index.js';
export type { Approver, ApprovalOutcome, ApprovalRequest } from './approval/types.js';
export { openAuditLog, type AuditLog, type AuditLogOptions } from './audit/index.js';
export type { AuditEvent, AuditSink } from './audit/events.js';
