import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { classifyChange, factKindsForShape } from '../../domain/movements/classify-change.js';
import type { ChangeShape } from '../../domain/movements/classify-change.js';
import type { StateChange } from '../../domain/movements/diff-quantities.js';
import type { Database } from '../../storage/database-schema.js';

export interface Cause {
  kind: ChangeShape;
  ref: string | null;
}

/**
 * The likely cause of a change at one level: its shape, and the oldest stored fact of a kind
 * that can explain it (same item, same location or none named) with units left to explain.
 * The fact's matched count goes up in the same statement that claims it.
 */
export async function matchCause(
  db: Kysely<Database>,
  level: { itemId: string; locationHandle: string },
  changes: readonly StateChange[],
): Promise<Cause> {
  const shape = classifyChange(changes);
  const kinds = factKindsForShape[shape];
  if (kinds.length === 0) return { kind: shape, ref: null };

  const units = Math.max(...changes.map((c) => Math.abs(c.delta)));

  for (const kind of kinds) {
    const candidates = await db
      .selectFrom('fact_lines')
      .select(['id', 'kind', 'ref', 'line_ref', 'quantity', 'matched'])
      .where('item_id', '=', level.itemId)
      .where('kind', '=', kind)
      .where((eb) =>
        eb.or([
          eb('location_handle', '=', level.locationHandle),
          eb('location_handle', 'is', null),
        ]),
      )
      .where(sql<boolean>`matched < abs(quantity)`)
      .orderBy('occurred_at')
      .limit(3)
      .execute();

    for (const fact of candidates) {
      const claimed = await db
        .updateTable('fact_lines')
        .set({
          matched: sql<number>`CASE WHEN matched + ${units} > abs(quantity) THEN abs(quantity) ELSE matched + ${units} END`,
        })
        .where('id', '=', fact.id)
        .where(sql<boolean>`matched < abs(quantity)`)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) === 1) {
        return { kind: shape, ref: `${fact.kind}:${fact.ref}:${fact.line_ref}` };
      }
    }
  }

  return { kind: shape, ref: null };
}
