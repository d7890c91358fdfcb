import { ageOf, el, num, table, when } from './dom-helpers.js';

/** Open "sold from under a pickup" alerts, the pickup queue against its due time, live holds. */
export function holdsView(page, _params, api) {
  const body = el('div');
  page.append(el('h1', { text: 'Holds and pickups' }), body);

  return {
    async refresh() {
      const data = await api('/dashboard/api/holds');
      if (!data.enabled) {
        body.replaceChildren(
          el('p', { 'data-holds': 'not-enabled', text: 'Holds are not enabled on this database.' }),
        );
        return;
      }
      body.replaceChildren(
        el('h2', { text: 'Sold from under a pickup' }),
        table(
          'Open alerts, newest first',
          [
            { key: 'raisedAt', label: 'Raised', cell: (a) => when(a.raisedAt) },
            { key: 'location', label: 'Store', cell: (a) => a.location },
            { key: 'sku', label: 'SKU', cell: (a) => a.sku ?? a.item },
            { key: 'unitsShort', label: 'Units short', num: true, cell: (a) => num(a.unitsShort) },
            { key: 'message', label: 'What happened', wrap: true, cell: (a) => a.message },
          ],
          data.alerts,
        ),
        el('h2', { text: 'Pickup queue' }),
        table(
          'Open pickup orders, oldest first, against the store’s pickup time',
          [
            { key: 'order', label: 'Order', cell: (p) => p.orderName ?? p.orderId },
            { key: 'location', label: 'Store', cell: (p) => p.location ?? '—' },
            { key: 'age', label: 'Age', cell: (p) => ageOf(p.ageSeconds) },
            { key: 'dueAt', label: 'Due', cell: (p) => when(p.dueAt) },
            {
              key: 'state',
              label: 'State',
              cell: (p) =>
                p.overdue
                  ? el('span', { class: 'badge overdue', text: 'overdue' })
                  : p.readyAt
                    ? 'ready'
                    : 'preparing',
            },
            {
              key: 'units',
              label: 'Units',
              num: true,
              cell: (p) => num(p.lines.reduce((sum, l) => sum + l.quantity, 0)),
            },
          ],
          data.pickups,
        ),
        el('h2', { text: 'Live holds' }),
        table(
          'Active holds and holds in checkout',
          [
            { key: 'cartId', label: 'Cart', cell: (h) => h.cartId },
            { key: 'status', label: 'Status', cell: (h) => h.status },
            {
              key: 'lines',
              label: 'Lines',
              wrap: true,
              cell: (h) =>
                h.lines
                  .map((l) => `${l.quantity} × ${l.sku ?? l.item} at ${l.location}`)
                  .join('; '),
            },
            { key: 'expiresAt', label: 'Expires', cell: (h) => when(h.expiresAt) },
          ],
          data.holds,
        ),
      );
    },
  };
}
