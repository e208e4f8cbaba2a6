// What every argent-run mode needs before the first command: the profile, the working root, the host
// tools, the audit log (recorded synchronously) and the approver. Heavy modules load lazily here.
import { randomBytes } from '../util/random.js';
import { dirname, resolve } from 'node:path';
import type { Approver } from '../approval/types.js';
import type { AuditSink } from '../audit/events.js';
import { ArgentError } from '../errors.js';
import type { Profile } from '../profile/profile.js';
import { findHostTools, type HostTools } from '../sandbox/host.js';
import type { RunArgs } from './run-args.js';

export interface RunContext {
  profile: Profile;
  workdir: string;
  sessionId: string;
  tools: HostTools;
  audit: AuditSink;
  /** Files that must stay read-only inside the sandbox (the audit log and its folder). */
  protect: string[];
  approver: Approver;
  /** Refuses (PROFILE_UNSAFE) a profile another user or the sandboxed command could edit. */
  checkProfile(profile: Profile): void;
  close(): void;
}

export interface ContextHooks {
  /** For --jsonl: how approval events reach the peer. */
  send?: (event: unknown) => void;
}

/** An Approver that loads the real one on first use. */
function lazyApprover(kind: Approver['kind'], make: () => Promise<Approver>): Approver {
  let real: Promise<Approver> | undefined;
  return {
    kind,
    request: async (req, signal) => (await (real ??= make())).request(req, signal),
    close: async () => {
      if (real) await (await real).close?.();
    },
  };
}

/**
 * The profile safety check for this working root. SECURITY: the sandbox mounts every profile file
 * read-only over its writable paths, so inside an allowedPath a profile is still out of the command's
 * reach; without namespaces (isolation "none", unrestricted mode only) nothing is, which the README says.
 */
async function profileChecker(workdir: string): Promise<(profile: Profile) => void> {
  const { assertProfileSafe } = await import('../profile/safety.js');
  const { expandAllowedPaths } = await import('../sandbox/plan.js');
  const home = process.env.HOME ?? '/root';
  return (profile) => {
    const writable = profile.sandbox.isolation === 'none' ? [] : [workdir, ...expandAllowedPaths(profile.toolPolicies.exec?.allowedPaths ?? [], workdir, home)];
    assertProfileSafe(profile, { allowedPaths: writable, uid: process.getuid?.() ?? 0, readOnlyInside: profile.sources });
  };
}

/** Loads the profile, opens the audit log and builds the approver. Throws ArgentError with the fix. */
export async function openContext(args: RunArgs, hooks: ContextHooks = {}): Promise<RunContext> {
  const { loadChosenProfile } = await import('../profile/load.js');
  const { profile, choice } = loadChosenProfile(args.profile);
  const workdir = resolve(args.workdir ?? process.cwd());
  const checkProfile = await profileChecker(workdir);
  checkProfile(profile);
  const tools = findHostTools();
  const sessionId = randomBytes(6).toString('hex');
  const { openAuditLog } = await import('../audit/index.js');
  const log = openAuditLog({
    ...(args.auditLog ? { path: args.auditLog } : {}),
    ...(args.logLevel ? { stderrLevel: args.logLevel as never } : {}),
  });
  log.record({ session: sessionId, event: 'profile.load', profile: profile.name, revision: profile.revision, sources: profile.sources, origin: choice.origin });
  const kind = (args.approver ?? (args.jsonl ? 'jsonl' : 'tty')) as 'tty' | 'jsonl' | 'web' | 'none';
  if (kind === 'jsonl' && !hooks.send) {
    throw new ArgentError('USAGE', '--approver jsonl needs a --jsonl session, found a one-shot command', { hint: 'use --approver tty or none with -c' });
  }
  if (!['tty', 'jsonl', 'web', 'none'].includes(kind)) {
    throw new ArgentError('USAGE', `expected --approver tty, jsonl, web or none, found ${JSON.stringify(kind)}`, { hint: 'run `argent-run --help` for the options' });
  }
  const make = async (): Promise<Approver> => {
    if (kind === 'web') {
      // The shared page (`argent approvals serve`) when one runs, else our own; its URL is printed once.
      const { openWebApprover } = await import('../approval/index.js');
      const web = await openWebApprover({ audit: log.record, session: sessionId });
      process.stderr.write(web.shared ? `argent-run: approvals go to the shared approval page (argent approvals serve, ${web.socketPath})\n` : `argent-run: approval page: ${web.url}\n`);
      return web.approver;
    }
    const { createApprover } = await import('../approval/index.js');
    return createApprover(kind, { audit: log.record, session: sessionId, ...(hooks.send ? { send: hooks.send as never } : {}) });
  };
  // Sessions answer approval messages at any time, so they build the approver now; a one-shot command
  // loads the approval stage only when its command needs approval (startup time).
  const approver = args.mode === 'session' ? await make() : lazyApprover(kind, make);
  return {
    profile,
    workdir,
    sessionId,
    tools,
    audit: log.record,
    protect: [log.path, dirname(log.path)],
    approver,
    checkProfile,
    close: () => {
      void approver.close?.();
      log.close();
    },
  };
}
