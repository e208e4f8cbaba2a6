import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApprover } from '../../src/approval/index.js';
import type { WebApprover } from '../../src/approval/web/server.js';
import { Browser, CHROMIUM } from './cdp.js';
import { request } from './fixtures/requests.js';

// Where the screenshot goes: ARGENT_ARTIFACTS_DIR in CI, else a folder under the system tmpdir.
const ARTIFACTS = process.env.ARGENT_ARTIFACTS_DIR ?? join(tmpdir(), 'argent-artifacts');

describe.runIf(existsSync(CHROMIUM))('approval page in Debian chromium', () => {
  let browser: Browser;
  let approver: WebApprover;
  let url: string;
  beforeAll(async () => {
    approver = createApprover('web', { session: 'sess-1' });
    url = await approver.ready;
    browser = await Browser.launch();
  });
  afterAll(async () => {
    await browser?.close();
    await approver?.close?.();
  });

  it('refuses the page with a wrong token', async () => {
    await browser.navigate(url.replace(/token=[\w-]+/, 'token=wrong'));
    expect(await browser.evaluate<string>('document.body.innerText')).toBe('{"error":"missing or wrong token"}');
  });

  it('shows a pending request live with its details and countdown; clicking Approve approves it, by name', async () => {
    await browser.navigate(url);
    await browser.waitFor(`document.querySelector('.empty')?.textContent === 'Nothing is waiting for approval.'`);
    await browser.evaluate(`document.getElementById('name').focus()`);
    await browser.typeText('alice');
    await browser.evaluate(`document.getElementById('name').blur()`);
    const req = request('rm -r build', 60_000, { agent: 'claude' });
    const outcome = approver.request(req);
    await browser.waitFor(`document.querySelector('.card code')?.textContent === 'rm -r build'`);
    const text = await browser.evaluate<string>(`document.querySelector('.card').innerText`);
    for (const part of ['/work/proj', 'sandboxed (revision rev111111111)', 'session sess-1, agent claude', '[approval-required] builtin.destructive', 'write /work/proj/build']) {
      expect(text).toContain(part);
    }
    expect(await browser.evaluate<string>(`document.querySelector('.countdown').textContent`)).toMatch(/^(1:00|0:5\d)$/);
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(join(ARTIFACTS, 'approval-page.png'), await browser.screenshot());
    await browser.click('.card button.approve');
    const o = await outcome;
    expect([o.approved, o.by, o.reason]).toEqual([true, 'web:alice', 'approved']);
    await browser.waitFor(`document.querySelector('#history li')?.textContent.includes('APPROVED by web:alice (approved): rm -r build')`);
  });

  it('clicking Reject rejects, and an unanswered request times out and leaves the page', async () => {
    const rejected = approver.request(request('rm -r dist', 60_000));
    const slow = approver.request(request('rm -r slow', 1500));
    await browser.waitFor(`document.querySelectorAll('.card').length === 2`);
    await browser.click('.card button.reject');
    expect(await rejected).toMatchObject({ approved: false, by: 'web:alice', reason: 'rejected by user' });
    expect(await slow).toMatchObject({ approved: false, by: 'timeout', reason: 'approval timed out' });
    await browser.waitFor(`document.querySelectorAll('.card').length === 0`);
    await browser.waitFor(`document.querySelector('#history li')?.textContent.includes('REJECTED by timeout (approval timed out): rm -r slow')`);
    expect(await browser.evaluate<string>('document.title')).toBe('argent approvals');
  });
});
