import { describe, expect, it } from 'vitest';
import { claimCovers, sellableForClaim } from '../../../src/domain/holds/hold-claim.js';
import {
  expiryTransition,
  planHoldAction,
  returnsHeldUnits,
  statusAt,
} from '../../../src/domain/holds/hold-transitions.js';
import type { HoldAction, HoldStatus } from '../../../src/domain/holds/hold-transitions.js';

const now = new Date('2026-06-01T12:00:00.000Z');
const statuses: HoldStatus[] = ['active', 'checkout', 'converted', 'released', 'expired'];

/** The plan's kind and, for a move, where it leads. */
function outcome(status: HoldStatus, action: HoldAction): string {
  const plan = planHoldAction(status, action, now);
  return plan.kind === 'move' ? `→ ${plan.move.to}` : plan.kind;
}

describe('the hold transitions', () => {
  it('releases a live hold once; releasing an ended one changes nothing or is refused', () => {
    expect(statuses.map((s) => outcome(s, { kind: 'release' }))).toEqual([
      '→ released',
      '→ released',
      'refused',
      'unchanged',
      'unchanged',
    ]);
  });

  it('converts a live hold once; an expired or released one cannot be converted', () => {
    expect(statuses.map((s) => outcome(s, { kind: 'convert' }))).toEqual([
      '→ converted',
      '→ converted',
      'unchanged',
      'refused',
      'refused',
    ]);
  });

  it('extends and checks out only an active hold, from now', () => {
    expect(planHoldAction('active', { kind: 'extend', ttlSeconds: 90 }, now)).toEqual({
      kind: 'extend',
      expiresAt: '2026-06-01T12:01:30.000Z',
    });
    expect(planHoldAction('active', { kind: 'checkout', graceSeconds: 120 }, now)).toEqual({
      kind: 'move',
      move: {
        from: 'active',
        to: 'checkout',
        endReason: null,
        whileLive: true,
        graceUntil: '2026-06-01T12:02:00.000Z',
      },
    });
    expect(statuses.map((s) => outcome(s, { kind: 'extend', ttlSeconds: 60 }))).toEqual([
      'extend',
      'refused',
      'refused',
      'refused',
      'refused',
    ]);
    expect(outcome('checkout', { kind: 'checkout', graceSeconds: 60 })).toBe('unchanged');
  });

  it('reads an active hold as expired from the instant its time runs out', () => {
    const hold = { status: 'active' as const, expiresAt: '2026-06-01T12:00:00.000Z' };
    expect(statusAt(hold, new Date('2026-06-01T11:59:59.999Z'))).toBe('active');
    expect(statusAt(hold, now)).toBe('expired');
    expect(statusAt({ ...hold, status: 'converted' }, now)).toBe('converted');
  });

  it('gives units back only when a hold leaves active', () => {
    expect(returnsHeldUnits(expiryTransition('active'))).toBe(true);
    expect(returnsHeldUnits(expiryTransition('checkout'))).toBe(false);
    expect(expiryTransition('checkout')).toMatchObject({ endReason: 'checkout_grace' });
  });
});

describe('the claim rule', () => {
  it('covers a quantity while gross less buffer less held is at least that', () => {
    // gross 5, buffer 1, held 2: 2 units left.
    const level = { gross: 5, buffer: 1, held: 2 };
    expect([claimCovers(level, 2), claimCovers(level, 3)]).toEqual([true, false]);
    expect(sellableForClaim(level)).toBe(2);
    // A POS sale took a held unit: nothing left, never a negative sellable.
    expect(sellableForClaim({ gross: 1, buffer: 0, held: 2 })).toBe(0);
  });
});
