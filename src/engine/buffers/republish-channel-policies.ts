import type { Kysely } from 'kysely';
import type { ChannelPolicies } from '../../domain/buffers/index.js';
import { applyChannelPolicy } from '../../domain/buffers/index.js';
import { shopifyHeldBack } from '../../domain/decision/decide-sellable.js';
import type { Database } from '../../storage/database-schema.js';
import type { ChannelModes } from '../decision/refresh-decision.js';
import { refreshDecision } from '../decision/refresh-decision.js';
import {
  activeChannelPolicies,
  appliedChannelPolicies,
  markChannelPoliciesApplied,
  sameChannelPolicies,
} from './channel-policies-store.js';

const PAGE = 1000;

/**
 * After the rules' channel policies changed, decides again every level whose shown quantity
 * differs between the policies the decisions followed and the ones in force, so each affected
 * channel gets one new target (the outbox keeps one row per channel and level; an unchanged
 * target queues nothing). The API reads the policy at request time and needs nothing. Returns
 * the number of levels decided again; 0 when the policies did not change.
 */
export async function republishChannelPolicies(
  db: Kysely<Database>,
  modes: ChannelModes,
  now: string,
): Promise<number> {
  const inForce = await activeChannelPolicies(db);
  const applied = await appliedChannelPolicies(db);
  if (sameChannelPolicies(inForce, applied)) return 0;

  const channels = [...new Set([...Object.keys(inForce), ...Object.keys(applied)])];
  let refreshed = 0;
  let after: readonly [string, string] | null = null;
  // Bounded: each page moves the keyset forward, and a short page ends the walk.
  for (;;) {
    const page = await decisionPage(db, after);
    const affected = page.filter((row) =>
      channels.some((channel) => shownDiffers(channel, row.sellable, applied, inForce)),
    );
    if (affected.length > 0) {
      await db.transaction().execute(async (trx) => {
        for (const row of affected) {
          const key = { itemId: row.item_id, locationHandle: row.location_handle };
          await refreshDecision(trx, key, modes, null, now);
        }
      });
      refreshed += affected.length;
    }

    const last = page.at(-1);
    if (!last || page.length < PAGE) break;
    after = [last.item_id, last.location_handle];
  }

  await markChannelPoliciesApplied(db, inForce, now);
  return refreshed;
}

function shownDiffers(
  channel: string,
  sellable: number,
  before: ChannelPolicies,
  after: ChannelPolicies,
): boolean {
  const old = before[channel] ?? {};
  const next = after[channel] ?? {};
  if (channel === 'shopify')
    return shopifyHeldBack(sellable, old) !== shopifyHeldBack(sellable, next);
  return applyChannelPolicy(sellable, old).shown !== applyChannelPolicy(sellable, next).shown;
}

function decisionPage(db: Kysely<Database>, after: readonly [string, string] | null) {
  let query = db
    .selectFrom('decisions as d')
    .select(['d.item_id', 'd.location_handle', 'd.sellable'])
    .orderBy('d.item_id')
    .orderBy('d.location_handle')
    .limit(PAGE);
  if (after) {
    query = query.where((eb) =>
      eb(eb.refTuple('d.item_id', 'd.location_handle'), '>', eb.tuple(after[0], after[1])),
    );
  }
  return query.execute();
}
