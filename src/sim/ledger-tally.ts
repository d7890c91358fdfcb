import type { ChangeShape } from '../domain/movements/classify-change.js';
import { classifyChange } from '../domain/movements/classify-change.js';
import { diffQuantities } from '../domain/movements/diff-quantities.js';
import type { LevelQuantities } from '../domain/quantities/level-quantities.js';
import { emptyQuantities } from '../domain/quantities/level-quantities.js';

/** The states the simulator moves; the others stay 0. */
const TRACKED = ['available', 'committed', 'reserved', 'safety_stock', 'on_hand'] as const;

/**
 * What the product's ledger would record: each re-read of a level is diffed against the last
 * one with `diffQuantities` and its shape named by `classifyChange`, as the mirror and ledger
 * do. trueshelf's own moves are recorded when made, so the next read adds nothing for them.
 * Shrink and misplacement change no read at all: drift is what the ledger cannot see.
 *
 * `classifyChange` names a change "from its shape alone" (which states rose, fell or stayed),
 * so its answer is kept per pattern of signs: millions of reads ask it a few dozen times.
 */
export class LedgerTally {
  private readonly last: Int32Array;
  private readonly before: LevelQuantities = emptyQuantities();
  private readonly after: LevelQuantities = emptyQuantities();
  private readonly shapeBySigns = new Map<number, number>();
  private readonly shapeNames: ChangeShape[] = [];
  private readonly shapeCounts: number[] = [];

  constructor(startingOnHand: Int32Array) {
    // Per level: on hand, committed, reserved, safety stock as last read.
    this.last = new Int32Array(startingOnHand.length * 4);
    startingOnHand.forEach((units, level) => (this.last[level * 4] = units));
  }

  /** Movements counted so far, by shape, in name order. */
  get shapes(): Record<string, number> {
    const order = this.shapeNames.map((name, index) => [name, this.shapeCounts[index]!] as const);
    return Object.fromEntries(order.sort(([a], [b]) => (a < b ? -1 : 1)));
  }

  /** Gross as the level was last read: on hand less committed (the other states stay 0). */
  grossAsRead(level: number): number {
    return this.last[level * 4]! - this.last[level * 4 + 1]!;
  }

  /** A re-read of Shopify's states at a level; counts the movement it shows, if any. */
  read(level: number, onHand: number, committed: number, reserved: number, safety: number): void {
    const at = level * 4;
    const last = this.last;
    if (
      onHand === last[at] &&
      committed === last[at + 1] &&
      reserved === last[at + 2] &&
      safety === last[at + 3]
    ) {
      return;
    }

    fill(this.before, last[at]!, last[at + 1]!, last[at + 2]!, last[at + 3]!);
    fill(this.after, onHand, committed, reserved, safety);
    const signs = signPattern(this.before, this.after);
    let shape = this.shapeBySigns.get(signs);
    if (shape === undefined) {
      shape = this.indexOf(classifyChange(diffQuantities(this.before, this.after)));
      this.shapeBySigns.set(signs, shape);
    }
    this.shapeCounts[shape]! += 1;
    this.ownMove(level, onHand, committed, reserved, safety);
  }

  /** trueshelf's own move at a level, recorded when Shopify accepts it. */
  ownMove(
    level: number,
    onHand: number,
    committed: number,
    reserved: number,
    safety: number,
  ): void {
    const at = level * 4;
    this.last[at] = onHand;
    this.last[at + 1] = committed;
    this.last[at + 2] = reserved;
    this.last[at + 3] = safety;
  }

  private indexOf(shape: ChangeShape): number {
    const known = this.shapeNames.indexOf(shape);
    if (known >= 0) return known;
    this.shapeCounts.push(0);
    return this.shapeNames.push(shape) - 1;
  }
}

function fill(
  into: LevelQuantities,
  onHand: number,
  committed: number,
  reserved: number,
  safety: number,
): void {
  into.on_hand = onHand;
  into.committed = committed;
  into.reserved = reserved;
  into.safety_stock = safety;
  into.available = onHand - committed - reserved - safety;
}

// Base-3 digits, one per tracked state: 0 fell, 1 stayed, 2 rose.
function signPattern(before: LevelQuantities, after: LevelQuantities): number {
  let pattern = 0;
  for (const state of TRACKED) pattern = pattern * 3 + Math.sign(after[state] - before[state]) + 1;
  return pattern;
}
