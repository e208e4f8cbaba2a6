// End to end: the built CLIs, real bwrap, Debian's chromium driven by playwright-core. A person on the
// approval page approves, rejects or ignores what `argent-run --approver web` wants to run, and the
// command really runs (or really does not); `argent approvals serve` does the same for two sessions.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, screenshot } from '../approval/browser.js';

const RUN = resolve('dist/src/cli/argent-run.cjs');
const ARGENT = resolve('dist/src/cli/argent.cjs');
let root: string;
let env: Record<string, string>;
let browser: Browser;
const started: ChildProcess[] = [];

interface Proc {
  child: ChildProcess;
  out: () => string;
  err: () => string;
  exit: Promise<number | null>;
  /** Resolves with the first match of `re` in stdout+stderr. */
  waitFor: (re: RegExp, ms?: number) => Promise<RegExpExecArray>;
}

function start(cli: string, args: string[], cwd: string): Proc {
  const child = spawn(process.execPath, [cli, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d));
  child.stderr!.on('data', (d: Buffer) => (err += d));
  const exit = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  const waitFor = async (re: RegExp, ms = 15_000) => {
    const end = Date.now() + ms;
    for (;;) {
      const m = re.exec(out + err);
      if (m) return m;
      if (Date.now() > end) throw new Error(`timed out waiting for ${re}; stdout ${JSON.stringify(out)}, stderr ${JSON.stringify(err)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  return { child, out: () => out, err: () => err, exit, waitFor };
}

/** A working root with a build/ folder for the command to delete. */
function workdir(name: string): string {
  const dir = join(root, name);
  mkdirSync(join(dir, 'build'), { recursive: true });
  writeFileSync(join(dir, 'build', 'old.o'), 'x');
  return dir;
}

function profile(name: string, approvalTimeoutMs: number): string {
  const path = join(root, `${name}.json`);
  // Written once, and atomically: sessions started earlier may be reading it right now.
  if (!existsSync(path)) {
    writeFileSync(`${path}.tmp`, JSON.stringify({ security: { mode: 'sandboxed', approvalTimeoutMs }, toolPolicies: { exec: { allowedPaths: ['${WORKDIR}'] } } }));
    renameSync(`${path}.tmp`, path);
  }
  return path;
}

const auditRecords = () => readFileSync(join(root, 'audit.log'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
const COMMAND = 'rm -r build && echo "it ran" > result.txt && echo output-from-sandbox';

beforeAll(async () => {
  for (const cli of [RUN, ARGENT]) if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run build\` (npm test does) before this suite`);
  root = mkdtempSync(join(tmpdir(), 'argent-web-e2e-'));
  // Our own runtime folder, so the shared page's socket is this suite's and nobody else's.
  mkdirSync(join(root, 'run'), { mode: 0o700 });
  env = { ...(process.env as Record<string, string>), XDG_RUNTIME_DIR: join(root, 'run'), ARGENT_AUDIT_LOG: join(root, 'audit.log') };
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const c of started) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await browser?.close();
  rmSync(root, { recursive: true, force: true });
});

async function openPage(url: string, name: string): Promise<Page> {
  const page = await newPage(browser);
  await page.goto(url);
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Your name').blur();
  return page;
}

