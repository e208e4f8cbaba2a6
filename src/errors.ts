// One error family for the whole program. Each error has a stable `code`, the exit code a CLI should
// use for it, and a message that says what was expected, what was found and how to fix it.
// Only src/cli/ turns these into text on a terminal and an exit status.

export type ErrorCode =
  | 'USAGE' // bad flags or arguments on the command line
  | 'CONFIG_INVALID' // a profile/config file that does not match the schema, or is not JSON
  | 'CONFIG_UNREADABLE' // a profile/config file that cannot be read
  | 'PROFILE_NOT_FOUND' // --profile NAME that is neither a shipped profile nor a file
  | 'PROFILE_UNSAFE' // a profile the sandboxed command (or another user) could edit
  | 'WORKDIR_INVALID' // a working root that is missing, not a directory, or outside allowedPaths
  | 'SANDBOX_UNAVAILABLE' // bubblewrap missing or unable to create namespaces
  | 'RUNNER_FAILED' // the supervisor itself failed (spawn error, PTY error)
  | 'POLICY_BLOCKED' // the policy engine blocked the command
  | 'APPROVAL_REJECTED' // approval required and rejected, timed out, or nobody could answer
  | 'COMMAND_NOT_FOUND' // the command to run does not exist
  | 'TIMEOUT' // the wall-clock limit was reached and the process tree was killed
  | 'INTERNAL'; // a bug: anything we did not anticipate

/** Exit codes shared by both CLIs (wrapper conventions: timeout(1), docker run). */
export const EXIT = {
  OK: 0,
  INTERNAL: 1,
  USAGE: 2, // `argent`: usage or config errors
  APPROVAL_REQUIRED: 3, // `argent security test`: the command would need approval
  BLOCKED: 4, // `argent security test`: the command would be blocked
  TIMEOUT: 124,
  RUNNER_FAILED: 125, // `argent-run`: the runner itself failed, including usage and config errors
  REFUSED: 126, // `argent-run`: refused by policy or approval
  NOT_FOUND: 127,
} as const;

const defaultExitCodes: Record<ErrorCode, number> = {
  USAGE: EXIT.USAGE,
  CONFIG_INVALID: EXIT.USAGE,
  CONFIG_UNREADABLE: EXIT.USAGE,
  PROFILE_NOT_FOUND: EXIT.USAGE,
  PROFILE_UNSAFE: EXIT.USAGE,
  WORKDIR_INVALID: EXIT.USAGE,
  SANDBOX_UNAVAILABLE: EXIT.RUNNER_FAILED,
  RUNNER_FAILED: EXIT.RUNNER_FAILED,
  POLICY_BLOCKED: EXIT.REFUSED,
  APPROVAL_REJECTED: EXIT.REFUSED,
  COMMAND_NOT_FOUND: EXIT.NOT_FOUND,
  TIMEOUT: EXIT.TIMEOUT,
  INTERNAL: EXIT.INTERNAL,
};

export interface ArgentErrorOptions {
  /** One line per problem, e.g. one per invalid key of a profile. */
  problems?: string[];
  /** How to fix it, in one sentence a user can act on. */
  hint?: string;
  cause?: unknown;
}

export class ArgentError extends Error {
  readonly code: ErrorCode;
  readonly problems: string[];
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, options: ArgentErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ArgentError';
    this.code = code;
    this.problems = options.problems ?? [];
    this.hint = options.hint;
  }

  /** The exit code a CLI uses for this error by default (argent-run maps config errors to 125). */
  get exitCode(): number {
    return defaultExitCodes[this.code];
  }

  /** The full text for people: message, one line per problem, then the hint. */
  describe(): string {
    const lines = [this.message, ...this.problems.map((p) => `  - ${p}`)];
    if (this.hint) lines.push(`hint: ${this.hint}`);
    return lines.join('\n');
  }
}

export function isArgentError(value: unknown): value is ArgentError {
  return value instanceof ArgentError;
}
