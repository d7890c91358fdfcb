import type { Kysely } from 'kysely';
import type { BufferDecision, BufferRules } from '../../domain/buffers/index.js';
import { computeBuffer } from '../../domain/buffers/index.js';
import { computeVelocity } from '../../domain/velocity/compute-velocity.js';
import type { VelocityResult } from '../../domain/velocity/velocity.js';
import type { Database } from '../../storage/database-schema.js';
import { loadVelocityInputs } from '../velocity/load-velocity-inputs.js';
import type { VelocityAverages } from './chain-velocity-averages.js';
import type { StoreLoss } from './observed-store-loss.js';
import { observedStoreLoss } from './observed-store-loss.js';

export interface VelocityCount {
  windowDays: number;
  minCountedDays: number;
  floorUnitsPerDay: number;
}

/** What the rules would hold back at one level, and from what. */
export interface BufferProposal {
  itemId: string;
  category: string | null;
  velocity: VelocityResult;
  decision: BufferDecision;
  /** The store's own shrink and count figures, read once per location (risk mode uses them). */
  storeLoss: StoreLoss;
}

/**
 * The buffer the rules give each level at a location now: velocity from stored sales (with the
 * category, else chain average standing in for items without history), then the matching rule,
 * with the store's observed shrink and count variance for risk mode (`observedStoreLoss`).
 * Pure of side effects, so the recompute and the preview share it.
 */
export async function proposeBuffers(
  db: Kysely<Database>,
  locationHandle: string,
  context: { rules: BufferRules; averages: VelocityAverages; velocity: VelocityCount; now: Date },
): Promise<BufferProposal[]> {
  const { inputs } = await loadVelocityInputs(
    db,
    locationHandle,
    context.velocity.windowDays,
    context.now,
  );
  const rows = await db
    .selectFrom('levels')
    .innerJoin('items', 'items.id', 'levels.item_id')
    .select(['items.id', 'items.category'])
    .where('levels.location_handle', '=', locationHandle)
    .execute();
  const categories = new Map(rows.map((row) => [row.id, row.category]));
  const storeLoss = await observedStoreLoss(db, locationHandle, context.now);

  const proposals: BufferProposal[] = [];
  for (const input of inputs.values()) {
    const category = categories.get(input.itemId) ?? null;
    const velocity = computeVelocity({
      ...input,
      defaults: {
        minCountedDays: context.velocity.minCountedDays,
        categoryAverageUnitsPerDay:
          category === null ? null : (context.averages.byCategory.get(category) ?? null),
        chainAverageUnitsPerDay: context.averages.chain,
        floorUnitsPerDay: context.velocity.floorUnitsPerDay,
      },
    });
    const decision = computeBuffer({
      rules: context.rules,
      target: { item: input.itemId, location: locationHandle, category },
      velocity: velocity.ok ? { unitsPerDay: velocity.unitsPerDay, source: velocity.source } : null,
      observedLoss: storeLoss.observation,
    });
    proposals.push({ itemId: input.itemId, category, velocity, decision, storeLoss });
  }
  return proposals;
}
