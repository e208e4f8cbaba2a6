// `argent approvals serve` in process: its usage, the URL printed once, one page per socket, and
// refusing a socket folder that other users can enter.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectSharedApprover } from '../../src/approval/index.js';
import { approvalsCommand } from '../../src/cli/approvals.js';

let root: string;
let socket: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'argent-approvals-cli-'));
  socket = join(root, 'run', 'approvals.sock');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** Runs the command until `stop` is aborted; collects what it prints. */
function serve(args: string[], stop: AbortController) {
  let out = '';
  const done = approvalsCommand(args, { write: (t) => (out += t), signal: stop.signal });
  return { done, out: () => out };
}
const until = async (check: () => boolean) => {
  const end = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('argent approvals', () => {
  it('prints the page URL with its token once, serves sessions on the socket, and removes the socket when stopped', async () => {
    const stop = new AbortController();
    const s = serve(['serve', '--socket', socket, '--audit-log', join(root, 'audit.log')], stop);
    await until(() => s.out().includes('Ctrl-C stops'));
    const lines = s.out().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(/^argent approvals: approval page: http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{43}$/),
      `argent approvals: sessions with --approver web send their requests here (socket ${socket}); Ctrl-C stops`,
      '',
    ]);
    const session = await connectSharedApprover({ socketPath: socket, session: 's' });
    expect(session?.kind).toBe('web');
    await session?.close?.();
    stop.abort();
    expect(await s.done).toBe(0);
    expect(s.out().match(/token=/g)).toHaveLength(1);
    expect(existsSync(socket)).toBe(false);
  });

  it('refuses a second page on a socket that is already served (usage error, exit 2)', async () => {
    const stop = new AbortController();
    const first = serve(['serve', '--socket', socket, '--audit-log', join(root, 'audit.log')], stop);
    await until(() => first.out().includes('Ctrl-C stops'));
    await expect(approvalsCommand(['serve', '--socket', socket, '--audit-log', join(root, 'audit.log')], { write: () => {} })).rejects.toMatchObject({
      code: 'USAGE',
      message: `an approval page is already serving sessions on ${socket}`,
    });
    stop.abort();
    expect(await first.done).toBe(0);
  });

  it('refuses a socket folder that other users can enter', async () => {
    mkdirSync(join(root, 'run'));
    chmodSync(join(root, 'run'), 0o755);
    await expect(approvalsCommand(['serve', '--socket', socket, '--audit-log', join(root, 'audit.log')], { write: () => {} })).rejects.toMatchObject({
      message: `the approval socket's folder is unsafe: ${join(root, 'run')} is open to other users (mode 755, expected 700)`,
      hint: `chmod 700 ${join(root, 'run')} (and make sure you own it)`,
    });
  });

  it('explains its usage: help, a missing subcommand, a bad port', async () => {
    let help = '';
    expect(await approvalsCommand(['--help'], { write: (t) => (help += t) })).toBe(0);
    expect(help.split('\n')[0]).toBe('Usage: argent approvals serve [--port N] [--socket PATH] [--audit-log PATH]');
    await expect(approvalsCommand([], { write: () => {} })).rejects.toMatchObject({ code: 'USAGE', message: 'argent approvals: expected `serve`, found ""' });
    await expect(approvalsCommand(['serve', '--port', '70000'], { write: () => {} })).rejects.toMatchObject({ code: 'USAGE', message: 'argent approvals: --port expects 0-65535, found "70000"' });
  });
});
