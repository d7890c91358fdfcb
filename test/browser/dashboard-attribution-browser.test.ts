import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttributionReport } from '../../src/reports/attribution/attribution-report.js';
import { localDay } from '../../src/reports/attribution/local-day.js';
import { DASHBOARD_TOKENS, startDashboardSpine } from './dashboard-harness.js';
import type { DashboardSpine } from './dashboard-harness.js';
import { CHROMIUM, hasChromium, openChromium } from './open-chromium.js';
import type { OpenChromium } from './open-chromium.js';

/** An amount cell as minor units: "20.00" → 2000. */
async function minorIn(cell: Locator): Promise<number> {
  return Math.round(Number((await cell.textContent())?.replace(/,/g, '').trim()) * 100);
}

if (!hasChromium) {
  describe('the attribution page in headless Chromium', () => {
    it.skip(`is skipped: ${CHROMIUM} is absent (install Debian's chromium package)`, () => {});
  });
}

// Two POS sales in the sandbox, each at 10.00 a unit: 2 MUG-RED carried out of store-north and
// 1 TEE-S out of store-south. By the default credit rules the selling store earns the whole
// sale and the fulfilling location (the same store) the whole fulfilment, so by hand:
// store-north 20.00 sale and 20.00 fulfilment, store-south 10.00 and 10.00, 30.00 each in all.
describe.skipIf(!hasChromium)('the attribution page in headless Chromium', () => {
  let d: DashboardSpine;
  let browser: OpenChromium;
  let page: Page;
  let api: AttributionReport;
  let range: { from: string; to: string };

  beforeAll(async () => {
    d = await startDashboardSpine();
    const sell = (store: string, sku: string, quantity: number) =>
      d.spine.sandbox.store.posSale({
        location: d.spine.locationIds[store] ?? '',
        lines: [{ sku, quantity }],
      });
    sell('store-north', 'MUG-RED', 2);
    sell('store-south', 'TEE-S', 1);
    await d.spine.settle();

    // The page's default: the last 7 days up to today in the e-commerce zone (UTC here).
    const to = localDay(new Date().toISOString(), 'UTC');
    const from = new Date(Date.parse(`${to}T00:00:00Z`) - 6 * 86_400_000)
      .toISOString()
      .slice(0, 10);
    range = { from, to };
    const response = await fetch(`${d.url}/v1/reports/attribution?from=${from}&to=${to}`, {
      headers: { authorization: `Bearer ${DASHBOARD_TOKENS.read}` },
    });
    expect(response.status).toBe(200);
    api = (await response.json()) as AttributionReport;

    browser = await openChromium();
    page = browser.page;
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await d?.close();
  });

  it('shows sale and fulfilment credit per store as the attribution API reports them', async () => {
    await page.goto(d.url);
    await page.getByLabel('Client token').fill(DASHBOARD_TOKENS.read);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Attribution' }).click();
    await page.locator('[data-store="store-north"]').waitFor({ timeout: 10_000 });

    expect(api.stores.map((s) => s.store).sort()).toEqual(['store-north', 'store-south']);
    for (const store of api.stores) {
      const row = page.locator(`[data-store="${store.store}"]`);
      expect(await minorIn(row.locator('[data-field="saleCredit"]'))).toBe(store.saleCredit);
      expect(await minorIn(row.locator('[data-field="fulfilmentCredit"]'))).toBe(
        store.fulfilmentCredit,
      );
    }
    const north = page.locator('[data-store="store-north"]');
    expect(await minorIn(north.locator('[data-field="saleCredit"]'))).toBe(2000);
    expect(await minorIn(north.locator('[data-field="fulfilmentCredit"]'))).toBe(2000);
    expect(await minorIn(page.locator('[data-card="saleCredit"]'))).toBe(3000);
    expect(await minorIn(page.locator('[data-card="fulfilmentCredit"]'))).toBe(3000);
    expect(await page.getByLabel('First day').inputValue()).toBe(range.from);
    expect(await page.getByLabel('Last day').inputValue()).toBe(range.to);
  });

  it('charts each day of the range, the sales on their store-local day', async () => {
    const bars = page.locator('svg[data-chart="attribution-days"] rect');
    // Seven days, two columns each.
    expect(await bars.count()).toBe(14);

    const saleDays = new Map<string, number>();
    for (const day of api.days)
      saleDays.set(day.day, (saleDays.get(day.day) ?? 0) + day.saleCredit);
    for (const [day, credit] of saleDays) {
      const title = await page
        .locator(
          `svg[data-chart="attribution-days"] rect[data-day="${day}"][data-series="Sale credit"] title`,
        )
        .textContent();
      expect(title).toBe(`${day} Sale credit: ${(credit / 100).toFixed(2)}`);
    }
    expect([...saleDays.values()].reduce((sum, v) => sum + v, 0)).toBe(3000);
    // The table under the chart lists the same days with their amounts.
    for (const [day, credit] of saleDays) {
      expect(await minorIn(page.locator(`tr[data-day="${day}"] [data-field="saleCredit"]`))).toBe(
        credit,
      );
    }
    await browser.shot('attribution.png');
  });

  it('narrows the chart to one store chosen by keyboard, keeping the focus on the list', async () => {
    const select = page.getByLabel('Chart for');
    await select.focus();
    // Type-ahead: "s" picks the first store whose name starts with it.
    await page.keyboard.press('s');
    await expect.poll(() => select.inputValue()).not.toBe('');
    const chosen = await select.inputValue();

    expect(await page.evaluate<string>('document.activeElement.id')).toBe('attribution-store');
    const label = await page
      .locator('svg[data-chart="attribution-days"]')
      .getAttribute('aria-label');
    const name = api.stores.find((s) => s.store === chosen)?.name ?? '?';
    expect(label).toContain(`for ${name}`);
    const mine = api.days.filter((day) => day.store === chosen);
    expect(await page.locator('tr[data-day]').count()).toBe(mine.length);
    for (const day of mine) {
      const row = page.locator(`tr[data-day="${day.day}"]`);
      expect(await minorIn(row.locator('[data-field="saleCredit"]'))).toBe(day.saleCredit);
      expect(await minorIn(row.locator('[data-field="fulfilmentCredit"]'))).toBe(
        day.fulfilmentCredit,
      );
    }
  });

  it('shows another range from the form, saying when it holds no credit', async () => {
    await page.getByLabel('First day').fill('2020-01-01');
    await page.getByLabel('Last day').fill('2020-01-03');
    await page.getByRole('button', { name: 'Show' }).click();

    await page.locator('[data-attribution="empty"]').waitFor({ timeout: 10_000 });
    expect(await page.locator('[data-attribution="empty"]').textContent()).toBe(
      'No credit recorded from 2020-01-01 to 2020-01-03.',
    );
    expect(page.url()).toContain('#/attribution?from=2020-01-01&to=2020-01-03');
  });

  it('fits a tablet without scrolling sideways', async () => {
    await page.setViewportSize({ width: 820, height: 1180 });
    await page.goto(`${d.url}/#/attribution`);
    await page.locator('[data-store="store-south"]').waitFor({ timeout: 10_000 });

    const overflow = await page.evaluate<number>(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await browser.shot('attribution-tablet.png');
  });
});
