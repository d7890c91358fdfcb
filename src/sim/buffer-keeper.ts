import type { BufferRules, LossObservation } from '../domain/buffers/index.js';
import { computeBuffer, shouldChangeBuffer } from '../domain/buffers/index.js';
import type { DailySaleRecord, StockOutDay, VelocityResult } from '../domain/velocity/index.js';
import { averageUnitsPerDay, computeVelocity } from '../domain/velocity/index.js';
import type { SalesMatrix } from './load-sales-matrix.js';
import type { VelocitySettings } from './simulation-options.js';

// The file's days are the stores' local days and the simulated clock runs in them, so the
// velocity code is asked in UTC, where a simulated day and a local day are the same day.
const SIM_TIME_ZONE = 'UTC';

/**
 * Answers of the product's pure velocity and buffer functions, keyed by everything they depend
 * on, shared by every policy of one run: the buffer policies see nearly the same sales, so most
 * of their questions were asked before.
 */
export class ProductAnswers {
  readonly velocity = new Map<string, VelocityResult>();
  readonly buffer = new Map<string, { units: number; ruleKey: string }>();
}

/**
 * Velocity and buffers per level, from the sales trueshelf has recorded so far, by the product's
 * `computeVelocity`, `computeBuffer` and `shouldChangeBuffer`. Levels are recomputed together on
 * refresh days, as a nightly job would. Both functions are pure, so levels whose inputs are the
 * same (same day, same units in the window, same stock-outs) share one call: that keeps 30,000
 * levels affordable, because the velocity code walks its window day by day.
 */
export class BufferKeeper {
  readonly buffer: Int32Array;
  private readonly basisVelocity: Float64Array;
  private readonly hasBasis: Uint8Array;
  private readonly basisRule: string[];
  private readonly sales: Int32Array;
  private readonly stockOut: Float32Array;
  private readonly groupOf: Int32Array;
  private groupAverage: (number | null)[] = [];
  private chainAverage: number | null = null;
  private readonly rulesNameTargets: boolean;
  /** Calls this keeper made; answers another policy already had are not counted. */
  velocityCalls = 0;
  bufferCalls = 0;

  constructor(
    private readonly matrix: SalesMatrix,
    private readonly rules: BufferRules,
    private readonly settings: VelocitySettings,
    private readonly runStart: Date,
    private readonly answers: ProductAnswers = new ProductAnswers(),
  ) {
    const { levelCount } = matrix;
    const window = settings.windowDays;
    this.buffer = new Int32Array(levelCount);
    this.basisVelocity = new Float64Array(levelCount);
    this.hasBasis = new Uint8Array(levelCount);
    this.basisRule = new Array<string>(levelCount).fill('');
    this.sales = new Int32Array(levelCount * window);
    this.stockOut = new Float32Array(levelCount * window);
    this.groupOf = groupLevels(matrix);
    this.rulesNameTargets = rules.rules.length > 0;
  }

  /** True on the days buffers are recomputed: the first day, the first day with enough history,
   * then every `refreshEveryDays`. */
  isRefreshDay(day: number): boolean {
    const { minCountedDays, refreshEveryDays } = this.settings;
    if (day === 0) return true;
    return day >= minCountedDays && (day - minCountedDays) % refreshEveryDays === 0;
  }

  startDay(day: number): void {
    const window = this.settings.windowDays;
    const slot = day % window;
    for (let level = 0; level < this.matrix.levelCount; level += 1) {
      this.sales[level * window + slot] = 0;
      this.stockOut[level * window + slot] = 0;
    }
  }

  recordSale(level: number, day: number, units: number): void {
    const window = this.settings.windowDays;
    this.sales[level * window + (day % window)]! += units;
  }

  /** The share of the day the record showed nothing sellable (0..1). */
  recordStockOut(level: number, day: number, share: number): void {
    const window = this.settings.windowDays;
    this.stockOut[level * window + (day % window)] = share;
  }

  /**
   * Recomputes every level's velocity and proposed buffer at `now` (the morning of `day`) and
   * applies the proposals the hysteresis lets through; calls `changed` for each level whose
   * buffer moved.
   */
  refresh(
    day: number,
    now: Date,
    lossByStore: readonly (LossObservation | null)[],
    changed: (level: number) => void,
  ): void {
    const { matrix } = this;
    const velocityMemo = this.answers.velocity;
    const bufferMemo = this.answers.buffer;
    const results: VelocityResult[] = new Array<VelocityResult>(matrix.levelCount);

    for (let level = 0; level < matrix.levelCount; level += 1) {
      const velocity = this.velocityOf(level, day, now, velocityMemo);
      results[level] = velocity;
      if (!velocity.ok) continue;

      const store = matrix.levelStore[level]!;
      const loss = lossByStore[store] ?? null;
      const proposal = this.proposeBuffer(level, velocity, loss, bufferMemo);
      const current = this.hasBasis[level]
        ? {
            bufferUnits: this.buffer[level]!,
            unitsPerDay: this.basisVelocity[level]!,
            ruleKey: this.basisRule[level]!,
          }
        : null;
      const proposed = {
        bufferUnits: proposal.units,
        unitsPerDay: velocity.unitsPerDay,
        ruleKey: proposal.ruleKey,
      };
      if (!shouldChangeBuffer(current, proposed, this.rules.hysteresis).change) continue;

      const moved = proposal.units !== this.buffer[level];
      this.buffer[level] = proposal.units;
      this.basisVelocity[level] = velocity.unitsPerDay;
      this.basisRule[level] = proposal.ruleKey;
      this.hasBasis[level] = 1;
      if (moved) changed(level);
    }

    this.learnAverages(results);
  }

