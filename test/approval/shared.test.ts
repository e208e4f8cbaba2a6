// The shared approval page (`argent approvals serve`) in process: several sessions over its unix
// socket, each getting only its own outcomes; disconnects, session timers and page shutdown.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectSharedApprover, openWebApprover, sharedSocketPath, startApprovalHub, type ApprovalHub, type SharedApprover } from '../../src/approval/index.js';
import type { AuditEvent } from '../../src/audit/events.js';
import { request } from './fixtures/requests.js';

let root: string;
let socketPath: string;
let hub: ApprovalHub | undefined;
const sessions: SharedApprover[] = [];
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'argent-shared-'));
  socketPath = join(root, 'run', 'argent', 'approvals.sock');
});
afterEach(async () => {
  for (const s of sessions.splice(0)) await s.close?.();
  await hub?.close();
  hub = undefined;
  rmSync(root, { recursive: true, force: true });
});

async function session(name: string, audit?: (e: AuditEvent) => void): Promise<SharedApprover> {
  const s = await connectSharedApprover({ socketPath, session: name, ...(audit ? { audit } : {}) });
  if (!s) throw new Error('no shared page answered');
  sessions.push(s);
  return s;
}
const until = async (check: () => boolean, ms = 3000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 10));
  }
};
const pendingIds = () => hub!.web.broker.pending().map((r) => r.id);
const answer = (id: string, approve: boolean, by = 'web:alice') => hub!.web.broker.answer({ requestId: id, approve, by });

