import { request as httpRequest } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApprover } from '../../src/approval/index.js';
import type { WebApprover } from '../../src/approval/web/server.js';
import type { AuditEvent } from '../../src/audit/events.js';
import { request } from './fixtures/requests.js';

let approver: WebApprover;
let url: URL;
let token: string;
let audit: AuditEvent[];
beforeEach(async () => {
  audit = [];
  approver = createApprover('web', { session: 'sess-1', audit: (e) => audit.push(e) });
  url = new URL(await approver.ready);
  token = url.searchParams.get('token')!;
});
afterEach(() => approver.close?.());

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw HTTP request, so the test controls Host and Origin (fetch() may not set Host). */
function send(method: string, path: string, headers: Record<string, string> = {}, body?: unknown): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: url.port, method, path, headers: { host: url.host, ...headers } }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

const json = { 'content-type': 'application/json' };
const answerAs = (body: object, headers: Record<string, string> = {}) => send('POST', '/api/answer', { ...json, 'x-argent-token': token, ...headers }, body);

describe('web approver server', () => {
  it('listens on 127.0.0.1 only, on a free port, with a 43-character random token in the URL', () => {
    expect(url.hostname).toBe('127.0.0.1');
    expect(Number(url.port)).toBeGreaterThan(0);
    expect(token).toMatch(/^[\w-]{43}$/);
  });

  it('serves a self-contained page with a strict CSP only with the token', async () => {
    expect((await send('GET', '/')).status).toBe(401);
    expect((await send('GET', '/?token=wrong')).status).toBe(401);
    const page = await send('GET', `/?token=${token}`);
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toMatch(/^default-src 'none'; script-src 'nonce-[\w+/=]+'; style-src 'nonce-[\w+/=]+'; connect-src 'self'/);
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.body).toContain('<h1>argent-run: approvals</h1>');
    expect(page.body).not.toMatch(/(src|href)=["']?(https?:)?\/\//);
  });

  it('refuses a foreign Host (DNS rebinding) and a foreign Origin or cross-site fetch (CSRF) with 403, even with the token', async () => {
    expect(await send('GET', `/?token=${token}`, { host: `evil.example:${url.port}` })).toMatchObject({ status: 403, body: '{"error":"foreign Host header"}' });
    const req = request('rm -r build', 5000);
    const outcome = approver.request(req);
    expect(await answerAs({ requestId: req.id, approve: true }, { origin: 'http://evil.example' })).toMatchObject({ status: 403, body: '{"error":"foreign Origin header"}' });
    expect(await answerAs({ requestId: req.id, approve: true }, { 'sec-fetch-site': 'cross-site' })).toMatchObject({ status: 403 });
    expect(await answerAs({ requestId: req.id, approve: true }, { 'x-argent-token': 'nope' })).toMatchObject({ status: 401 });
    expect(approver.broker.pending()).toEqual([req]);
    expect((await answerAs({ requestId: req.id, approve: false, name: 'alice' }, { origin: `http://localhost:${url.port}` })).status).toBe(200);
    expect((await outcome).by).toBe('web:alice');
  });

  it('lists a pending request, applies an answer with the approver\'s name, and answers a replay with 404', async () => {
    const req = request('rm -r build', 5000, { agent: 'claude' });
    const outcome = approver.request(req);
    const state = JSON.parse((await send('GET', '/api/state', { 'x-argent-token': token })).body);
    expect(state.pending).toEqual([expect.objectContaining({ requestId: req.id, command: 'rm -r build', cwd: '/work/proj', agent: 'claude', rules: req.evaluation.rules })]);
    const ok = await answerAs({ requestId: req.id, approve: true, name: 'alice', command: 'rm -r build', cwd: '/work/proj', profileRevision: 'rev111111111' });
    expect(ok.status).toBe(200);
    const o = await outcome;
    expect(o).toEqual({ requestId: req.id, approved: true, by: 'web:alice', reason: 'approved', decidedAt: o.decidedAt });
    const replay = await answerAs({ requestId: req.id, approve: false, name: 'mallory' });
    expect(replay.status).toBe(404);
    expect((await answerAs({ requestId: 'made-up', approve: true })).status).toBe(404);
    expect(audit.map((e) => e.event)).toEqual(['approval.ignored', 'approval.ignored']);
    const after = JSON.parse((await send('GET', '/api/state', { 'x-argent-token': token })).body);
    expect(after.pending).toEqual([]);
    expect(after.history).toEqual([{ requestId: req.id, command: 'rm -r build', approved: true, by: 'web:alice', reason: 'approved', decidedAt: o.decidedAt }]);
  });

  it('answers 409 and changes nothing when the page approved a different command than the one pending', async () => {
    const req = request('rm -r build', 300);
    const outcome = approver.request(req);
    const r = await answerAs({ requestId: req.id, approve: true, command: 'rm -r buil' });
    expect(r).toMatchObject({ status: 409, body: '{"error":"answer from web does not match the request (command differ)"}' });
    expect((await outcome).reason).toBe('approval timed out');
  });

  it('streams the pending list live over SSE and shows a timed-out request in the history', async () => {
    const events: string[] = [];
    const ctl = new AbortController();
    const res = await fetch(`http://127.0.0.1:${url.port}/api/events?token=${token}`, { signal: ctl.signal });
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const reader = res.body!.getReader();
    const pump = (async () => {
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done) return;
        events.push(...new TextDecoder().decode(value).split('\n\n').filter((c) => c.startsWith('event: state')));
      }
    })();
    const req = request('rm -r slow', 200);
    const outcome = await approver.request(req);
    await new Promise((r) => setTimeout(r, 50));
    ctl.abort();
    await pump;
    const states = events.map((e) => JSON.parse(e.slice(e.indexOf('data: ') + 6)));
    expect(states.map((s) => [s.pending.map((p: { command: string }) => p.command), s.history.map((h: { reason: string }) => h.reason)])).toEqual([
      [[], []],
      [['rm -r slow'], []],
      [[], ['approval timed out']],
    ]);
    expect(outcome.by).toBe('timeout');
  });

  it('rejects malformed answers with 400/415 and never approves on a non-boolean', async () => {
    const req = request('rm -r build', 300);
    const outcome = approver.request(req);
    expect((await answerAs({ requestId: req.id, approve: 'yes' })).status).toBe(400);
    expect((await send('POST', '/api/answer', { 'x-argent-token': token, 'content-type': 'text/plain' }, { requestId: req.id, approve: true })).status).toBe(415);
    expect((await outcome).approved).toBe(false);
  });
});
