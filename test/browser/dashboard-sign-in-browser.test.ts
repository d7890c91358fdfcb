import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, TOKENS } from '../http/http-test-context.js';
import type { TestServer } from '../http/http-test-context.js';
import { CHROMIUM, hasChromium, openChromium } from './open-chromium.js';
import type { OpenChromium } from './open-chromium.js';

const PAGES = ['Chain overview', 'Live flow', 'Holds and pickups', 'Audit', 'Attribution'];

if (!hasChromium) {
  describe('the sign-in page in headless Chromium', () => {
    it.skip(`is skipped: ${CHROMIUM} is absent (install Debian's chromium package)`, () => {});
  });
}

describe.skipIf(!hasChromium)('the sign-in page in headless Chromium', () => {
  let t: TestServer;
  let url: string;
  let chromium: OpenChromium;

  beforeAll(async () => {
    t = await startTestServer();
    await t.server.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(t.server.server.address() as AddressInfo).port}/`;
    chromium = await openChromium();
  }, 60_000);

  afterAll(async () => {
    await chromium?.close();
    await t?.close();
  });

  it('shows no navigation and no signed-in bar before sign-in', async () => {
    const { page } = chromium;
    await page.goto(url);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();

    expect(await page.getByRole('navigation').count()).toBe(0);
    for (const name of PAGES) expect(await page.getByRole('link', { name }).count()).toBe(0);
    expect(await page.locator('#nav').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Sign out' }).isVisible()).toBe(false);
    await chromium.shot('dashboard-sign-in.png');
  });

  it('shows the page links once signed in, and takes them away again on sign-out', async () => {
    const { page } = chromium;
    await page.goto(url);
    await page.getByLabel('Client token').fill(TOKENS.read);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();

    for (const name of PAGES) expect(await page.getByRole('link', { name }).isVisible()).toBe(true);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await page.getByRole('navigation').count()).toBe(0);
    for (const name of PAGES) expect(await page.getByRole('link', { name }).count()).toBe(0);
  });
});
