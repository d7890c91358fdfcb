import type { BufferRules, BufferRulesFile } from '../domain/buffers/index.js';
import { parseBufferRules } from '../domain/buffers/index.js';
import { TrueshelfError } from '../shared/error-catalogue.js';
import type { SimulationSettings } from './simulation-options.js';

/**
 * The buffer rules the buffer policies run, validated by the product's own parser. Risk mode
 * takes its exposure window and loss rate from the simulation: the web learns within the webhook
 * delay, a promise stays open until pickup, and shrink and misplacement both take units silently.
 */
export function simBufferRules(settings: SimulationSettings): BufferRules {
  const parsed = parseBufferRules(rulesFile(settings));
  if (parsed.ok) return parsed.rules;

  const issues = parsed.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
  throw new TrueshelfError(
    'invalid_request',
    `the simulation's buffer rules are invalid: ${issues}`,
    {
      issues: parsed.issues,
    },
  );
}

function rulesFile(settings: SimulationSettings): BufferRulesFile {
  const buffer = settings.buffer;
  if (buffer.kind === 'rules') return buffer.rules;
  if (buffer.kind === 'tiered') {
    // A preset in the shape a merchant would write: nothing for slow sellers, one or two units
    // for steady ones, and half a day of cover for fast ones.
    return {
      version: 1,
      chainDefault: {
        id: 'sim-tiered',
        policy: {
          kind: 'tiered',
          bands: [
            { fromUnitsPerDay: 0, bufferUnits: 0 },
            { fromUnitsPerDay: 0.5, bufferUnits: 1 },
            { fromUnitsPerDay: 3, bufferUnits: 2 },
            { fromUnitsPerDay: 8, bufferUnits: 2, daysOfCover: 0.5 },
          ],
        },
      },
    };
  }
  return {
    version: 1,
    chainDefault: {
      id: 'sim-risk',
      policy: {
        kind: 'risk',
        targetShortfallProbability: buffer.targetShortfallProbability,
        syncDelaySeconds: settings.webhookDelaySeconds,
        orderToPickupSeconds: settings.pickupDelayHours * 3600,
        shrinkRate: Math.min(1, settings.shrinkRate + settings.misplacementRate),
      },
    },
  };
}
