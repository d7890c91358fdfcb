import { emptyQuantities, quantityNames } from '../../../domain/quantities/level-quantities.js';
import type { QuantityName } from '../../../domain/quantities/level-quantities.js';
import { numericId } from '../../../shared/shopify-gid.js';
import type { ShopifyLevelRead } from '../read-levels.js';
import type { ExportedVariant, ExportRecord } from './export-inventory.js';

/** A variant's records from a paged answer: the variant, then each of its levels. */
export function* toExportRecords(
  variant: Record<string, unknown>,
  levels: readonly Record<string, unknown>[],
): Generator<ExportRecord> {
  const exported = toVariant(variant);
  if (!exported) return;
  yield { kind: 'variant', variant: exported };
  for (const level of levels) {
    const read = toLevelRead(exported, level);
    if (read) yield { kind: 'level', read };
  }
}

interface RawVariantLine {
  id: string;
  sku: string | null;
  barcode: string | null;
  inventoryPolicy: string | null;
  price: string | null;
  displayName: string | null;
  product?: { tags?: unknown } | null;
  inventoryItem: { id: string; tracked: boolean } | null;
}

interface RawLevelLine {
  location: { id: string; name: string | null } | null;
  quantities: { name: string; quantity: number; updatedAt: string | null }[];
}

export function toVariant(raw: Record<string, unknown>): ExportedVariant | null {
  const line = raw as unknown as RawVariantLine;
  const shopifyItemId = numericId(line.inventoryItem?.id);
  if (!shopifyItemId) return null;
  return {
    shopifyItemId,
    variantId: numericId(line.id) ?? null,
    sku: line.sku,
    barcode: line.barcode,
    title: line.displayName,
    price: line.price,
    inventoryPolicy: line.inventoryPolicy,
    tracked: line.inventoryItem?.tracked !== false,
    tags: tagsOf(line.product?.tags),
  };
}

/** A product's tags; anything but a list of strings (an older query without them) is none. */
export function tagsOf(raw: unknown): string[] {
  return Array.isArray(raw) ? raw.filter((tag): tag is string => typeof tag === 'string') : [];
}

export function toLevelRead(
  variant: ExportedVariant,
  raw: Record<string, unknown>,
): ShopifyLevelRead | null {
  const line = raw as unknown as RawLevelLine;
  const shopifyLocationId = numericId(line.location?.id);
  if (!shopifyLocationId) return null;

  const quantities = emptyQuantities();
  const updatedAt: Partial<Record<QuantityName, string>> = {};
  for (const q of line.quantities ?? []) {
    if (!(quantityNames as readonly string[]).includes(q.name)) continue;
    quantities[q.name as QuantityName] = q.quantity;
    if (q.updatedAt) updatedAt[q.name as QuantityName] = q.updatedAt;
  }

  return {
    shopifyItemId: variant.shopifyItemId,
    shopifyLocationId,
    locationName: line.location?.name ?? null,
    item: { sku: variant.sku, tracked: variant.tracked, variantId: variant.variantId },
    quantities,
    updatedAt,
  };
}
