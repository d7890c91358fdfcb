import type { AppContext } from '../../app/app-context.js';
import { explainLevel } from '../../engine/buffers/explain-level.js';
import type { LevelExplanation } from '../../engine/buffers/explain-level.js';
import { toError, TrueshelfError } from '../../shared/error-catalogue.js';

export type LevelExplanationView =
  { available: true; explanation: LevelExplanation } | { available: false; reason: string };

/**
 * The buffer's reasoning for one level, as `GET /v1/availability/explain` gives it: the rule
 * that matched, the velocity and its window, the proposed buffer and each channel's value.
 * Asked for one level when a person opens it, never polled. A database without the velocity
 * tables answers "not available" and the page keeps the stored decision's explanation.
 */
export async function levelExplanation(
  ctx: AppContext,
  key: { itemId: string; locationHandle: string },
): Promise<LevelExplanationView> {
  let outcome: Awaited<ReturnType<typeof explainLevel>>;
  try {
    outcome = await explainLevel(ctx.storage.db, key, ctx.config.buffers, ctx.clock());
  } catch (thrown) {
    if (thrown instanceof TrueshelfError) throw thrown;
    ctx.logger.info({ err: toError(thrown), ...key }, 'dashboard: the buffer explanation failed');
    return { available: false, reason: 'the buffer explanation is not available on this database' };
  }

  if (!outcome.ok) {
    throw new TrueshelfError(
      'not_found',
      `item "${key.itemId}" is not stocked at location "${key.locationHandle}"`,
      {
        item: key.itemId,
        location: key.locationHandle,
        expected: 'a location listed on the item page',
      },
    );
  }
  return { available: true, explanation: outcome.explanation };
}
