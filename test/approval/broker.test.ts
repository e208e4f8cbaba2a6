import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../src/audit/events.js';
import { ApprovalBroker } from '../../src/approval/broker.js';
import { createNoneApprover } from '../../src/approval/none.js';
import { request } from './fixtures/requests.js';

function brokerWithLog() {
  const events: AuditEvent[] = [];
  const broker = new ApprovalBroker({ audit: (e) => events.push(e), session: 'sess-1' });
  return { broker, events };
}

describe('ApprovalBroker', () => {
  it('resolves a request with the answer it was given, once', async () => {
    const { broker } = brokerWithLog();
    const req = request('rm -r build', 5000);
    const pending = broker.open(req);
    expect(broker.pending()).toEqual([req]);
    const result = broker.answer({ requestId: req.id, approve: true, by: 'jsonl:alice' });
    const outcome = await pending;
    expect(result).toEqual({ applied: true, outcome });
    expect(outcome).toEqual({ requestId: req.id, approved: true, by: 'jsonl:alice', reason: 'approved', decidedAt: outcome.decidedAt });
    expect(broker.pending()).toEqual([]);
  });

  it('rejects with "approval timed out" when nobody answers in time, measured on real timers', async () => {
    const { broker } = brokerWithLog();
    const req = request('rm -r build', 150);
    const started = Date.now();
    const outcome = await broker.open(req);
    const waited = Date.now() - started;
    expect(outcome).toEqual({ requestId: req.id, approved: false, by: 'timeout', reason: 'approval timed out', decidedAt: outcome.decidedAt });
    expect(waited).toBeGreaterThanOrEqual(140);
    expect(waited).toBeLessThan(1000);
  });

  it('ignores and audits a late answer after the timeout, and a duplicate answer after a decision', async () => {
    const { broker, events } = brokerWithLog();
    const late = request('rm -r a', 50);
    await broker.open(late);
    expect(broker.answer({ requestId: late.id, approve: true, by: 'jsonl:bob' })).toEqual({
      applied: false,
      reason: 'request already decided (rejected by timeout: approval timed out); late or duplicate answer from jsonl:bob',
    });
    const dup = request('rm -r b', 5000);
    const outcome = broker.open(dup);
    broker.answer({ requestId: dup.id, approve: false, by: 'tty' });
    broker.answer({ requestId: dup.id, approve: true, by: 'tty' });
    expect((await outcome).approved).toBe(false);
    expect(events).toEqual([
      { session: 'sess-1', event: 'approval.ignored', requestId: late.id, reason: 'request already decided (rejected by timeout: approval timed out); late or duplicate answer from jsonl:bob' },
      { session: 'sess-1', event: 'approval.ignored', requestId: dup.id, reason: 'request already decided (rejected by tty: rejected by user); late or duplicate answer from tty' },
    ]);
  });

  it('keeps several pending requests apart: each answer settles only the request it names', async () => {
    const { broker } = brokerWithLog();
    const [a, b, c] = [request('rm -r a', 5000), request('rm -r b', 5000), request('rm -r c', 200)];
    const [pa, pb, pc] = [broker.open(a!), broker.open(b!), broker.open(c!)];
    broker.answer({ requestId: b!.id, approve: true, by: 'tty' });
    broker.answer({ requestId: a!.id, approve: false, by: 'tty' });
    const outcomes = await Promise.all([pa, pb, pc]);
    expect(outcomes.map((o) => [o.requestId, o.approved, o.by])).toEqual([
      [a!.id, false, 'tty'],
      [b!.id, true, 'tty'],
      [c!.id, false, 'timeout'],
    ]);
  });

  it('does not apply an answer whose command, cwd or profile revision differs from the request', async () => {
    const { broker, events } = brokerWithLog();
    const req = request('rm -r build', 300);
    const pending = broker.open(req);
    expect(broker.answer({ requestId: req.id, approve: true, by: 'web:eve', command: 'rm -r build/', profileRevision: 'other' })).toEqual({
      applied: false,
      reason: 'answer from web:eve does not match the request (command, profileRevision differ)',
    });
    expect(broker.answer({ requestId: 'nope', approve: true, by: 'web:eve' })).toEqual({ applied: false, reason: 'no such pending request; answer from web:eve' });
    expect((await pending).reason).toBe('approval timed out');
    expect(events.map((e) => e.event)).toEqual(['approval.ignored', 'approval.ignored']);
  });

  it('grants "approve for this session" only to the exact command, cwd and profile revision', async () => {
    const { broker } = brokerWithLog();
    const first = request('rm -r build', 5000);
    const p = broker.open(first);
    broker.answer({ requestId: first.id, approve: true, by: 'tty', rememberForSession: true });
    expect(await p).toMatchObject({ approved: true, rememberForSession: true, reason: 'approved for this session' });

    const again = request('rm -r build', 5000);
    expect(await broker.open(again)).toEqual({
      requestId: again.id,
      approved: true,
      by: 'tty',
      reason: `approved for this session earlier (request ${first.id})`,
      rememberForSession: true,
      decidedAt: expect.any(Number),
    });
    for (const other of [request('rm -r build2', 80), request('rm -r build', 80, { cwd: '/elsewhere' }), request('rm -r build', 80, { revision: 'rev222222222' })]) {
      expect((await broker.open(other)).reason).toBe('approval timed out');
    }
  });

  it('rejects a request when its signal aborts, and a reused request id at once', async () => {
    const { broker } = brokerWithLog();
    const ctl = new AbortController();
    const req = request('rm -r x', 5000);
    const p = broker.open(req, ctl.signal);
    expect((await broker.open(req)).reason).toBe('duplicate approval request id');
    ctl.abort();
    expect(await p).toMatchObject({ approved: false, by: 'argent', reason: 'approval cancelled' });
  });
});

describe('none approver', () => {
  it('rejects at once with "no approver configured"', async () => {
    const req = request('rm -r build', 5000);
    const outcome = await createNoneApprover().request(req);
    expect(outcome).toEqual({ requestId: req.id, approved: false, by: 'none', reason: 'no approver configured', decidedAt: outcome.decidedAt });
  });
});
