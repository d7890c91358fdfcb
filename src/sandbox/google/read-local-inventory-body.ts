import type { SandboxError } from './google-error-body.js';

/*
 * Reads a LocalInventory as proto3 JSON, the way Google's front end does: enums by name or by
 * number (the official client sends numbers, `$alt=json;enum-encoding=int`), int64 as a string
 * or a number, and an unknown field name refused. Kept apart from trueshelf's own validator on
 * purpose: the sandbox is the contract test, so it must not share the code it checks.
 */
export const availabilityNames = [
  'LOCAL_INVENTORY_AVAILABILITY_UNSPECIFIED',
  'IN_STOCK',
  'LIMITED_AVAILABILITY',
  'ON_DISPLAY_TO_ORDER',
  'OUT_OF_STOCK',
] as const;
export const pickupMethodNames = [
  'PICKUP_METHOD_UNSPECIFIED',
  'BUY',
  'RESERVE',
  'SHIP_TO_STORE',
  'NOT_SUPPORTED',
] as const;
export const pickupSlaNames = [
  'PICKUP_SLA_UNSPECIFIED',
  'SAME_DAY',
  'NEXT_DAY',
  'TWO_DAY',
  'THREE_DAY',
  'FOUR_DAY',
  'FIVE_DAY',
  'SIX_DAY',
  'SEVEN_DAY',
  'MULTI_WEEK',
] as const;

/** Stored with enum names and int64 as decimal strings, as Google's own JSON answers. */
export interface StoredAttributes {
  availability?: string;
  quantity?: string;
  price?: { amountMicros: string; currencyCode: string };
  salePrice?: { amountMicros: string; currencyCode: string };
  salePriceEffectiveDate?: { startTime?: string; endTime?: string };
  pickupMethod?: string;
  pickupSla?: string;
  instoreProductLocation?: string;
  localShippingLabel?: string;
  customAttributes?: unknown[];
  loyaltyPrograms?: unknown[];
}

export type BodyReading =
  | { ok: true; storeCode: string; attributes: StoredAttributes }
  | { ok: false; error: SandboxError };

class Refusal extends Error {
  constructor(
    readonly location: string,
    readonly value: unknown,
    readonly why: string,
  ) {
    super(why);
  }
}

const topFields = new Set([
  'name',
  'account',
  'storeCode',
  'localInventoryAttributes',
  'base64EncodedName',
]);

type FieldReader = (value: unknown, location: string) => unknown;
const kept: FieldReader = (value) => value;

/** One reader per LocalInventoryAttributes field; a field not here is an unknown name. */
const attributeReaders: Readonly<Record<keyof StoredAttributes, FieldReader>> = {
  availability: (value, at) => enumName(value, availabilityNames, at),
  pickupMethod: (value, at) => enumName(value, pickupMethodNames, at),
  pickupSla: (value, at) => enumName(value, pickupSlaNames, at),
  quantity: (value, at) => {
    const quantity = int64(value, at);
    if (quantity.startsWith('-')) throw new Refusal(at, value, 'quantity must be 0 or more');
    return quantity;
  },
  price: (value, at) => price(value, at),
  salePrice: (value, at) => price(value, at),
  instoreProductLocation: (value, at) => {
    if (typeof value !== 'string') throw new Refusal(at, value, 'a string');
    if (Buffer.byteLength(value, 'utf8') > 20) throw new Refusal(at, value, 'at most 20 bytes');
    return value;
  },
  salePriceEffectiveDate: kept,
  localShippingLabel: kept,
  customAttributes: kept,
  loyaltyPrograms: kept,
};

export function readLocalInventoryBody(body: unknown): BodyReading {
  try {
    return { ok: true, ...read(body) };
  } catch (thrown) {
    if (!(thrown instanceof Refusal)) throw thrown;
    return {
      ok: false,
      error: {
        httpStatus: 400,
        reason: 'SANDBOX_INVALID_FIELD',
        message: `Invalid value at '${thrown.location}' (${JSON.stringify(thrown.value)}): ${thrown.why}`,
        field: { location: thrown.location, value: String(JSON.stringify(thrown.value)) },
      },
    };
  }
}

function read(body: unknown): { storeCode: string; attributes: StoredAttributes } {
  const top = record(body, 'local_inventory');
  unknownFields(top, topFields, 'local_inventory');

  const storeCode = top['storeCode'];
  if (typeof storeCode !== 'string' || storeCode === '') {
    throw new Refusal('local_inventory.store_code', storeCode, 'the store code is required');
  }

  const raw = top['localInventoryAttributes'] ?? {};
  const where = 'local_inventory.local_inventory_attributes';
  const attrs = record(raw, where);

  const attributes: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(attrs)) {
    const readField = (attributeReaders as Record<string, FieldReader>)[field];
    if (!readField) throw new Refusal(`${where}.${field}`, value, `unknown name "${field}"`);
    // proto3 JSON reads null as "not set".
    if (value !== null) attributes[field] = readField(value, `${where}.${snakeCase(field)}`);
  }
  return { storeCode, attributes: attributes as StoredAttributes };
}

function record(value: unknown, location: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Refusal(location, value, 'an object');
  }
  return value as Record<string, unknown>;
}

function unknownFields(value: Record<string, unknown>, known: Set<string>, location: string): void {
  const unknown = Object.keys(value).find((key) => !known.has(key));
  if (unknown !== undefined) {
    throw new Refusal(`${location}.${unknown}`, value[unknown], `unknown name "${unknown}"`);
  }
}

function snakeCase(field: string): string {
  return field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

function enumName(value: unknown, names: readonly string[], location: string): string {
  const name = typeof value === 'number' && Number.isInteger(value) ? names[value] : value;
  if (typeof name !== 'string' || !names.includes(name) || name === names[0]) {
    throw new Refusal(
      location,
      value,
      `expected one of ${names.slice(1).join(', ')} or its number`,
    );
  }
  return name;
}

function int64(value: unknown, location: string): string {
  const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
  if (typeof text !== 'string' || !/^-?\d{1,19}$/.test(text)) {
    throw new Refusal(location, value, 'an int64');
  }
  return BigInt(text).toString();
}

function price(value: unknown, location: string): { amountMicros: string; currencyCode: string } {
  const money = record(value, location);
  const amountMicros = int64(money['amountMicros'], `${location}.amount_micros`);
  const currencyCode = money['currencyCode'];
  if (typeof currencyCode !== 'string' || !/^[A-Z]{3}$/.test(currencyCode)) {
    throw new Refusal(`${location}.currency_code`, currencyCode, 'an ISO 4217 code');
  }
  return { amountMicros, currencyCode };
}
