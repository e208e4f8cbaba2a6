// The pipeline for one command, one call per stage: evaluate -> (approve) -> sandbox -> PTY, with an
// audit record written BEFORE each step acts (decision, approval, run.start) and after it ends.
import { randomBytes } from './util/random.js';
import type { ApprovalOutcome, ApprovalRequest, Approver } from './approval/types.js';
import type { AuditSink } from './audit/events.js';
import { ArgentError } from './errors.js';
import type { Evaluation, EvaluateOptions } from './policy/types.js';
import type { Profile } from './profile/profile.js';
import { findHostTools, type HostTools } from './sandbox/host.js';
import { planSandbox } from './sandbox/plan.js';
import { prepareLaunch } from './sandbox/prepare.js';
import { runInPty, type PtyRunOptions, type RunResult } from './sandbox/pty.js';

export type EvaluateFn = (command: string, profile: Profile, options: EvaluateOptions) => Evaluation;

/** The policy engine, loaded on first use (src/policy/evaluate.ts). Missing: fail closed. */
export async function loadEvaluate(): Promise<EvaluateFn> {
  try {
    const mod = await import('./policy/evaluate.js');
    return mod.evaluate;
  } catch (err) {
    throw new ArgentError('RUNNER_FAILED', `the policy engine could not be loaded: ${(err as Error).message}`, {
      hint: 'reinstall argent-run; no command runs without a policy decision',
      cause: err,
    });
  }
}

export interface GateOptions {
  profile: Profile;
  workdir: string;
  /** Where the command runs (a session's real cwd); default the working root. */
  cwd?: string;
  sessionId: string;
  commandId?: string;
  approver?: Approver;
  audit?: AuditSink;
  evaluate?: EvaluateFn;
  agent?: string;
  signal?: AbortSignal;
}

export interface GateResult {
  commandId: string;
  evaluation: Evaluation;
  /** True when the command may run (allowed, or approved). */
  allowed: boolean;
  /** Why it may not run ("blocked by toolPolicies.exec.blockedPatterns[1]: ..."), or null. */
  refusal: string | null;
  approval: ApprovalOutcome | null;
}

const noAudit: AuditSink = () => {};

/** Policy and approval for one command. Never runs anything. */
export async function gate(command: string, options: GateOptions): Promise<GateResult> {
  const audit = options.audit ?? noAudit;
  const commandId = options.commandId ?? randomBytes(6).toString('hex');
  const session = options.sessionId;
  const evaluate = options.evaluate ?? (await loadEvaluate());
  const cwd = options.cwd ?? options.workdir;
  const evaluation = evaluate(command, options.profile, { cwd, workdir: options.workdir });
  audit({ session, event: 'decision', commandId, command, evaluation });
  const strictest = evaluation.rules.find((r) => r.decision === evaluation.decision);
  const ruleKey = strictest ? ` (${strictest.key})` : '';
  if (evaluation.decision === 'blocked') {
    return { commandId, evaluation, allowed: false, refusal: `blocked by policy${ruleKey}: ${evaluation.reason}`, approval: null };
  }
  if (evaluation.decision === 'allow') return { commandId, evaluation, allowed: true, refusal: null, approval: null };
  const now = Date.now();
  const request: ApprovalRequest = {
    id: randomBytes(12).toString('base64url'),
    command,
    cwd,
    profile: evaluation.profile,
    profileRevision: evaluation.profileRevision,
    evaluation,
    sessionId: session,
    ...(options.agent !== undefined ? { agent: options.agent } : {}),
    requestedAt: now,
    expiresAt: now + options.profile.security.approvalTimeoutMs,
  };
  audit({ session, event: 'approval.request', commandId, request });
  const outcome: ApprovalOutcome = options.approver
    ? await options.approver.request(request, options.signal)
    : { requestId: request.id, approved: false, by: 'none', reason: 'no approver: approval is required and nobody can answer (no terminal)', decidedAt: Date.now() };
  audit({ session, event: 'approval.outcome', commandId, outcome, waitedMs: outcome.decidedAt - now });
  // SECURITY: an answer bound to another request does not count.
  const approved = outcome.approved && outcome.requestId === request.id;
  return {
    commandId,
    evaluation,
    allowed: approved,
    refusal: approved ? null : `approval required${ruleKey}: ${evaluation.reason}; not approved: ${outcome.reason}`,
    approval: outcome,
  };
}

