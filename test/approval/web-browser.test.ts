// The approval page in a real browser (Debian's chromium via playwright-core), in front of an
// in-process web approver: live list, details, countdown, keyboard and mouse answers, timeout, token.
import { statSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApprover } from '../../src/approval/index.js';
import type { WebApprover } from '../../src/approval/web/server.js';
import { launchBrowser, newPage, screenshot } from './browser.js';
import { request } from './fixtures/requests.js';

describe('approval page in Debian chromium (playwright-core)', () => {
  let browser: Browser;
  let approver: WebApprover;
  let url: string;
  let page: Page;
  beforeAll(async () => {
    approver = createApprover('web', { session: 'sess-1' });
    url = await approver.ready;
    browser = await launchBrowser();
    page = await newPage(browser);
  });
  afterAll(async () => {
    await browser?.close();
    await approver?.close?.();
  });

  it('refuses the page with a wrong token (401, nothing of the page served)', async () => {
    const other = await newPage(browser);
    const res = await other.goto(url.replace(/token=[\w-]+/, 'token=wrong'));
    expect(res?.status()).toBe(401);
    expect(await other.locator('body').innerText()).toBe('{"error":"missing or wrong token"}');
    await other.context().close();
  });

  it('shows a pending request live with its details and countdown; clicking Approve approves it, by name', async () => {
    await page.goto(url);
    await page.getByText('Nothing is waiting for approval.').waitFor();
    await page.getByLabel('Your name').fill('alice');
    await page.getByLabel('Your name').blur();
    const req = request('rm -r build', 60_000, { agent: 'claude' });
    const outcome = approver.request(req);
    const card = page.locator('.card');
    await expect.poll(() => card.locator('code').textContent()).toBe('rm -r build');
    const text = await card.innerText();
    for (const part of ['/work/proj', 'sandboxed (revision rev111111111)', 'session sess-1, agent claude', '[approval-required] builtin.destructive', 'write /work/proj/build']) {
      expect(text).toContain(part);
    }
    expect(await card.locator('.countdown').textContent()).toMatch(/^(1:00|0:5\d)$/);
    expect(await page.title()).toBe('(1) argent approvals');
    expect(statSync(await screenshot(page, 'approval-page-pending')).size).toBeGreaterThan(5000);
    await card.getByRole('button', { name: 'Approve', exact: true }).click();
    const o = await outcome;
    expect([o.approved, o.by, o.reason]).toEqual([true, 'web:alice', 'approved']);
    await expect.poll(() => page.locator('#history li').first().textContent()).toContain('APPROVED by web:alice (approved): rm -r build');
  });

  it('is keyboard usable: focus lands on the card (not on Approve), Tab reaches the buttons, Enter answers', async () => {
    const outcome = approver.request(request('rm -r cache', 60_000));
    await page.locator('.card').waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.className)).toBe('card');
    await expect.poll(() => page.locator('.card button.reject').isEnabled()).toBe(true);
    await page.keyboard.press('Tab'); // Approve
    await page.keyboard.press('Tab'); // Reject
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Reject');
    await page.keyboard.press('Enter');
    expect(await outcome).toMatchObject({ approved: false, by: 'web:alice', reason: 'rejected by user' });
  });

  it('clicking Reject rejects, and an unanswered request times out and leaves the page', async () => {
    const rejected = approver.request(request('rm -r dist', 60_000));
    const slow = approver.request(request('rm -r slow', 1500));
    await expect.poll(() => page.locator('.card').count()).toBe(2);
    await page.locator('.card').first().getByRole('button', { name: 'Reject' }).click();
    expect(await rejected).toMatchObject({ approved: false, by: 'web:alice', reason: 'rejected by user' });
    expect(await slow).toMatchObject({ approved: false, by: 'timeout', reason: 'approval timed out' });
    await expect.poll(() => page.locator('.card').count()).toBe(0);
    await expect.poll(() => page.locator('#history li').first().textContent()).toContain('REJECTED by timeout (approval timed out): rm -r slow');
    expect(await page.title()).toBe('argent approvals');
  });

  it('holds the buttons of a new card, and of every card when one above vanishes, so a click in flight cannot hit another request', async () => {
    const upper = request('rm -r upper', 800);
    const lower = request('rm -r lower', 60_000);
    const [upperOut, lowerOut] = [approver.request(upper), approver.request(lower)];
    await expect.poll(() => page.locator('.card').count()).toBe(2);
    const lowerApprove = page.locator(`.card[data-request-id="${lower.id}"] button.approve`);
    expect(await lowerApprove.isDisabled()).toBe(true);
    await expect.poll(() => lowerApprove.isEnabled()).toBe(true);
    expect((await upperOut).reason).toBe('approval timed out');
    // The upper card is gone and the lower one moved up under the pointer: its buttons wait again.
    await expect.poll(() => page.locator('.card').count()).toBe(1);
    expect(await lowerApprove.isDisabled()).toBe(true);
    await page.locator(`.card[data-request-id="${lower.id}"] button.reject`).click();
    expect((await lowerOut).reason).toBe('rejected by user');
  });

  it('is readable on a phone: nothing wider than the screen', async () => {
    const phone = await newPage(browser, { width: 360, height: 740 });
    await phone.goto(url);
    const outcome = approver.request(request(`rm -r ${'very-long-directory-name/'.repeat(8)}`, 60_000));
    await phone.locator('.card').waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await screenshot(phone, 'approval-page-phone');
    await phone.locator('.card').getByRole('button', { name: 'Reject' }).click();
    expect((await outcome).approved).toBe(false);
    await phone.context().close();
  });
});
