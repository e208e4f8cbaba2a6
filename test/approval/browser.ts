// The one browser driver for the approval page tests: playwright-core driving Debian's chromium
// (no browser download), with the flags that keep it quiet offline, and screenshots as test artifacts.
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

// Where screenshots go: ARGENT_ARTIFACTS_DIR in CI, else test-artifacts/ (git-ignored).
export const ARTIFACTS = process.env.ARGENT_ARTIFACTS_DIR ?? resolve('test-artifacts');

/** Headless chromium; fails (never skips) when the browser is missing: scripts/setup.sh installs it. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (scripts/setup.sh does)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    // --no-sandbox: tests run as root; the rest stop chromium from reaching for the (closed) network.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A fresh page (own storage, so a name typed in one test does not leak into another). */
export async function newPage(browser: Browser, viewport = { width: 800, height: 900 }): Promise<Page> {
  const context = await browser.newContext({ viewport });
  return context.newPage();
}

/** Saves a full-page PNG under the artifacts folder; returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
