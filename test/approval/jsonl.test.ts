import { describe, expect, it } from 'vitest';
import { createApprover } from '../../src/approval/index.js';
import type { ApprovalRequestEvent, ApprovalResolvedEvent } from '../../src/approval/jsonl.js';
import type { AuditEvent } from '../../src/audit/events.js';
import { request } from './fixtures/requests.js';

function setup() {
  const sent: (ApprovalRequestEvent | ApprovalResolvedEvent)[] = [];
  const events: AuditEvent[] = [];
  const approver = createApprover('jsonl', { send: (e) => sent.push(e), audit: (e) => events.push(e), session: 'sess-1' });
  return { approver, sent, events };
}

describe('jsonl approver', () => {
  it('sends an approval_request with everything a person needs, and applies the peer\'s answer line', async () => {
    const { approver, sent } = setup();
    const req = request('rm -r build', 5000, { agent: 'claude' });
    const outcome = approver.request(req);
    expect(sent).toEqual([
      {
        type: 'approval_request',
        requestId: req.id,
        command: 'rm -r build',
        cwd: '/work/proj',
        profile: 'sandboxed',
        profileRevision: 'rev111111111',
        sessionId: 'sess-1',
        agent: 'claude',
        decision: 'approval-required',
        reason: '`rm -r build` deletes files',
        rules: req.evaluation.rules,
        paths: req.evaluation.paths,
        requestedAt: req.requestedAt,
        expiresAt: req.expiresAt,
        timeoutMs: 5000,
      },
    ]);
    expect(approver.handleMessage(JSON.stringify({ type: 'approval', requestId: req.id, approve: true, by: 'alice' }))).toBe(true);
    const o = await outcome;
    expect(o).toEqual({ requestId: req.id, approved: true, by: 'jsonl:alice', reason: 'approved', decidedAt: o.decidedAt });
    expect(sent[1]).toEqual({ type: 'approval_resolved', requestId: req.id, approved: true, by: 'jsonl:alice', reason: 'approved', decidedAt: o.decidedAt });
  });

  it('tells the peer when a request times out, and ignores its answer afterwards', async () => {
    const { approver, sent, events } = setup();
    const req = request('rm -r build', 100);
    const o = await approver.request(req);
    expect(o.reason).toBe('approval timed out');
    expect(sent.map((e) => e.type)).toEqual(['approval_request', 'approval_resolved']);
    expect(approver.handleMessage({ type: 'approval', requestId: req.id, approve: true, by: 'slowpoke' })).toBe(true);
    expect(events).toEqual([
      { session: 'sess-1', event: 'approval.ignored', requestId: req.id, reason: 'request already decided (rejected by timeout: approval timed out); late or duplicate answer from jsonl:slowpoke' },
    ]);
  });

  it('passes lines that are not approvals back to the session, and never approves on a non-boolean', async () => {
    const { approver, events } = setup();
    const req = request('rm -r build', 150);
    const outcome = approver.request(req);
    expect(approver.handleMessage('{"type":"input","data":"ls\\n"}')).toBe(false);
    expect(approver.handleMessage('not json')).toBe(false);
    expect(approver.handleMessage({ type: 'approval', requestId: req.id, approve: 'yes' })).toBe(true);
    expect((await outcome).reason).toBe('approval timed out');
    expect(events).toEqual([
      { session: 'sess-1', event: 'approval.ignored', requestId: req.id, reason: 'malformed approval message: needs {"type":"approval","requestId":"..","approve":true|false}' },
    ]);
  });

  it('grants a later identical command for the session when the peer sends forSession, without asking again', async () => {
    const { approver, sent } = setup();
    const first = request('rm -r build', 5000);
    const p = approver.request(first);
    approver.handleMessage({ type: 'approval', requestId: first.id, approve: true, by: 'alice', forSession: true });
    expect((await p).rememberForSession).toBe(true);
    const again = await approver.request(request('rm -r build', 5000));
    expect([again.approved, again.by]).toEqual([true, 'jsonl:alice']);
    expect(sent.map((e) => e.type)).toEqual(['approval_request', 'approval_resolved']);
  });
});