describe('shared approval page', () => {
  it('puts its socket in a 0700 folder, mode 0600, and says where its page is', async () => {
    hub = await startApprovalHub({ socketPath });
    expect(statSync(join(root, 'run', 'argent')).mode & 0o777).toBe(0o700);
    expect(statSync(socketPath).mode & 0o777).toBe(0o600);
    expect(hub.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{43}$/);
  });

  it('serves two sessions on one page and sends each outcome only to the session that asked', async () => {
    hub = await startApprovalHub({ socketPath });
    const a = await session('sess-a');
    const b = await session('sess-b');
    await until(() => hub!.sessions() === 2);
    const ra = { ...request('rm -r a', 10_000), sessionId: 'sess-a' };
    const rb = { ...request('rm -r b', 10_000), sessionId: 'sess-b' };
    const oa = a.request(ra);
    const ob = b.request(rb);
    await until(() => pendingIds().length === 2);
    expect(hub.web.broker.pending().map((r) => [r.sessionId, r.command])).toEqual([['sess-a', 'rm -r a'], ['sess-b', 'rm -r b']]);
    answer(rb.id, false, 'web:bob');
    answer(ra.id, true);
    const [outA, outB] = await Promise.all([oa, ob]);
    expect([outA.requestId, outA.approved, outA.by, outA.reason]).toEqual([ra.id, true, 'web:alice', 'approved']);
    expect([outB.requestId, outB.approved, outB.by, outB.reason]).toEqual([rb.id, false, 'web:bob', 'rejected by user']);
  });

  it('cancels a session\'s pending requests on the page when the session disconnects (killed or exited)', async () => {
    hub = await startApprovalHub({ socketPath });
    // A session speaking the protocol by hand, so it can vanish the way kill -9 makes it: no cancel, just gone.
    const raw = connect(socketPath);
    const req = request('rm -r a', 10_000);
    raw.write(`${JSON.stringify({ type: 'request', request: req })}\n`);
    await until(() => pendingIds().length === 1);
    raw.destroy();
    await until(() => pendingIds().length === 0);
    const state = await (await fetch(hub.url.replace('/?', '/api/state?'))).json();
    expect(state.history[0]).toMatchObject({ requestId: req.id, approved: false, by: 'argent', reason: 'session ended (its argent-run disconnected)' });
  });

  it('keeps the session\'s own timer authoritative: its expiry rejects and takes the request off the page', async () => {
    hub = await startApprovalHub({ socketPath });
    const a = await session('sess-a');
    const req = { ...request('rm -r a', 300), expiresAt: Date.now() + 300 };
    // The page is told a later deadline than the session keeps (as if its clock drifted): the session decides.
    const shown = a.request(req);
    await until(() => pendingIds().length === 1);
    expect(await shown).toMatchObject({ approved: false, by: 'timeout', reason: 'approval timed out' });
    await until(() => pendingIds().length === 0);
    expect(answer(req.id, true)).toMatchObject({ applied: false });
  });

  it('takes a request the session cancelled (^C) off the page, with nothing echoed back into the session\'s log', async () => {
    hub = await startApprovalHub({ socketPath });
    const audit: AuditEvent[] = [];
    const a = await session('sess-a', (e) => audit.push(e));
    const req = request('rm -r a', 10_000);
    const ctl = new AbortController();
    const out = a.request(req, ctl.signal);
    await until(() => pendingIds().length === 1);
    ctl.abort();
    expect(await out).toMatchObject({ approved: false, by: 'argent', reason: 'approval cancelled' });
    await until(() => pendingIds().length === 0);
    const state = await (await fetch(hub.url.replace('/?', '/api/state?'))).json();
    expect(state.history[0]).toMatchObject({ requestId: req.id, approved: false, by: 'argent', reason: 'session: approval cancelled' });
    await new Promise((r) => setTimeout(r, 100));
    expect(audit).toEqual([]);
  });

  it('grants "approve for this session" inside the asking session only', async () => {
    hub = await startApprovalHub({ socketPath });
    const a = await session('sess-a');
    const b = await session('sess-b');
    const asked = (sessionId: string) => ({ ...request('rm -r a', 10_000), sessionId });
    const first = asked('sess-a');
    const out = a.request(first);
    await until(() => pendingIds().length === 1);
    hub.web.broker.answer({ requestId: first.id, approve: true, by: 'web:alice', rememberForSession: true });
    expect(await out).toMatchObject({ approved: true, rememberForSession: true });
    expect(await a.request(asked('sess-a'))).toMatchObject({ approved: true, by: 'web:alice', reason: `approved for this session earlier (request ${first.id})` });
    // The same command, cwd and revision from another session: still shown on the page and waiting.
    const other = asked('sess-b');
    void b.request(other);
    await until(() => pendingIds().length === 1);
    expect(pendingIds()).toEqual([other.id]);
  });

  it('rejects what is pending when the page stops, and a later request at once when no page answers', async () => {
    hub = await startApprovalHub({ socketPath });
    const a = await session('sess-a');
    const out = a.request(request('rm -r a', 10_000));
    await until(() => pendingIds().length === 1);
    await hub.close();
    hub = undefined;
    expect(await out).toMatchObject({ approved: false, by: 'argent', reason: 'approval page closed' });
    expect(await a.request(request('rm -r b', 10_000))).toMatchObject({ approved: false, by: 'argent', reason: `the shared approval page is gone (nothing answers on ${socketPath})` });
  });

  it('refuses a malformed request from a session at once, without showing it', async () => {
    hub = await startApprovalHub({ socketPath });
    const a = await session('sess-a');
    const bad = { ...request('rm -r a', 10_000), evaluation: { decision: 'approval-required', reason: 'x', rules: [{ key: 1 }], paths: [] } };
    expect(await a.request(bad as never)).toMatchObject({ approved: false, by: 'argent', reason: 'the approval page refused the request: request refused: request.evaluation.rules[] need key/decision/detail and paths[] need access/resolved/inside' });
    expect(pendingIds()).toEqual([]);
  });

  it('refuses to start a second page on a live socket, and replaces a stale one left by a crash', async () => {
    hub = await startApprovalHub({ socketPath });
    await expect(startApprovalHub({ socketPath })).rejects.toThrow(`an approval page is already serving sessions on ${socketPath}`);
    await hub.close();
    hub = undefined;
    // A stale socket file: something listened there once and died without removing it.
    const stale = createServer();
    await new Promise<void>((r) => stale.listen(socketPath, r));
    await new Promise<void>((r) => { (stale as unknown as { _handle: { close(): void } })._handle.close(); r(); });
    hub = await startApprovalHub({ socketPath });
    expect(await connectSharedApprover({ socketPath, session: 's' }).then((s) => (s ? (sessions.push(s), 'connected') : 'none'))).toBe('connected');
  });

  it('never connects to a socket in a folder open to others or not a real folder; starts its own page instead', async () => {
    hub = await startApprovalHub({ socketPath });
    chmodSync(join(root, 'run', 'argent'), 0o755);
    expect(await connectSharedApprover({ socketPath, session: 's' })).toBeUndefined();
    chmodSync(join(root, 'run', 'argent'), 0o700);
    mkdirSync(join(root, 'link'), { mode: 0o700 });
    symlinkSync(join(root, 'run', 'argent'), join(root, 'link', 'argent'));
    expect(await connectSharedApprover({ socketPath: join(root, 'link', 'argent', 'approvals.sock'), session: 's' })).toBeUndefined();
    const own = await openWebApprover({ socketPath: join(root, 'nowhere', 'approvals.sock'), session: 's' });
    expect(own.shared).toBe(false);
    await own.approver.close?.();
  });

  it('does not take a silent listener for a page (no welcome within the timeout)', async () => {
    mkdirSync(join(root, 'run', 'argent'), { recursive: true, mode: 0o700 });
    const mute = createServer(() => {});
    await new Promise<void>((r) => mute.listen(socketPath, r));
    expect(await connectSharedApprover({ socketPath, session: 's', welcomeTimeoutMs: 200 })).toBeUndefined();
    await new Promise<void>((r) => mute.close(() => r()));
  });

  it('finds the socket under $XDG_RUNTIME_DIR, else the XDG state folder', () => {
    expect(sharedSocketPath({ XDG_RUNTIME_DIR: '/run/user/1000', HOME: '/home/u' })).toBe('/run/user/1000/argent/approvals.sock');
    expect(sharedSocketPath({ XDG_STATE_HOME: '/home/u/st', HOME: '/home/u' })).toBe('/home/u/st/argent/approvals.sock');
    expect(sharedSocketPath({ HOME: '/home/u' })).toBe('/home/u/.local/state/argent/approvals.sock');
  });
});
