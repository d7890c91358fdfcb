import type { Storage } from '../../storage/storage.js';
import type { NewHold, NewHoldOutcome } from './new-hold.js';
import { placeNewHoldOnPostgres } from './postgres-new-hold.js';
import { SqliteNewHold } from './sqlite-new-hold.js';
import { inWriteTransaction, retryingTransient } from './write-transaction.js';

/**
 * Places a hold for a cart with nothing held yet, all lines or none, in the fewest steps each
 * engine allows: on SQLite as prepared statements inside the shared write batch (one COMMIT for
 * the holds that arrive together), on PostgreSQL as one function call. Anything else it meets
 * (a key seen before, a hold of the cart to replace, holds at a short level that may have run
 * out) it leaves untouched and sends to the general path, `placeHold`.
 *
 * The claimed levels are marked stale, as by the general path; the caller has them decided.
 */
export async function placeNewHold(storage: Storage, hold: NewHold): Promise<NewHoldOutcome> {
  // Only the SQLite adapter has a raw connection.
  const connection = storage.sqlite;
  if (connection) {
    const book = SqliteNewHold.on(connection);
    return inWriteTransaction(storage, async () => {
      const outcome = book.place(hold);
      return { commit: outcome.kind === 'placed', value: outcome };
    });
  }

  return retryingTransient(() => placeNewHoldOnPostgres(storage.db, hold));
}
