// The policy engine's answer for one request: the decision, every rule that matched with its config
// key path and reason, and every path it resolved. Strictest wins: blocked > approval-required > allow.

export type Decision = 'allow' | 'approval-required' | 'blocked';

export const decisionRank: Record<Decision, number> = { allow: 0, 'approval-required': 1, blocked: 2 };

export interface RuleMatch {
  /** Config key path of the rule ("toolPolicies.exec.blockedPatterns[0]", "security.mode"), or "builtin.<name>". */
  key: string;
  decision: Decision;
  /** Why, for people: "`rm -r -f /tmp/x` matches blocked pattern \"rm -rf\"". */
  detail: string;
}

export type PathAccessKind = 'read' | 'write' | 'cwd' | 'exec';

export interface PathAccess {
  /** The word as written. */
  arg: string;
  /** The absolute path after ~, $HOME, cwd, .. and symlinks. */
  resolved: string;
  inside: boolean;
  access: PathAccessKind;
  /** The program that touches it. */
  command: string;
}

export interface Evaluation {
  decision: Decision;
  tool: string;
  /** Every rule that matched (allow-level rules too, e.g. the mode that allowed it). */
  rules: RuleMatch[];
  /** One sentence: the strictest rule's detail. */
  reason: string;
  paths: PathAccess[];
  /** The profile and revision the decision was made under (an approval is bound to them). */
  profile: string;
  profileRevision: string;
  cwd: string;
}

export interface EvaluateOptions {
  /** The working directory the command runs in (the session's real cwd). */
  cwd: string;
  /** The working root ${WORKDIR} stands for; defaults to cwd. */
  workdir?: string;
  /** The tool being asked for; default "exec". */
  tool?: string;
  /** The home directory for ~ and $HOME; default os.homedir(). */
  home?: string;
}
