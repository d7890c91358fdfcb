import type { Kysely } from 'kysely';
import type { BufferRules } from '../../domain/buffers/index.js';
import type { Database } from '../../storage/database-schema.js';
import { velocityDb } from '../velocity/velocity-database.js';
import { chainVelocityAverages } from './chain-velocity-averages.js';
import type { VelocityCount } from './propose-buffers.js';
import { proposeBuffers } from './propose-buffers.js';

/** Units held back at one store in one category, now and under the rules previewed. */
export interface BufferPreviewRow {
  location: string;
  category: string;
  levels: number;
  currentBufferUnits: number;
  currentHeldBack: number;
  proposedBufferUnits: number;
  proposedHeldBack: number;
  /** Levels whose rule needs a velocity the location cannot give (no time zone). */
  levelsWithoutVelocity: number;
}

const NO_CATEGORY = '(none)';

/**
 * What a set of rules would do before it is applied: per store and category, the buffer units
 * the rules give and the units that would actually be held back, next to today's. A level
 * holds back min(buffer, gross − held) units: a buffer cannot keep back units the store does
 * not have. Nothing is written.
 */
export async function previewBuffers(
  db: Kysely<Database>,
  rules: BufferRules,
  velocity: VelocityCount,
  now: Date,
): Promise<BufferPreviewRow[]> {
  const locations = await db
    .selectFrom('locations')
    .select(['handle', 'buffer_units'])
    .orderBy('handle')
    .execute();
  const handles = locations.map((l) => l.handle);
  const averages = await chainVelocityAverages(db, handles, velocity, now);

  const rows: BufferPreviewRow[] = [];
  for (const location of locations) {
    const proposals = await proposeBuffers(db, location.handle, { rules, averages, velocity, now });
    if (proposals.length === 0) continue;
    const levels = await levelState(db, location.handle);
    const byCategory = new Map<string, BufferPreviewRow>();

    for (const proposal of proposals) {
      const level = levels.get(proposal.itemId);
      const gross = level?.gross ?? 0;
      const held = level?.held ?? 0;
      const current = level?.buffer ?? location.buffer_units;
      const proposed = proposal.decision.ok ? proposal.decision.bufferUnits : current;
      const category = proposal.category ?? NO_CATEGORY;
      const row = byCategory.get(category) ?? {
        location: location.handle,
        category,
        levels: 0,
        currentBufferUnits: 0,
        currentHeldBack: 0,
        proposedBufferUnits: 0,
        proposedHeldBack: 0,
        levelsWithoutVelocity: 0,
      };
      const room = Math.max(0, gross - held);
      row.levels += 1;
      row.currentBufferUnits += current;
      row.currentHeldBack += Math.min(current, room);
      row.proposedBufferUnits += proposed;
      row.proposedHeldBack += Math.min(proposed, room);
      if (!proposal.decision.ok) row.levelsWithoutVelocity += 1;
      byCategory.set(category, row);
    }
    rows.push(...[...byCategory.values()].sort((a, b) => (a.category < b.category ? -1 : 1)));
  }
  return rows;
}

// Gross, held and the buffer in force per level, as the decision would read them now.
async function levelState(db: Kysely<Database>, locationHandle: string) {
  const rows = await velocityDb(db)
    .selectFrom('levels as l')
    .innerJoin('locations as loc', 'loc.handle', 'l.location_handle')
    .leftJoin('level_buffers as lb', (j) =>
      j.onRef('lb.item_id', '=', 'l.item_id').onRef('lb.location_handle', '=', 'l.location_handle'),
    )
    .select([
      'l.item_id',
      'l.available',
      'l.connected',
      'l.placed_safety_stock',
      'l.placed_reserved',
      'l.held',
      'lb.buffer_units',
      'loc.buffer_units as location_units',
    ])
    .where('l.location_handle', '=', locationHandle)
    .execute();
  return new Map(
    rows.map((row) => [
      row.item_id,
      {
        gross:
          (row.connected === 1 ? row.available : 0) + row.placed_safety_stock + row.placed_reserved,
        held: row.held,
        buffer: row.buffer_units ?? row.location_units,
      },
    ]),
  );
}