describe('argent-run --approver web (its own page)', () => {
  it('shows the pending command with cwd, profile, rules, paths and countdown; Approve runs it for real', async () => {
    const work = workdir('approve');
    const p = start(RUN, ['--profile', profile('minute', 60_000), '--approver', 'web', '-c', COMMAND], work);
    const [, url] = await p.waitFor(/argent-run: approval page: (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{43})\n/);
    const page = await openPage(url!, 'alice');
    const card = page.locator('.card');
    await expect.poll(() => card.locator('code').textContent()).toBe(COMMAND);
    const rows = await card.locator('dt').evaluateAll((dts) => dts.map((dt) => [dt.textContent, dt.nextElementSibling?.textContent]));
    const why = 'sandboxed mode: `rm -r build` removes files (destructive: remove)';
    expect(rows).toEqual([
      ['cwd', work],
      ['profile', expect.stringMatching(new RegExp(`^${root}/minute\\.json \\(revision [0-9a-f]{12}\\)$`))],
      ['asked by', expect.stringMatching(/^session [0-9a-f]{12}$/)],
      ['why', why],
      ['rule', `[approval-required] security.mode: ${why}`],
      ['path', `write ${work}/build`],
      ['path', `write ${work}/result.txt`],
      ['auto-reject in', expect.stringMatching(/^(1:00|0:5\d)$/)],
    ]);
    await screenshot(page, 'e2e-approval-pending');
    await card.getByRole('button', { name: 'Approve', exact: true }).click();
    expect(await p.exit).toBe(0);
    expect(p.out()).toBe('output-from-sandbox\n');
    expect(readFileSync(join(work, 'result.txt'), 'utf8')).toBe('it ran\n');
    expect(existsSync(join(work, 'build'))).toBe(false);
    const outcome = auditRecords().find((r) => r.event === 'approval.outcome' && (r.outcome as { by: string }).by === 'web:alice');
    expect(outcome?.outcome).toMatchObject({ approved: true, by: 'web:alice', reason: 'approved' });
    await page.context().close();
  });

  it('refuses a wrong token (page and answer), and Reject keeps the command from running: exit 126', async () => {
    const work = workdir('reject');
    const p = start(RUN, ['--profile', profile('minute', 60_000), '--approver', 'web', '-c', COMMAND], work);
    const [, url] = await p.waitFor(/approval page: (\S+)\n/);
    const wrong = url!.replace(/token=[\w-]+/, 'token=not-the-token');
    const intruder = await newPage(browser);
    expect((await intruder.goto(wrong))?.status()).toBe(401);
    expect(await intruder.locator('body').innerText()).toBe('{"error":"missing or wrong token"}');
    const state = await fetch(url!.replace('/?', '/api/state?')).then((r) => r.json() as Promise<{ pending: { requestId: string }[] }>);
    const forged = await fetch(new URL('/api/answer', url!), { method: 'POST', headers: { 'content-type': 'application/json', 'x-argent-token': 'not-the-token' }, body: JSON.stringify({ requestId: state.pending[0]!.requestId, approve: true }) });
    expect(forged.status).toBe(401);
    await intruder.context().close();

    const page = await openPage(url!, 'bob');
    await page.locator('.card').getByRole('button', { name: 'Reject' }).click();
    expect(await p.exit).toBe(126);
    expect(p.err()).toContain('argent-run: refused: approval required (security.mode): sandboxed mode: `rm -r build` removes files (destructive: remove); not approved: rejected by user\n');
    expect(p.out()).toBe('');
    expect([existsSync(join(work, 'result.txt')), existsSync(join(work, 'build', 'old.o'))]).toEqual([false, true]);
    await page.context().close();
  });

  it('rejects a request nobody answers when the profile\'s approvalTimeoutMs runs out: exit 126, "approval timed out"', async () => {
    const work = workdir('timeout');
    const p = start(RUN, ['--profile', profile('short', 2000), '--approver', 'web', '-c', COMMAND], work);
    const [, url] = await p.waitFor(/approval page: (\S+)\n/);
    const page = await openPage(url!, 'carol');
    await page.locator('.card').waitFor();
    expect(await page.locator('.countdown').textContent()).toMatch(/^0:0[12]$/);
    await screenshot(page, 'e2e-approval-countdown');
    const began = Date.now();
    expect(await p.exit).toBe(126);
    expect(Date.now() - began).toBeLessThan(3000);
    expect(p.err()).toMatch(/not approved: approval timed out\n$/);
    expect([existsSync(join(work, 'result.txt')), existsSync(join(work, 'build', 'old.o'))]).toEqual([false, true]);
    await page.context().close();
  });
});

