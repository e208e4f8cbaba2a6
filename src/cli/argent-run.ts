#!/usr/bin/env node
// argent-run: runs agent commands through the policy engine and inside the bubblewrap sandbox.
// The only place that prints for people and chooses the exit status (see run-args.ts USAGE).
import { isArgentError, type ArgentError } from '../errors.js';
import { parseRunArgs, shellQuote, USAGE, type RunArgs } from './run-args.js';

/** argent-run's exit code for an error: usage and config errors are the runner's failure (125). */
export function exitCodeFor(err: ArgentError): number {
  switch (err.code) {
    case 'POLICY_BLOCKED':
    case 'APPROVAL_REJECTED':
      return 126;
    case 'TIMEOUT':
      return 124;
    case 'COMMAND_NOT_FOUND':
      return 127;
    default:
      return 125;
  }
}

function fail(err: unknown): never {
  if (isArgentError(err)) {
    process.stderr.write(`argent-run: ${err.describe()}\n`);
    process.exit(exitCodeFor(err));
  }
  process.stderr.write(`argent-run: internal error: ${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(125);
}

/** Exits once stdout has been flushed (a pipe to an agent must get every byte). */
function exitAfterFlush(code: number): void {
  process.stdout.write('', () => process.exit(code));
}

async function oneShot(args: RunArgs): Promise<void> {
  const { openContext } = await import('./run-context.js');
  const { runOneShot } = await import('./run-oneshot.js');
  const ctx = await openContext(args);
  const command = args.command ?? shellQuote(args.argv ?? []);
  const code = await runOneShot(ctx, command, args);
  ctx.close();
  exitAfterFlush(code);
}

async function main(argv: string[]): Promise<void> {
  const args = parseRunArgs(argv);
  switch (args.mode) {
    case 'help':
      process.stdout.write(`${USAGE}\n`);
      return;
    case 'version':
      process.stdout.write('argent-run 0.1.0\n');
      return;
    case 'check': {
      const { runCheck } = await import('./run-check.js');
      return exitAfterFlush(await runCheck(args));
    }
    case 'command':
    case 'argv':
      return oneShot(args);
    case 'session': {
      const { runSessionCli } = await import('./run-session.js');
      return exitAfterFlush(await runSessionCli(args));
    }
  }
}

main(process.argv.slice(2)).catch(fail);