  private velocityOf(
    level: number,
    day: number,
    now: Date,
    memo: Map<string, VelocityResult>,
  ): VelocityResult {
    const window = this.settings.windowDays;
    const first = Math.max(0, day - window);
    const sales: DailySaleRecord[] = [];
    const stockOuts: StockOutDay[] = [];
    const item = this.matrix.levelSku[level]!;
    const location = this.matrix.stores[this.matrix.levelStore[level]!]!;
    const shares: number[] = [];
    let units = 0;
    for (let past = first; past < day; past += 1) {
      const slot = level * window + (past % window);
      const sold = this.sales[slot]!;
      const share = this.stockOut[slot]!;
      const localDay = this.matrix.days[past]!;
      if (sold > 0) sales.push({ itemId: item, locationId: location, quantity: sold, localDay });
      if (share > 0) {
        stockOuts.push({ day: localDay, outOfStockFraction: share });
        shares.push(share);
      }
      units += sold;
    }

    // The velocity rules count net units and in-stock time over the tracked days, not which
    // day held them, so the day, the units and the sorted stock-out shares identify the
    // answer; item and location ids only filter.
    const base = `${day}|${units}|${shares.sort((a, b) => a - b).join(',')}`;
    const plain = this.cached(memo, base, () =>
      this.askVelocity(item, location, sales, stockOuts, now, null, null),
    );
    if (!plain.ok || plain.source === 'history') return plain;

    const group = this.groupAverage[this.groupOf[level]!] ?? null;
    const chain = this.chainAverage;
    return this.cached(memo, `${base}|${group}|${chain}`, () =>
      this.askVelocity(item, location, sales, stockOuts, now, group, chain),
    );
  }

  private askVelocity(
    itemId: string,
    locationId: string,
    sales: DailySaleRecord[],
    days: StockOutDay[],
    now: Date,
    categoryAverageUnitsPerDay: number | null,
    chainAverageUnitsPerDay: number | null,
  ): VelocityResult {
    this.velocityCalls += 1;
    return computeVelocity({
      itemId,
      locationId,
      timeZone: SIM_TIME_ZONE,
      sales,
      stockOuts: { days },
      windowDays: this.settings.windowDays,
      now,
      locationSalesSince: this.runStart,
      defaults: {
        minCountedDays: this.settings.minCountedDays,
        floorUnitsPerDay: this.settings.floorUnitsPerDay,
        categoryAverageUnitsPerDay,
        chainAverageUnitsPerDay,
      },
    });
  }

  private proposeBuffer(
    level: number,
    velocity: Extract<VelocityResult, { ok: true }>,
    loss: LossObservation | null,
    memo: Map<string, { units: number; ruleKey: string }>,
  ): { units: number; ruleKey: string } {
    const { matrix } = this;
    const target = {
      item: matrix.levelSku[level]!,
      location: matrix.stores[matrix.levelStore[level]!]!,
      category: matrix.levelCategory[level] ?? null,
    };
    // With only a chain default the rule cannot depend on the target, so the velocity and the
    // store's observed losses decide the buffer; with more rules, the target joins the key.
    const who = this.rulesNameTargets
      ? `|${target.item}|${target.location}|${target.category}`
      : '';
    const lossKey = loss ? `${loss.ghostUnitsMean}|${loss.ghostUnitsVariance}` : '-';
    const key = `${velocity.unitsPerDay}|${velocity.source}|${lossKey}${who}`;
    const known = memo.get(key);
    if (known) return known;

    this.bufferCalls += 1;
    const decision = computeBuffer({
      rules: this.rules,
      target,
      velocity: { unitsPerDay: velocity.unitsPerDay, source: velocity.source },
      observedLoss: loss,
    });
    const result = { units: decision.ok ? decision.bufferUnits : 0, ruleKey: decision.ruleKey };
    memo.set(key, result);
    return result;
  }

  private cached(
    memo: Map<string, VelocityResult>,
    key: string,
    compute: () => VelocityResult,
  ): VelocityResult {
    const known = memo.get(key);
    if (known) return known;
    const result = compute();
    memo.set(key, result);
    return result;
  }

  // Defaults for the next refresh: each store × category's pooled velocity, and the chain's.
  private learnAverages(results: VelocityResult[]): void {
    const groups: VelocityResult[][] = [];
    for (let level = 0; level < results.length; level += 1) {
      const group = this.groupOf[level]!;
      (groups[group] ??= []).push(results[level]!);
    }
    this.groupAverage = groups.map((members) => averageUnitsPerDay(members));
    this.chainAverage = averageUnitsPerDay(results);
  }
}

function groupLevels(matrix: SalesMatrix): Int32Array {
  const groupOf = new Int32Array(matrix.levelCount);
  const ids = new Map<string, number>();
  for (let level = 0; level < matrix.levelCount; level += 1) {
    const key = `${matrix.levelStore[level]}\u0000${matrix.levelCategory[level] ?? ''}`;
    let id = ids.get(key);
    if (id === undefined) {
      id = ids.size;
      ids.set(key, id);
    }
    groupOf[level] = id;
  }
  return groupOf;
}
