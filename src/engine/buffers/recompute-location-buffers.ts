import type { Kysely } from 'kysely';
import type { BufferChange, BufferRules } from '../../domain/buffers/index.js';
import { shouldChangeBuffer } from '../../domain/buffers/index.js';
import type { VelocityResult } from '../../domain/velocity/velocity.js';
import type { Database } from '../../storage/database-schema.js';
import type { LevelBufferTable } from '../../storage/velocity-schema.js';
import { refreshDecision } from '../decision/refresh-decision.js';
import type { ChannelModes } from '../decision/refresh-decision.js';
import { chunked } from '../erp/chunked.js';
import { velocityDb } from '../velocity/velocity-database.js';
import type { VelocityAverages } from './chain-velocity-averages.js';
import type { BufferProposal } from './propose-buffers.js';
import { proposeBuffers } from './propose-buffers.js';

export interface RecomputeContext {
  rules: BufferRules;
  averages: VelocityAverages;
  velocity: { windowDays: number; minCountedDays: number; floorUnitsPerDay: number };
  modes: ChannelModes;
  now: Date;
}

export interface LocationRecompute {
  levels: number;
  changed: number;
}

const WRITES_PER_TRANSACTION = 200;

/**
 * Recomputes the buffer of every level at one location: velocity from stored sales, the rule
 * that matches, its buffer, and whether it replaces the one in place (`shouldChangeBuffer`,
 * so noise does not flap it). The latest computation is always stored for the explain route;
 * a changed buffer is decided again in the same transaction, which queues at most one push per
 * channel for the level, whatever number of sales moved its velocity.
 */
export async function recomputeLocationBuffers(
  db: Kysely<Database>,
  locationHandle: string,
  context: RecomputeContext,
): Promise<LocationRecompute> {
  const vdb = velocityDb(db);
  const location = await db
    .selectFrom('locations')
    .select('buffer_units')
    .where('handle', '=', locationHandle)
    .executeTakeFirst();
  if (!location) return { levels: 0, changed: 0 };

  const [proposals, current] = await Promise.all([
    proposeBuffers(db, locationHandle, context),
    vdb
      .selectFrom('level_buffers')
      .selectAll()
      .where('location_handle', '=', locationHandle)
      .execute(),
  ]);
  const inPlace = new Map(current.map((row) => [row.item_id, row]));
  const rows = proposals.map((proposal) =>
    levelBuffer(locationHandle, proposal, location.buffer_units, {
      rules: context.rules,
      current: inPlace.get(proposal.itemId) ?? null,
      now: context.now.toISOString(),
    }),
  );

  let changed = 0;
  for (const chunk of chunked(rows, WRITES_PER_TRANSACTION)) {
    await db.transaction().execute(async (trx) => {
      for (const { row, changed: isChange } of chunk) {
        await storeLevelBuffer(trx, row);
        if (!isChange) continue;
        changed += 1;
        const key = { itemId: row.item_id, locationHandle };
        await refreshDecision(trx, key, context.modes, null, row.computed_at);
      }
    });
  }
  return { levels: rows.length, changed };
}

function levelBuffer(
  locationHandle: string,
  proposal: BufferProposal,
  locationUnits: number,
  context: { rules: BufferRules; current: LevelBufferTable | null; now: string },
): { row: LevelBufferTable; changed: boolean } {
  const { current, now } = context;
  const { itemId, velocity, decision } = proposal;
  const bufferVelocity = velocity.ok
    ? { unitsPerDay: velocity.unitsPerDay, source: velocity.source }
    : null;
  const proposedUnits = decision.ok ? decision.bufferUnits : locationUnits;
  const proposed = {
    bufferUnits: proposedUnits,
    unitsPerDay: bufferVelocity?.unitsPerDay ?? null,
    ruleKey: decision.ruleKey,
  };
  const basis = current
    ? {
        bufferUnits: current.buffer_units,
        unitsPerDay: current.basis_units_per_day,
        ruleKey: current.rule_key,
      }
    : null;
  // Without a velocity the policy cannot run: the location's own setting stands, unhurried.
  const change: BufferChange = decision.ok
    ? shouldChangeBuffer(basis, proposed, context.rules.hysteresis)
    : {
        change: current?.buffer_units !== locationUnits,
        reason: 'velocity_unknown',
        velocityChangePercent: null,
      };

  const explanation = {
    velocity: velocity.ok ? velocityFacts(velocity) : { unavailable: velocity.reason },
    buffer: decision.explanation,
    storeLoss: proposal.storeLoss,
    ...(decision.ok ? {} : { fallback: `the location's bufferUnits (${locationUnits}) stands` }),
    proposedUnits,
    change,
  };
  const keep = !change.change && current !== null;
  return {
    changed: change.change,
    row: {
      item_id: itemId,
      location_handle: locationHandle,
      buffer_units: keep ? current.buffer_units : proposedUnits,
      rule_key: keep ? current.rule_key : decision.ruleKey,
      basis_units_per_day: keep ? current.basis_units_per_day : proposed.unitsPerDay,
      set_at: keep ? current.set_at : now,
      proposed_units: proposedUnits,
      units_per_day: bufferVelocity?.unitsPerDay ?? null,
      velocity_source: velocity.ok ? velocity.source : null,
      window_first_day: velocity.ok ? velocity.window.firstDay : null,
      window_last_day: velocity.ok ? velocity.window.lastDay : null,
      window_days: velocity.ok ? velocity.daysInWindow : null,
      change_reason: change.reason,
      explanation: JSON.stringify(explanation),
      computed_at: now,
    },
  };
}

function velocityFacts(velocity: Extract<VelocityResult, { ok: true }>) {
  const { ok: _ok, ...facts } = velocity;
  return facts;
}

async function storeLevelBuffer(trx: Kysely<Database>, row: LevelBufferTable): Promise<void> {
  const { item_id: _item, location_handle: _location, ...update } = row;
  await velocityDb(trx)
    .insertInto('level_buffers')
    .values(row)
    .onConflict((oc) => oc.columns(['item_id', 'location_handle']).doUpdateSet(update))
    .execute();
}
