import type { LocalInventoryRow } from '../../../../src/channels/google/local-inventory-row.js';

const product = { contentLanguage: 'en', feedLabel: 'US' };

/**
 * Four rows at two stores. S1 offers pickup; S2 does not. `sku/123` needs base64url in the API
 * path but travels as it is in a file; `R&D <x>` needs escaping in XML.
 */
export const feedRows: LocalInventoryRow[] = [
  {
    ...product,
    offerId: 'SKU-1',
    storeCode: 'S1',
    availability: 'IN_STOCK',
    quantity: 7,
    price: { amountMicros: '28000000', currencyCode: 'USD' },
    pickupMethod: 'BUY',
    pickupSla: 'SAME_DAY',
    instoreProductLocation: 'Aisle 4',
  },
  {
    ...product,
    offerId: 'sku/123',
    storeCode: 'S1',
    availability: 'LIMITED_AVAILABILITY',
    quantity: 2,
    pickupMethod: 'SHIP_TO_STORE',
    pickupSla: 'TWO_DAY',
  },
  {
    ...product,
    offerId: 'R&D <x>',
    storeCode: 'S2',
    availability: 'OUT_OF_STOCK',
    quantity: 0,
    pickupMethod: 'NOT_SUPPORTED',
  },
  {
    ...product,
    offerId: 'SKU-9',
    storeCode: 'S2',
    availability: 'IN_STOCK',
    quantity: 12,
    price: { amountMicros: '12000000', currencyCode: 'USD' },
    salePrice: { amountMicros: '9500000', currencyCode: 'USD' },
    pickupMethod: 'NOT_SUPPORTED',
  },
];
