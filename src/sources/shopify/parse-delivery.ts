import { parseJsonWithBigIds } from '../../shared/parse-json-with-big-ids.js';
import { TrueshelfError } from '../../shared/error-catalogue.js';
import type { DeliveryEffect } from './delivery-effect.js';
import {
  parseItemDeleteTopic,
  parseItemTopic,
  parseLevelTopic,
  parseLookupTopic,
} from './parse-inventory-topics.js';
import {
  parseFulfillmentTopic,
  parseOrderEditTopic,
  parseOrderTopic,
  parseRefundTopic,
} from './parse-order-topics.js';
import { parseProductTopic } from './parse-product-topics.js';
import { PayloadReader } from './payload-reader.js';

/**
 * Turns a stored delivery into its effect. Throws a TrueshelfError that says what was wrong
 * when the body cannot be used; the processor parks the delivery with that message.
 */
export function parseDelivery(topic: string, rawBody: string, receivedAt: string): DeliveryEffect {
  let parsed: unknown;
  try {
    parsed = parseJsonWithBigIds(rawBody);
  } catch (thrown) {
    throw new TrueshelfError(
      'invalid_json',
      `${topic} body is not valid JSON`,
      { topic },
      { cause: thrown },
    );
  }
  const body = PayloadReader.root(parsed, topic);

  switch (topic) {
    case 'inventory_levels/update':
    case 'inventory_levels/connect':
    case 'inventory_levels/disconnect':
      return parseLevelTopic(body);
    case 'inventory_items/create':
    case 'inventory_items/update':
      return parseItemTopic(body);
    case 'inventory_items/delete':
      return parseItemDeleteTopic(body);
    case 'orders/create':
    case 'orders/updated':
    case 'orders/cancelled':
      return parseOrderTopic(body, topic, receivedAt);
    case 'orders/edited':
      return parseOrderEditTopic(body, receivedAt);
    case 'refunds/create':
      return parseRefundTopic(body, receivedAt);
    case 'fulfillments/create':
    case 'fulfillments/update':
      return parseFulfillmentTopic(body, receivedAt);
    case 'products/create':
    case 'products/update':
      return parseProductTopic(body);
  }

  if (topic.startsWith('fulfillment_orders/')) return parseLookupTopic(body, 'FulfillmentOrder');
  if (topic.startsWith('inventory_transfers/')) return parseLookupTopic(body, 'InventoryTransfer');
  if (topic.startsWith('inventory_shipments/')) return parseLookupTopic(body, 'InventoryShipment');

  return { kind: 'ignored', reason: `topic ${topic} does not touch stock` };
}
