import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DASHBOARD_TOKENS, fixParkedDelivery, startDashboardSpine } from './dashboard-harness.js';
import type { DashboardSpine } from './dashboard-harness.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const SCREENSHOTS = fileURLToPath(new URL('../../artifacts/screenshots/', import.meta.url));

/** The numbers a cell shows, without the thousands separators the page adds. */
async function numberIn(cell: Locator): Promise<number> {
  return Number((await cell.textContent())?.replace(/,/g, '').trim());
}

if (!hasChromium) {
  describe('the dashboard in headless Chromium', () => {
    it.skip(`is skipped: ${CHROMIUM} is absent (install Debian's chromium package)`, () => {});
  });
}

describe.skipIf(!hasChromium)('the dashboard in headless Chromium', () => {
  let d: DashboardSpine;
  let profile: string;
  let browser: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    d = await startDashboardSpine();
    profile = mkdtempSync(join(tmpdir(), 'trueshelf-chromium-'));
    // A fresh profile per run; playwright takes it as the persistent context's directory.
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1280, height: 900 },
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    page = browser.pages()[0] ?? (await browser.newPage());
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await d?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, name), fullPage: true });

  it('refuses a token it does not know, with a message by the form', async () => {
    await page.goto(d.url);
    await page.getByLabel('Client token').fill('not-a-token-anyone-holds');
    await page.getByRole('button', { name: 'Sign in' }).click();

    await expect
      .poll(() => page.locator('#sign-in-error').textContent(), { timeout: 10_000 })
      .toContain('not one');
    expect(await page.locator('#page').isHidden()).toBe(true);
  });

  it('signs in and shows each store with the on hand and sellable sums of the API', async () => {
    await page.getByLabel('Client token').fill(DASHBOARD_TOKENS.admin);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('[data-store="store-north"]').waitFor();

    const levels = await d.availability();
    for (const handle of ['store-north', 'store-south', 'warehouse-east']) {
      const mine = levels.filter((level) => level.location === handle);
      const row = page.locator(`[data-store="${handle}"]`);
      expect(await numberIn(row.locator('[data-field="onHand"]'))).toBe(
        mine.reduce((sum, level) => sum + level.states.onHand, 0),
      );
      expect(await numberIn(row.locator('[data-field="sellable"]'))).toBe(
        mine.reduce((sum, level) => sum + (level.sellable ?? 0), 0),
      );
    }
    // By hand from the harness's stock: 22 on hand at store-north, 2 kept back per level.
    expect(await numberIn(page.locator('[data-card="onHand"]'))).toBe(22 + 6 + 40);
    expect(await page.locator('[data-store="store-north"] [data-field="mode"]').textContent()).toBe(
      'publish',
    );
    await shot('overview.png');
  });

  it('lists a store’s items with the API’s numbers, and the search narrows them', async () => {
    await page.locator('[data-store="store-north"] a').click();
    await page.locator('[data-item]').first().waitFor();

    const levels = await d.availability('store-north');
    expect(await page.locator('tbody tr[data-item]').count()).toBe(levels.length);
    for (const level of levels) {
      const row = page.locator(`[data-item="${level.itemId}"]`);
      expect(await numberIn(row.locator('[data-field="onHand"]'))).toBe(level.states.onHand);
      expect(await numberIn(row.locator('[data-field="committed"]'))).toBe(level.states.committed);
      expect(await numberIn(row.locator('[data-field="buffer"]'))).toBe(level.buffer);
      expect(await numberIn(row.locator('[data-field="sellable"]'))).toBe(level.sellable);
    }

    await page.getByLabel('Search').fill('MUG-B');
    expect(await page.locator('tbody tr[data-item]').count()).toBe(1);
    await shot('store.png');
    await page.getByLabel('Search').fill('');
  });

  it('shows an item at every store with its decision explained and its ledger', async () => {
    await page.getByRole('link', { name: 'MUG-RED' }).click();
    await page.locator('[data-location="store-north"]').waitFor();

    const levels = (await d.availability()).filter((level) => level.sku === 'MUG-RED');
    expect(levels.length).toBe(3);
    for (const level of levels) {
      const row = page.locator(`[data-location="${level.location}"]`);
      expect(await numberIn(row.locator('[data-field="onHand"]'))).toBe(level.states.onHand);
      expect(await numberIn(row.locator('[data-field="sellable"]'))).toBe(level.sellable);
    }
    // store-north: 12 units, 2 of them placed in safety stock, so 10 sellable.
    expect(await page.locator('[data-explain="store-north"]').textContent()).toContain(
      'sellable = max(0, 12 − buffer 2 − held 0) = 10',
    );
    expect(await page.locator('table').nth(1).locator('tbody tr').count()).toBeGreaterThan(0);
    await shot('item.png');
  });

  it('replays a parked delivery from the live-flow page, which is then applied', async () => {
    const id = await d.parkDelivery();
    await page.getByRole('link', { name: 'Live flow' }).click();
    const row = page.locator(`[data-delivery="${id}"]`);
    await row.waitFor();
    await shot('flow-parked.png');

    await fixParkedDelivery(d.spine, id);
    await row.getByRole('button').click();
    await row.waitFor({ state: 'detached' });

    expect(['pending', 'applied']).toContain(await d.deliveryStatus(id));
    await d.spine.settle();
    expect(await d.deliveryStatus(id)).toBe('applied');
    await shot('flow-replayed.png');
  });

  it('draws the signal-to-channel latency once a sale has reached Shopify', async () => {
    // Selling 3 MUG-BLUE at store-north with 1 available leaves it at −2: the 2 buffer units go
    // back to available, a push whose latency the ring records.
    d.spine.sandbox.store.posSale({
      location: d.spine.locationIds['store-north'] ?? '',
      lines: [{ sku: 'MUG-BLUE', quantity: 3 }],
    });
    await d.spine.settle();
    expect(d.spine.running.context.metrics.recentLatencies.count).toBeGreaterThan(0);

    await expect
      .poll(() => page.locator('[data-card="p50"]').textContent(), { timeout: 10_000 })
      .toMatch(/^(\d+ ms|\d+\.\d\d s)$/);
    expect(await page.locator('svg polyline').count()).toBe(2);
    await shot('flow-latency.png');
  });

  it('shows the holds and pickup queue page', async () => {
    await page.getByRole('link', { name: 'Holds and pickups' }).click();
    await page.getByRole('heading', { name: 'Pickup queue' }).waitFor();

    await shot('holds.png');
  });

  it('fits a tablet without the page scrolling sideways', async () => {
    await page.setViewportSize({ width: 820, height: 1180 });
    await page.getByRole('link', { name: 'Chain overview' }).click();
    await page.locator('[data-store="store-north"]').waitFor();

    // Evaluated in the page, so written as a string: this project's types have no DOM.
    const overflow = await page.evaluate<number>(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await shot('overview-tablet.png');
  });

  it('is reachable by keyboard: the first Tab lands on the skip link', async () => {
    await page.reload();
    await page.locator('[data-store="store-north"]').waitFor();
    await page.keyboard.press('Tab');

    expect(await page.evaluate<string>('document.activeElement.textContent')).toBe(
      'Skip to content',
    );
  });

  it('signs out, and a read token sees replay buttons it cannot press', async () => {
    const id = await d.parkDelivery();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Client token').waitFor();
    await page.getByLabel('Client token').fill(DASHBOARD_TOKENS.read);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Live flow' }).click();

    const button = page.locator(`[data-delivery="${id}"] button`);
    await button.waitFor();
    expect(await button.isDisabled()).toBe(true);
    expect(await d.deliveryStatus(id)).toBe('unprocessable');
  });
});