describe('argent approvals serve (one page for several sessions)', () => {
  it('shows two sessions\' requests on one page, routes each answer to its own session, and drops a killed session\'s request', async () => {
    const serve = start(ARGENT, ['approvals', 'serve'], root);
    const [, url] = await serve.waitFor(/argent approvals: approval page: (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{43})\n/);
    const socket = join(root, 'run', 'argent', 'approvals.sock');
    await serve.waitFor(new RegExp(`socket ${socket}\\)`));
    const page = await openPage(url!, 'dana');

    const [wa, wb, wc] = [workdir('shared-a'), workdir('shared-b'), workdir('shared-c')];
    const a = start(RUN, ['--profile', profile('minute', 60_000), '--approver', 'web', '-c', COMMAND], wa);
    const b = start(RUN, ['--profile', profile('minute', 60_000), '--approver', 'web', '-c', COMMAND], wb);
    const c = start(RUN, ['--profile', profile('minute', 60_000), '--approver', 'web', '-c', COMMAND], wc);
    for (const s of [a, b, c]) await s.waitFor(new RegExp(`argent-run: approvals go to the shared approval page \\(argent approvals serve, ${socket}\\)\\n`));
    await expect.poll(() => page.locator('.card').count()).toBe(3);
    await screenshot(page, 'e2e-shared-page');
    // Each card names its working root: answer by what the person reads, not by position.
    const cardFor = (work: string) => page.locator('.card').filter({ has: page.locator('dd', { hasText: new RegExp(`^${work.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) });
    const cwds = await page.locator('.card').evaluateAll((cards) => cards.map((x) => x.querySelector('dd')?.textContent));
    expect(cwds.sort()).toEqual([wa, wb, wc]);
    const askers = await page.locator('.card').evaluateAll((cards) => cards.map((x) => x.querySelectorAll('dd')[2]?.textContent));
    expect(new Set(askers).size).toBe(3);

    // Session c dies (kill -9) while waiting: its request leaves the page.
    c.child.kill('SIGKILL');
    await expect.poll(() => page.locator('.card').count()).toBe(2);
    await expect.poll(() => page.locator('#history li').first().textContent()).toContain('REJECTED by argent (session ended (its argent-run disconnected))');

    await cardFor(wb).getByRole('button', { name: 'Reject' }).click();
    expect(await b.exit).toBe(126);
    await cardFor(wa).getByRole('button', { name: 'Approve', exact: true }).click();
    expect(await a.exit).toBe(0);
    expect(a.out()).toBe('output-from-sandbox\n');
    expect(readFileSync(join(wa, 'result.txt'), 'utf8')).toBe('it ran\n');
    expect([existsSync(join(wb, 'result.txt')), existsSync(join(wb, 'build', 'old.o'))]).toEqual([false, true]);
    expect(b.err()).toMatch(/not approved: rejected by user\n$/);
    const outcomes = auditRecords().filter((r) => r.event === 'approval.outcome' && String((r.outcome as { by: string }).by).startsWith('web:dana'));
    expect(outcomes.map((r) => (r.outcome as { approved: boolean }).approved).sort()).toEqual([false, true]);
    await expect.poll(() => page.locator('#history li').count()).toBe(3);

    // SECURITY: the sandboxed command must not reach the socket (it could flood the page with requests).
    // A script, so the policy (which would block the path outright) lets it run and the sandbox answers.
    writeFileSync(join(wa, 'probe.sh'), `test -e ${socket} && echo visible || echo hidden\n`);
    const peek = start(RUN, ['--profile', profile('minute', 60_000), '-c', 'bash probe.sh'], wa);
    expect(await peek.exit).toBe(0);
    expect([peek.out(), existsSync(socket)]).toEqual(['hidden\n', true]);

    serve.child.kill('SIGTERM');
    expect(await serve.exit).toBe(0);
    expect(existsSync(socket)).toBe(false);
    await page.context().close();
  });
});
