// The one place that turns errors into text and exit codes for both CLIs. A user mistake prints what
// was expected, what was found and how to fix it; only an unanticipated bug prints a stack, and only
// with ARGENT_DEBUG=1.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ArgentError, EXIT } from '../errors.js';

export function fail(message: string, hint?: string): never {
  throw new ArgentError('USAGE', message, hint === undefined ? {} : { hint });
}

/** node:util parseArgs with its errors turned into usage errors that point at --help. */
type Strict<T> = T & { strict: true; allowPositionals: true };

export function parseFlags<T extends ParseArgsConfig>(config: T, command: string): ReturnType<typeof parseArgs<Strict<T>>> {
  try {
    return parseArgs<Strict<T>>({ ...config, strict: true, allowPositionals: true });
  } catch (err) {
    const message = (err as Error).message.replace(/\. To specify a positional argument.*$/s, '');
    return fail(`${command}: ${message}`, `run \`${command} --help\` for usage`);
  }
}

/** Runs a CLI's main function and exits with its code; `errorExit` maps an ArgentError to a code. */
export function runMain(name: string, main: () => Promise<number>, errorExit: (err: ArgentError) => number = (e) => e.exitCode): void {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      if (err instanceof ArgentError) {
        process.stderr.write(`${name}: ${err.describe()}\n`);
        process.exitCode = errorExit(err);
        return;
      }
      process.stderr.write(`${name}: internal error: ${(err as Error)?.message ?? String(err)}\n`);
      if (process.env.ARGENT_DEBUG === '1') process.stderr.write(`${(err as Error)?.stack ?? ''}\n`);
      else process.stderr.write('This is a bug in argent-run; rerun with ARGENT_DEBUG=1 for details and report it.\n');
      process.exitCode = EXIT.INTERNAL;
    },
  );
}
