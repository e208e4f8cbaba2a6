// `argent security test`: the policy engine from the command line, one command or a JSONL batch.
import { createReadStream, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { ArgentError, EXIT } from '../errors.js';
import { evaluate } from '../policy/evaluate.js';
import type { Evaluation } from '../policy/types.js';
import { loadChosenProfile } from '../profile/load.js';
import type { Profile } from '../profile/profile.js';
import { evaluationJson, evaluationText } from './format-evaluation.js';
import { fail, parseFlags } from './main.js';

export const securityTestHelp = `Usage: argent security test [options] "<command>"
       argent security test --json --batch FILE|-

Decides whether a command (or, with --tool browser, a URL) would be allowed, need approval, or be
blocked, and says which rule decided and why. Nothing is run.

Options:
  --profile NAME|PATH  profile to use (default: $ARGENT_PROFILE, the user config file, else "sandboxed")
  --cwd DIR            directory the command would run in (default: the current directory)
  --workdir DIR        the working root \${WORKDIR} stands for (default: --cwd)
  --tool NAME          exec (default), browser, or any tool name in the profile
  --json               print one JSON object (per line with --batch)
  --batch FILE|-       JSON lines in: a JSON string (the command) or {"id":..,"cmd":..,"cwd":..};
                       a line that is not JSON is taken as a raw one-line command
  -h, --help           show this help

Exit codes: 0 allowed, 3 approval required, 4 blocked, 2 usage or config error.`;

export const decisionExit = { allow: EXIT.OK, 'approval-required': EXIT.APPROVAL_REQUIRED, blocked: EXIT.BLOCKED } as const;

function checkDir(dir: string, flag: string): string {
  const abs = resolve(dir);
  let ok = false;
  try {
    ok = statSync(abs).isDirectory();
  } catch {
    ok = false;
  }
  if (!ok) fail(`${flag} ${dir}: not an existing directory`, `give ${flag} a directory that exists`);
  return abs;
}

interface BatchItem {
  id: unknown;
  cmd?: string;
  cwd?: string;
  error?: string;
}

/** One batch line to an item: a JSON string, a JSON object {id, cmd, cwd}, or a raw command. */
export function parseBatchLine(line: string, lineNumber: number): BatchItem {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { id: lineNumber, cmd: line };
  }
  if (typeof value === 'string') return { id: lineNumber, cmd: value };
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const o = value as Record<string, unknown>;
    const id = o.id ?? lineNumber;
    const cmd = o.cmd ?? o.command;
    if (typeof cmd !== 'string') return { id, error: `expected "cmd" to be a string, found ${cmd === undefined ? 'nothing' : typeof cmd}` };
    if (o.cwd !== undefined && typeof o.cwd !== 'string') return { id, error: `expected "cwd" to be a string, found ${typeof o.cwd}` };
    return { id, cmd, ...(typeof o.cwd === 'string' ? { cwd: o.cwd } : {}) };
  }
  return { id: lineNumber, error: 'expected a JSON string or an object like {"id":..,"cmd":..}' };
}

async function runBatch(source: string, profile: Profile, cwd: string, workdir: string | undefined, tool: string): Promise<number> {
  const input = source === '-' ? process.stdin : createReadStream(source);
  input.on('error', () => undefined);
  const lines = createInterface({ input, crlfDelay: Infinity });
  let n = 0;
  try {
    for await (const line of lines) {
      n++;
      if (line.trim() === '') continue;
      const item = parseBatchLine(line, n);
      let out: Record<string, unknown>;
      if (item.error !== undefined || item.cmd === undefined) {
        out = { id: item.id, line: n, error: { code: 'BAD_LINE', message: item.error ?? 'no command' } };
      } else {
        try {
          // A line's cwd is where that command runs; the working root stays the batch's.
          const e = evaluate(item.cmd, profile, { cwd: resolve(cwd, item.cwd ?? '.'), tool, workdir: workdir ?? cwd });
          out = { id: item.id, ...evaluationJson(e) };
        } catch (err) {
          out = { id: item.id, line: n, decision: 'blocked', error: { code: 'INTERNAL', message: (err as Error).message } };
        }
      }
      process.stdout.write(`${JSON.stringify(out)}\n`);
    }
  } catch (err) {
    throw new ArgentError('USAGE', `cannot read batch input ${source}: ${(err as Error).message}`, { hint: 'give --batch a readable file, or - for stdin' });
  }
  return EXIT.OK;
}

export async function securityTest(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(
    {
      args: argv,
      options: {
        profile: { type: 'string' },
        cwd: { type: 'string' },
        workdir: { type: 'string' },
        tool: { type: 'string' },
        json: { type: 'boolean' },
        batch: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    },
    'argent security test',
  );
  if (values.help) {
    process.stdout.write(`${securityTestHelp}\n`);
    return EXIT.OK;
  }
  const cwd = values.cwd === undefined ? process.cwd() : checkDir(values.cwd, '--cwd');
  const workdir = values.workdir === undefined ? undefined : checkDir(values.workdir, '--workdir');
  const tool = values.tool ?? 'exec';
  const { profile } = loadChosenProfile(values.profile);
  if (values.batch !== undefined) {
    if (positionals.length > 0) fail('argent security test: give either --batch or a command, not both');
    if (!values.json) fail('argent security test --batch needs --json (its output is JSON lines)', 'add --json');
    return runBatch(values.batch, profile, cwd, workdir, tool);
  }
  if (positionals.length !== 1) {
    fail(`argent security test: expected one command in quotes, found ${positionals.length} arguments`, 'quote the whole command: argent security test "rm -rf /tmp/old-files"');
  }
  const command = positionals[0]!;
  const evaluation: Evaluation = evaluate(command, profile, { cwd, tool, ...(workdir ? { workdir } : {}) });
  process.stdout.write(values.json ? `${JSON.stringify(evaluationJson(evaluation))}\n` : `${evaluationText(command, evaluation)}\n`);
  return decisionExit[evaluation.decision];
}
