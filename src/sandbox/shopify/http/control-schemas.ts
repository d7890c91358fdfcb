import { z } from 'zod';
import { QUANTITY_NAMES } from '../state/quantity-names.js';

/** One schema per control endpoint body; each also gives the handler its input type. */
const id = z.string().min(1);
const line = z.object({
  sku: z.string().optional(),
  variantId: id.optional(),
  inventoryItemId: id.optional(),
  quantity: z.number().int().positive(),
});
const pickupTime = z.enum([
  'ONE_HOUR',
  'TWO_HOURS',
  'FOUR_HOURS',
  'TWENTY_FOUR_HOURS',
  'TWO_TO_FOUR_DAYS',
  'FIVE_OR_MORE_DAYS',
]);

export const locationBody = z.object({
  name: z.string().min(1),
  isActive: z.boolean().optional(),
  fulfillsOnlineOrders: z.boolean().optional(),
  pickup: z
    .union([
      z.boolean(),
      z.null(),
      z.object({ pickupTime: pickupTime.optional(), instructions: z.string().optional() }),
    ])
    .optional(),
  address: z.record(z.string(), z.string().nullable()).optional(),
  priority: z.number().int().optional(),
});

export const locationPatchBody = locationBody.partial();

export const productBody = z.object({
  title: z.string().min(1),
  variants: z
    .array(
      z.object({
        sku: z.string().nullable().optional(),
        barcode: z.string().nullable().optional(),
        title: z.string().optional(),
        price: z.string().optional(),
        cost: z.string().nullable().optional(),
        tracked: z.boolean().optional(),
        inventoryPolicy: z.enum(['DENY', 'CONTINUE']).optional(),
        requiresShipping: z.boolean().optional(),
      }),
    )
    .min(1),
});

export const inventoryItemPatchBody = z.object({
  sku: z.string().nullable().optional(),
  tracked: z.boolean().optional(),
  cost: z.string().nullable().optional(),
  requiresShipping: z.boolean().optional(),
});

export const levelBody = z.object({
  inventoryItemId: id,
  locationId: id,
  available: z.number().int().optional(),
});

export const quantityBody = z.object({
  inventoryItemId: id,
  locationId: id,
  name: z.enum(QUANTITY_NAMES),
  quantity: z.number().int(),
});

export const posSaleBody = z.object({
  location: id,
  lines: z.array(line.extend({ shipFrom: id.optional() })).min(1),
  staffId: id.optional(),
});

export const onlineOrderBody = z.object({
  lines: z.array(line).min(1),
  delivery: z.enum(['shipping', 'pickup']),
  pickupLocation: id.optional(),
  cartToken: z.string().optional(),
  noteAttributes: z.array(z.object({ name: z.string(), value: z.string() })).optional(),
  email: z.string().optional(),
  tags: z.array(z.string()).optional(),
});

export const fulfilBody = z.object({
  lines: z.array(z.object({ lineItemId: id, quantity: z.number().int().positive() })).optional(),
});

export const refundBody = z.object({
  lines: z
    .array(
      z.object({
        lineItemId: id,
        quantity: z.number().int().positive(),
        restockType: z.enum(['no_restock', 'cancel', 'return']),
      }),
    )
    .min(1),
  locationId: id.optional(),
  note: z.string().optional(),
  staffId: id.optional(),
});

export const cancelBody = z.object({
  restock: z.boolean().optional(),
  reason: z.enum(['customer', 'fraud', 'inventory', 'declined', 'other', 'staff']).optional(),
  staffId: id.optional(),
});

export const editBody = z.object({
  removals: z
    .array(
      z.object({
        lineItemId: id,
        delta: z.number().int().positive(),
        restock: z.boolean().optional(),
      }),
    )
    .optional(),
  additions: z.array(line).optional(),
  staffNote: z.string().optional(),
});

export const transferBody = z.object({ from: id, to: id, lines: z.array(line).min(1) });

export const receiveBody = z.object({
  lines: z.array(line.extend({ rejected: z.number().int().nonnegative().optional() })).optional(),
});

export const webhookTargetBody = z.object({
  url: z.string().nullable(),
  topics: z.array(z.string()).optional(),
});

export const webhookFaultsBody = z.object({
  drop: z
    .object({ count: z.number().int().nonnegative(), topic: z.string().optional() })
    .optional(),
  duplicate: z
    .object({
      times: z.number().int().positive(),
      count: z.number().int().positive().optional(),
      topic: z.string().optional(),
    })
    .optional(),
  delayMs: z.number().int().nonnegative().optional(),
  reorder: z.object({ batchSize: z.number().int().positive() }).optional(),
});

export const apiFaultBody = z.object({
  kind: z.enum(['http_429', 'http_503', 'throttled', 'hang', 'drop']),
  count: z.number().int().positive().optional(),
  retryAfter: z.string().optional(),
});