/** A loaded profile, or a shipped name / file path to load (library callers). */
export async function resolveProfile(profile: Profile | string): Promise<Profile> {
  if (typeof profile !== 'string') return profile;
  const { loadProfile } = await import('./profile/load.js');
  return loadProfile(profile);
}

export interface RunCommandOptions extends Omit<GateOptions, 'profile'>, Omit<PtyRunOptions, 'timeoutMs'> {
  /** The profile, or a shipped profile name / path to a profile file. */
  profile: Profile | string;
  /** Run this argv instead of `bash -c command` (`argent-run -- argv...`); `command` is its quoted form. */
  argv?: string[];
  timeoutMs?: number;
  hostEnv?: Readonly<Record<string, string | undefined>>;
  /** Paths that must never be writable inside (the audit log). */
  protect?: string[];
  /** stty settings applied before the command starts (e.g. -echo, -onlcr for pipes). */
  ttyModes?: string[];
  tools?: HostTools;
}

export interface CommandResult extends RunResult {
  commandId: string;
  decision: Evaluation['decision'];
  evaluation: Evaluation;
  /** Set when the command did not run: why (exit code 126). */
  refusal: string | null;
}

function refused(g: GateResult): CommandResult {
  return {
    commandId: g.commandId,
    decision: g.evaluation.decision,
    evaluation: g.evaluation,
    refusal: g.refusal,
    exitCode: 126,
    signal: null,
    timedOut: false,
    limitHit: null,
    durationMs: 0,
    output: Buffer.alloc(0),
    outputBytes: 0,
    truncated: false,
  };
}

/** Runs one command through the whole pipeline: policy, approval, sandbox, PTY, audit. */
export async function runCommand(command: string, options: RunCommandOptions): Promise<CommandResult> {
  const audit = options.audit ?? noAudit;
  const hostEnv = options.hostEnv ?? process.env;
  const profile = await resolveProfile(options.profile);
  // The runner's own configuration is checked first: a bad working root is the caller's error (125).
  const tools = options.tools ?? findHostTools();
  const plan = planSandbox({ profile, workdir: options.workdir, hostEnv, protect: options.protect ?? [] });
  const g = await gate(command, { ...options, profile, workdir: plan.bwrap.workdir });
  if (!g.allowed) return refused(g);
  const argv = options.argv ?? ['bash', '--noprofile', '--norc', '-c', command];
  const prepared = prepareLaunch({ profile, workdir: plan.bwrap.workdir, tools, hostEnv, argv, protect: options.protect ?? [], ...(options.ttyModes ? { ttyModes: options.ttyModes } : {}) });
  const spec = prepared.spec;
  audit({ session: options.sessionId, event: 'run.start', commandId: g.commandId, command, cwd: spec.cwd, isolation: spec.isolation });
  const result = await runInPty(spec, { ...options, timeoutMs: options.timeoutMs ?? profile.sandbox.limits.timeoutSeconds * 1000 }).finally(() => prepared.release());
  audit({
    session: options.sessionId,
    event: 'run.end',
    commandId: g.commandId,
    exitCode: result.exitCode,
    signal: result.signal,
    timedOut: result.timedOut,
    limitHit: result.limitHit,
    durationMs: result.durationMs,
    outputBytes: result.outputBytes,
    truncated: result.truncated,
  });
  return { ...result, commandId: g.commandId, decision: g.evaluation.decision, evaluation: g.evaluation, refusal: null };
}
