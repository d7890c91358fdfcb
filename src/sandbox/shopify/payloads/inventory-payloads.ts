import { gidOf, levelGid } from '../state/gid.js';
import type { LevelRecord } from '../state/inventory-level.js';
import type { InventoryItemRecord, LocationRecord } from '../state/records.js';
import type { PayloadContext } from './payload-context.js';
import { formatShopTime } from './shop-time.js';
import { bare } from './shopify-json.js';
import type { ShopifyJsonObject } from './shopify-json.js';

/**
 * `inventory_levels/update` and `/connect`. Only `available` is carried, null for an untracked
 * item; `updated_at` has one-second resolution (research §1).
 */
export function levelPayload(
  level: LevelRecord,
  item: InventoryItemRecord | undefined,
  ctx: PayloadContext,
): ShopifyJsonObject {
  const cell = level.cells.available;
  return {
    inventory_item_id: bare(level.inventoryItemId),
    location_id: bare(level.locationId),
    available: item && !item.tracked ? null : cell.quantity,
    updated_at: formatShopTime(cell.updatedAt ?? level.updatedAt, ctx.offsetMinutes),
    admin_graphql_api_id: levelGid(level.locationId, level.inventoryItemId),
  };
}

export function levelDisconnectPayload(
  inventoryItemId: string,
  locationId: string,
): ShopifyJsonObject {
  return { inventory_item_id: bare(inventoryItemId), location_id: bare(locationId) };
}

export function inventoryItemPayload(
  item: InventoryItemRecord,
  ctx: PayloadContext,
): ShopifyJsonObject {
  return {
    id: bare(item.id),
    sku: item.sku ?? '',
    created_at: formatShopTime(item.createdAt, ctx.offsetMinutes),
    updated_at: formatShopTime(item.updatedAt, ctx.offsetMinutes),
    requires_shipping: item.requiresShipping,
    cost: item.cost,
    country_code_of_origin: null,
    province_code_of_origin: null,
    harmonized_system_code: null,
    tracked: item.tracked,
    country_harmonized_system_codes: [],
    weight_value: 0,
    weight_unit: 'lb',
    admin_graphql_api_id: gidOf('InventoryItem', item.id),
  };
}

export function inventoryItemDeletePayload(item: InventoryItemRecord): ShopifyJsonObject {
  return {
    id: bare(item.id),
    country_code_of_origin: null,
    province_code_of_origin: null,
    harmonized_system_code: null,
    country_harmonized_system_codes: [],
    admin_graphql_api_id: gidOf('InventoryItem', item.id),
  };
}

export function locationPayload(location: LocationRecord, ctx: PayloadContext): ShopifyJsonObject {
  const address = location.address;
  return {
    id: bare(location.id),
    name: location.name,
    address1: address.address1,
    address2: address.address2,
    city: address.city,
    zip: address.zip,
    province: address.province,
    country: address.countryCode,
    phone: address.phone,
    created_at: formatShopTime(location.createdAt, ctx.offsetMinutes),
    updated_at: formatShopTime(location.updatedAt, ctx.offsetMinutes),
    country_code: address.countryCode,
    country_name: address.country,
    province_code: address.provinceCode,
    legacy: false,
    active: location.isActive,
    admin_graphql_api_id: gidOf('Location', location.id),
  };
}
