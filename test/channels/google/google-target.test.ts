import { describe, expect, it } from 'vitest';
import { googleSettingsFrom } from '../../../src/channels/google/google-settings.js';
import {
  googleTargetFor,
  isBandChange,
  parseGoogleTarget,
} from '../../../src/channels/google/google-target.js';

const store = { google_store_code: 'STORE-1' };

describe('googleTargetFor', () => {
  const settings = googleSettingsFrom({});

  it('bands the stored sellable the way Google reads quantity: 0, 1-2, 3 and up', () => {
    const bands = [0, 1, 2, 3, 40].map((sellable) =>
      googleTargetFor({ sellable }, store, settings),
    );
    expect(bands).toEqual([
      { storeCode: 'STORE-1', quantity: 0, availability: 'OUT_OF_STOCK' },
      { storeCode: 'STORE-1', quantity: 1, availability: 'LIMITED_AVAILABILITY' },
      { storeCode: 'STORE-1', quantity: 2, availability: 'LIMITED_AVAILABILITY' },
      { storeCode: 'STORE-1', quantity: 3, availability: 'IN_STOCK' },
      { storeCode: 'STORE-1', quantity: 40, availability: 'IN_STOCK' },
    ]);
  });

  it("applies Google's own policy before banding", () => {
    const policy = googleSettingsFrom({ google: { zeroAtOrBelowUnits: 2, maxShownUnits: 10 } });
    expect(googleTargetFor({ sellable: 2 }, store, policy)).toMatchObject({
      quantity: 0,
      availability: 'OUT_OF_STOCK',
    });
    expect(googleTargetFor({ sellable: 3 }, store, policy)).toMatchObject({
      quantity: 3,
      availability: 'IN_STOCK',
    });
    expect(googleTargetFor({ sellable: 25 }, store, policy)).toMatchObject({ quantity: 10 });
  });

  it('gives no target to a location without a store code', () => {
    expect(googleTargetFor({ sellable: 5 }, { google_store_code: null }, settings)).toBeNull();
  });
});

describe('isBandChange', () => {
  const inStock = { storeCode: 'S1', quantity: 8, availability: 'IN_STOCK' } as const;

  it('sends the first target at once', () => {
    expect(isBandChange(null, inStock)).toBe(true);
  });

  it('lets a quantity inside the same band wait', () => {
    expect(isBandChange(inStock, { ...inStock, quantity: 4 })).toBe(false);
  });

  it('sends a change of band or of store at once', () => {
    expect(
      isBandChange(inStock, { ...inStock, quantity: 2, availability: 'LIMITED_AVAILABILITY' }),
    ).toBe(true);
    expect(isBandChange(inStock, { ...inStock, storeCode: 'S2' })).toBe(true);
  });
});

describe('parseGoogleTarget', () => {
  it('reads back what the outbox stored, and nothing else', () => {
    expect(
      parseGoogleTarget('{"storeCode":"S1","quantity":2,"availability":"LIMITED_AVAILABILITY"}'),
    ).toEqual({
      storeCode: 'S1',
      quantity: 2,
      availability: 'LIMITED_AVAILABILITY',
    });
    expect(parseGoogleTarget('{"safetyStock":2,"reserved":0}')).toBeNull();
    expect(
      parseGoogleTarget('{"storeCode":"S1","quantity":2,"availability":"in stock"}'),
    ).toBeNull();
    expect(parseGoogleTarget('not json')).toBeNull();
    expect(parseGoogleTarget(null)).toBeNull();
  });
});
