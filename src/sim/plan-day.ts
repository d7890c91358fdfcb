import type { EventQueue } from './event-queue.js';
import { EventKind } from './event-queue.js';
import type { SalesMatrix } from './load-sales-matrix.js';
import type { SeededRandom } from './seeded-random.js';
import type { SimulationSettings } from './simulation-options.js';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** Streams of the seeded generator, so each kind of draw has its own sequence. */
export const Stream = { demand: 1, receiving: 2 } as const;

/** Running per-level counters for 'even' arrivals: which unit gets the next loss or error. */
export const EvenCounter = { online: 0, scan: 1, shrink: 2, misplace: 3, receiving: 4 } as const;
export const EVEN_COUNTERS = 5;

/**
 * Schedules one day's demand and silent losses. Each unit the file says sold becomes one
 * purchase: an online pickup order with probability `onlineShare`, else a walk-in at the till,
 * at a moment within opening hours. M5 gives units, not baskets, so a purchase is one unit.
 * Each unit also brings a shrink and a misplacement with their rates, at their own moments.
 */
export function planDay(
  queue: EventQueue,
  matrix: SalesMatrix,
  settings: SimulationSettings,
  random: SeededRandom,
  even: Int32Array | null,
  day: number,
): void {
  const opensMs = day * DAY_MS + settings.openingHours.opensAtHour * HOUR_MS;
  const spanMs = (settings.openingHours.closesAtHour - settings.openingHours.opensAtHour) * HOUR_MS;
  const { onlineShare, scanErrorRate, shrinkRate, misplacementRate } = settings;
  const { levelCount, units } = matrix;
  const row = day * levelCount;

  for (let level = 0; level < levelCount; level += 1) {
    const sold = units[row + level]!;
    if (sold === 0) continue;

    if (even !== null) {
      planEvenly(queue, settings, even, level, sold, opensMs, spanMs);
      continue;
    }
    // Seven draws per unit whatever happens, so the stream stays aligned across policies.
    random.rekey(level, day, Stream.demand);
    for (let unit = 0; unit < sold; unit += 1) {
      const online = random.next() < onlineShare;
      const at = opensMs + random.next() * spanMs;
      const miscan = random.next() < scanErrorRate;
      const shrinkDraw = random.next();
      const shrinkAt = opensMs + random.next() * spanMs;
      const misplaceDraw = random.next();
      const misplaceAt = opensMs + random.next() * spanMs;

      if (online) queue.schedule(at, EventKind.onlineOrder, level);
      else queue.schedule(at, EventKind.walkIn, level, miscan ? 1 : 0);
      if (shrinkDraw < shrinkRate) queue.schedule(shrinkAt, EventKind.shrink, level);
      if (misplaceDraw < misplacementRate) queue.schedule(misplaceAt, EventKind.misplace, level);
    }
  }
}

/**
 * 'even' arrivals, for checks worked by hand: unit k of n sells at the middle of its slot,
 * opens + (k + ½)/n × span, and its losses come at the start of that slot, opens + k/n × span.
 * Rates pick units by a running count per level: the unit that lifts ⌊count × rate⌋ is chosen,
 * so at rate ½ every second unit, at rate 1 every unit.
 */
function planEvenly(
  queue: EventQueue,
  settings: SimulationSettings,
  even: Int32Array,
  level: number,
  sold: number,
  opensMs: number,
  spanMs: number,
): void {
  for (let unit = 0; unit < sold; unit += 1) {
    const at = opensMs + ((unit + 0.5) / sold) * spanMs;
    const lossAt = opensMs + (unit / sold) * spanMs;
    if (takeByRate(even, level, EvenCounter.shrink, settings.shrinkRate)) {
      queue.schedule(lossAt, EventKind.shrink, level);
    }
    if (takeByRate(even, level, EvenCounter.misplace, settings.misplacementRate)) {
      queue.schedule(lossAt, EventKind.misplace, level);
    }
    if (takeByRate(even, level, EvenCounter.online, settings.onlineShare)) {
      queue.schedule(at, EventKind.onlineOrder, level);
    } else {
      const miscan = takeByRate(even, level, EvenCounter.scan, settings.scanErrorRate);
      queue.schedule(at, EventKind.walkIn, level, miscan ? 1 : 0);
    }
  }
}

/** True for the unit that lifts ⌊count × rate⌋; counts every call. */
export function takeByRate(
  even: Int32Array,
  level: number,
  counter: number,
  rate: number,
): boolean {
  const slot = level * EVEN_COUNTERS + counter;
  const count = even[slot]!;
  even[slot] = count + 1;
  return Math.floor((count + 1) * rate + 1e-9) > Math.floor(count * rate + 1e-9);
}
