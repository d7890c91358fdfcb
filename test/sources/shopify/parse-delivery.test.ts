import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDelivery } from '../../../src/sources/shopify/parse-delivery.js';
import { needsSharedData, sharedDataPath, withSharedData } from '../../support/shared-data.js';

const samples = `${sharedDataPath('shopify/official-doc-samples')}/`;

function sample(file: string): { topic: string; body: string } {
  const [, topicPart = ''] = /^\d{4}-\d{2}__(.+)\.json$/.exec(file) ?? [];
  const topic = topicPart.replace('__', '/');
  const raw = readFileSync(`${samples}${file}`, 'utf8');
  return { topic, body: JSON.stringify((JSON.parse(raw) as { response: unknown }).response) };
}

describe.runIf(withSharedData)(
  needsSharedData('parseDelivery on Shopify’s documented samples'),
  () => {
    const files = withSharedData ? readdirSync(samples).filter((f) => f.endsWith('.json')) : [];

    it.each(files)('%s is understood without parking', (file) => {
      const { topic, body } = sample(file);
      expect(() => parseDelivery(topic, body, '2026-12-01T00:00:00.000Z')).not.toThrow();
    });

    it('takes the item id of a level update from its gid, exact beyond 2^53', () => {
      const { body } = sample('2024-04__inventory_levels__update.json');
      const effect = parseDelivery('inventory_levels/update', body, '2026-12-01T00:00:00.000Z');

      expect(effect).toMatchObject({
        kind: 'apply',
        signals: [
          { by: 'item', shopifyItemId: '271878346596884015', shopifyLocationId: '24826418' },
        ],
      });
    });

    it('records a web order’s lines as facts and re-reads every level of each item', () => {
      const { body } = sample('2026-04__orders__create.json');
      const effect = parseDelivery('orders/create', body, '2026-12-01T00:00:00.000Z');
      if (effect.kind !== 'apply') throw new Error('expected apply');

      const orderFacts = effect.facts.filter((f) => f.kind === 'order');
      expect(orderFacts.length).toBeGreaterThan(0);
      expect(effect.signals.every((s) => s.by === 'variant' && s.shopifyLocationId === '*')).toBe(
        true,
      );
      expect(effect.order?.sourceName).toBe('web');
    });

    it('reads no_restock refund lines as facts with no stock signal', () => {
      const { body } = sample('2026-04__refunds__create.json');
      const effect = parseDelivery('refunds/create', body, '2026-12-01T00:00:00.000Z');
      if (effect.kind !== 'apply') throw new Error('expected apply');

      expect(effect.facts.length).toBe(5);
      expect(effect.facts.every((f) => f.kind === 'refund_none')).toBe(true);
      expect(effect.signals).toEqual([]);
    });

    it('parks a body that names a quantity as text, saying where and what was expected', () => {
      const body = JSON.stringify({
        id: 1,
        order_id: 2,
        location_id: 3,
        line_items: [{ id: 4, variant_id: 5, quantity: 'two' }],
      });

      expect(() => parseDelivery('fulfillments/create', body, '2026-12-01T00:00:00.000Z')).toThrow(
        'fulfillments/create.line_items[0].quantity: expected a whole number of units ≥ 0, saw "two"',
      );
    });

    it('acknowledges topics that do not touch stock as ignored', () => {
      expect(parseDelivery('locations/update', '{"id":1}', '2026-12-01T00:00:00.000Z')).toEqual({
        kind: 'ignored',
        reason: 'topic locations/update does not touch stock',
      });
    });
  },
);
