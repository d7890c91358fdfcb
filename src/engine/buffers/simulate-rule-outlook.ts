import type { BufferRulesFile } from '../../domain/buffers/index.js';
import { runSimulation } from '../../sim/index.js';
import type { PolicyOutcome } from '../../sim/index.js';
import type { SalesInput } from '../../sim/simulation-options.js';

/** What shoppers would meet under one rule set, in the simulator. */
export interface RuleOutlook {
  promisesMade: number;
  promisesBroken: number;
  /** broken / made; null with no promise made. */
  brokenPromiseRate: number | null;
  onlineOrders: number;
  /** Online orders refused while the shelf had the unit: what a buffer costs. */
  refusedWithStock: number;
  refusedWithStockRate: number | null;
  meanBufferUnits: number;
}

/** The current and the proposed rules over the same sales, seed and days. */
export interface RuleOutlooks {
  sales: string;
  seed: number;
  days: number;
  stores: string[];
  current: RuleOutlook;
  proposed: RuleOutlook;
}

// Webhook sync with buffers and nothing else, so the difference is the rules' alone.
const POLICY = 'webhooks_buffers' as const;

/**
 * Expected broken promises before rules are applied: the simulator's buffer policy run twice
 * over the same sales with the same seed (so the same demand, losses and pickups), once with
 * the rules in force and once with the proposed ones. Every other setting is the simulator's
 * default. The simulator's stores are the sales file's: a rule naming a location applies only
 * where the file uses the same handle.
 */
export async function simulateRuleOutlook(
  sales: SalesInput,
  rules: { current: BufferRulesFile; proposed: BufferRulesFile },
  options: { days?: number; seed?: number } = {},
): Promise<RuleOutlooks> {
  const run = async (document: BufferRulesFile) => {
    const result = await runSimulation({
      sales,
      policies: [POLICY],
      ...(options.days === undefined ? {} : { days: options.days }),
      ...(options.seed === undefined ? {} : { seed: options.seed }),
      buffer: { kind: 'rules', rules: document },
    });
    return { result, outlook: outlookOf(result.policies[0]!) };
  };

  const current = await run(rules.current);
  const proposed = await run(rules.proposed);
  const { settings, input } = current.result;
  return {
    sales: settings.salesSource,
    seed: settings.seed,
    days: input.dayCount,
    stores: input.stores,
    current: current.outlook,
    proposed: proposed.outlook,
  };
}

function outlookOf(outcome: PolicyOutcome): RuleOutlook {
  const { promises, online, buffers } = outcome;
  return {
    promisesMade: promises.made,
    promisesBroken: promises.broken,
    brokenPromiseRate: promises.brokenRate,
    onlineOrders: online.orders,
    refusedWithStock: online.refusedWhileOnShelf,
    refusedWithStockRate: online.orders === 0 ? null : online.refusedWhileOnShelf / online.orders,
    meanBufferUnits: buffers.meanUnits,
  };
}
