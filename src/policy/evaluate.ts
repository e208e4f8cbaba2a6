// evaluate(): the policy engine's one entry point. parse -> resolve -> match -> decide, strictest wins.
// Pure apart from reading the filesystem to resolve symlinks and see which targets exist.
import { homedir } from 'node:os';
import { posix } from 'node:path';
import { parseScript } from '../parse/index.js';
import type { Profile } from '../profile/profile.js';
import { resolveScript } from '../resolve/index.js';
import { checkPaths, expandAllowedPaths } from './allowed-paths.js';
import { domainRules } from './domains.js';
import { destructiveRules, literalPatternRules, normalizeAll, patternRules, unknownRules } from './exec-rules.js';
import { sessionStateRules } from './session-state.js';
import { impliedPermissionCommands } from './creation-modes.js';
import { hiddenCodeRules } from './hidden-code.js';
import { envCodeRules } from './env-vars.js';
import { toolMode } from './modes.js';
import { unknownRunnerRules } from './unknown-runners.js';
import { compilePattern } from './patterns.js';
import { decisionRank, type Decision, type EvaluateOptions, type Evaluation, type PathAccess, type RuleMatch } from './types.js';

function execRules(command: string, profile: Profile, cwd: string, workdir: string, home: string, destructiveNeedsApproval: boolean) {
  const keyBase = 'toolPolicies.exec';
  const policy = profile.toolPolicies.exec ?? {};
  const patterns = policy.blockedPatterns ?? [];
  const script = parseScript(command, { vars: { HOME: home, PWD: cwd } });
  const resolved = resolveScript(script, { cwd, home });
  const roots = policy.allowedPaths === undefined ? undefined : expandAllowedPaths(policy.allowedPaths, workdir, home);
  const { accesses, rules } = checkPaths(resolved, roots, keyBase);
  const commands = normalizeAll(script, home);
  // `mkdir -m 777 d` is judged as `chmod 777 d` too, by the patterns and the destructive list.
  const permissionViews = [...commands, ...impliedPermissionCommands(commands, home)];
  const unparseable = script.unknowns.some((u) => u.kind === 'unparseable');
  if (policy.patternMatching === 'literal' || unparseable) rules.push(...literalPatternRules(patterns, command, keyBase));
  if (policy.patternMatching !== 'literal') {
    const compiled = patterns.map((p, i) => compilePattern(p, i, home));
    rules.push(...patternRules(compiled, script, permissionViews, resolved, keyBase));
    rules.push(...unknownRunnerRules(compiled, commands, home, profile.security.mode === 'locked'));
  }
  // Unknowns only matter where there is something to check: rules, or the sandboxed mode's approvals.
  const checking = patterns.length > 0 || roots !== undefined || destructiveNeedsApproval;
  if (checking) {
    rules.push(...unknownRules(script, profile.security.mode === 'locked'));
    rules.push(...hiddenCodeRules(script, commands, resolved, profile.security.mode === 'locked'));
    rules.push(...envCodeRules(script, profile.security.mode === 'locked'));
  }
  if (destructiveNeedsApproval) rules.push(...destructiveRules(permissionViews, resolved));
  rules.push(...sessionStateRules(script, commands));
  return { rules, paths: accesses };
}

function strictest(rules: RuleMatch[]): { decision: Decision; reason: string } {
  let top: RuleMatch | undefined;
  for (const r of rules) if (!top || decisionRank[r.decision] > decisionRank[top.decision]) top = r;
  return { decision: top?.decision ?? 'allow', reason: top?.detail ?? 'no rule matched' };
}

/** Decides whether `command` (a shell command for exec, a URL for browser) may run under `profile`. */
export function evaluate(command: string, profile: Profile, options: EvaluateOptions): Evaluation {
  const tool = options.tool ?? 'exec';
  const cwd = posix.resolve(options.cwd);
  const workdir = posix.resolve(cwd, options.workdir ?? cwd);
  const home = options.home ?? homedir();
  const mode = toolMode(profile, tool);
  const rules: RuleMatch[] = [mode.rule];
  let paths: PathAccess[] = [];
  const policy = profile.toolPolicies[tool];
  if (tool === 'exec') {
    const exec = execRules(command, profile, cwd, workdir, home, mode.destructiveNeedsApproval);
    rules.push(...exec.rules);
    paths = exec.paths;
  } else if (tool === 'browser' || (policy?.blockedDomains?.length ?? 0) > 0) {
    rules.push(...domainRules(command, policy?.blockedDomains ?? [], `toolPolicies.${tool}`));
  }
  const { decision, reason } = strictest(rules);
  return { decision, tool, rules, reason, paths, profile: profile.name, profileRevision: profile.revision, cwd };
}
