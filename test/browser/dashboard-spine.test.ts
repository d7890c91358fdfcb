import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DASHBOARD_TOKENS, fixParkedDelivery, startDashboardSpine } from './dashboard-harness.js';
import type { DashboardSpine } from './dashboard-harness.js';

// The dashboard over real sockets against the sandbox-fed spine, without a browser: its
// numbers against `/v1/availability`, and a replay of a parked delivery through the session.
describe('the dashboard against the sandbox spine', () => {
  let d: DashboardSpine;
  let cookie: string;
  let csrfToken: string;

  beforeAll(async () => {
    d = await startDashboardSpine();
    const response = await fetch(`${d.url}/dashboard/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: DASHBOARD_TOKENS.admin }),
    });
    expect(response.status).toBe(201);
    cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    csrfToken = ((await response.json()) as { csrfToken: string }).csrfToken;
  });
  afterAll(async () => {
    await d?.close();
  });

  const get = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${d.url}${path}`, { headers: { cookie } });
    expect(response.status).toBe(200);
    return (await response.json()) as T;
  };

  it('shows per store the on hand and sellable sums of the availability API', async () => {
    const overview = await get<{
      stores: { handle: string; onHand: number; sellable: number; levels: number }[];
    }>('/dashboard/api/overview');
    const levels = await d.availability();

    for (const store of overview.stores) {
      const mine = levels.filter((level) => level.location === store.handle);
      expect(store.levels).toBe(mine.length);
      expect(store.onHand).toBe(mine.reduce((sum, level) => sum + level.states.onHand, 0));
      expect(store.sellable).toBe(mine.reduce((sum, level) => sum + (level.sellable ?? 0), 0));
    }
    // Stocked by hand in the harness: 12 + 3 + 7 at store-north, each store keeping 2 back.
    const north = overview.stores.find((store) => store.handle === 'store-north');
    expect(north).toMatchObject({ levels: 3, onHand: 22, sellable: 10 + 1 + 5 });
  });

  it('replays a parked delivery, which the processor then applies', async () => {
    const id = await d.parkDelivery();
    const flow = await get<{ parkedDeliveries: { id: string }[] }>('/dashboard/api/flow');
    expect(flow.parkedDeliveries.map((delivery) => delivery.id)).toContain(id);
    await fixParkedDelivery(d.spine, id);

    const response = await fetch(`${d.url}/dashboard/api/deliveries/replay`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify({ id }),
    });
    expect(response.status).toBe(200);
    await d.spine.settle();

    expect(await d.deliveryStatus(id)).toBe('applied');
  });
});
