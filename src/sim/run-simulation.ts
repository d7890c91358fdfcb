import { ProductAnswers } from './buffer-keeper.js';
import type { HoldBookFactory } from './hold-book.js';
import { loadSalesMatrix } from './load-sales-matrix.js';
import { orderUpToLevels } from './order-up-to-levels.js';
import { resolveSettings } from './resolve-settings.js';
import { runPolicy } from './run-policy.js';
import { simBufferRules } from './sim-buffer-rules.js';
import type { SimulationOptions } from './simulation-options.js';
import type { SimulationResult } from './simulation-result.js';

/**
 * Replays store × item × day unit sales through each policy and measures what shoppers would
 * have met. Every policy starts from the same stock (record equal to shelf, as right after a
 * full count) and meets the same demand and losses for the seed, so differences between
 * policies are the policies' own. The result holds no wall-clock figure, so one seed gives
 * byte-identical JSON.
 */
export async function runSimulation(
  options: SimulationOptions,
  extras: { holdBook?: HoldBookFactory } = {},
): Promise<SimulationResult> {
  const settings = resolveSettings(options);
  const matrix = await loadSalesMatrix(options.sales, settings);
  const rules = simBufferRules(settings);
  // Every policy opens with S on the shelf and in the record.
  const startingStock = orderUpToLevels(matrix, settings.replenishment, 0);

  const answers = new ProductAnswers();
  const policyCount = settings.policies.length;
  let eventsBefore = 0;
  const outcomes = settings.policies.map((policy, policyIndex) => {
    const outcome = runPolicy({
      policy,
      matrix,
      settings,
      startingStock,
      rules,
      answers,
      ...(extras.holdBook ? { holdBook: extras.holdBook } : {}),
      progress: (progress) =>
        options.onProgress?.({
          ...progress,
          eventsSimulated: eventsBefore + progress.eventsSimulated,
          policyIndex,
          policyCount,
        }),
    });
    eventsBefore += outcome.eventsSimulated;
    return outcome;
  });

  return {
    settings,
    input: {
      stores: matrix.stores,
      levels: matrix.levelCount,
      firstDay: matrix.days[0]!,
      lastDay: matrix.days[matrix.days.length - 1]!,
      dayCount: matrix.days.length,
      unitsInFile: matrix.totalUnits,
    },
    days: matrix.days,
    policies: outcomes,
    eventsSimulated: outcomes.reduce((total, outcome) => total + outcome.eventsSimulated, 0),
  };
}
