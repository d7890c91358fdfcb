import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../../storage/database-schema.js';
import type { Storage } from '../../storage/storage.js';
import { SqliteWriteBatch } from './sqlite-write-batch.js';

/** Returned by the work of a transaction: commit or roll back, and what to hand the caller. */
export type TransactionEnd<T> = { commit: boolean; value: T };

/**
 * Attempts before a conflict is given up as a fault. Three instances replacing the same carts'
 * holds at once lost all of 5 attempts about once in a few CI runs (a RetryTransaction each
 * time: the cart's hold changed after its levels were locked); the pauses stay at most 50 ms.
 */
const ATTEMPTS = 8;

/**
 * Runs `work` in one write transaction on one connection and retries it, from the start, when
 * the engine says another transaction got in the way: PostgreSQL's deadlock (40P01) or
 * serialization failure (40001), a unique key another transaction took first, or `work`
 * throwing `RetryTransaction` after losing a version check. Expected refusals are not errors:
 * `work` returns `commit: false` and the caller gets its value after the rollback.
 *
 * On SQLite the transaction begins IMMEDIATE, taking the write lock before the first read, so
 * a second instance on the same file waits (busy_timeout) instead of failing on a stale
 * snapshot when it writes; and works started meanwhile share one transaction, each in its own
 * savepoint (`SqliteWriteBatch`), so one COMMIT serves them all. `background` work runs on
 * PostgreSQL's background pool (`Storage.backgroundDb`); PostgreSQL's `settings` (`SET LOCAL`
 * statements, no parameters) go with the BEGIN, in the same round trip.
 */
export async function inWriteTransaction<T>(
  storage: Storage,
  work: (trx: Kysely<Database>) => Promise<TransactionEnd<T>>,
  options: { background?: boolean; settings?: string } = {},
): Promise<T> {
  if (storage.dialect === 'sqlite') {
    return SqliteWriteBatch.of(storage, ATTEMPTS, isRetryable).run(work);
  }

  const db = options.background ? storage.backgroundDb : storage.db;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await db.connection().execute(async (connection) => {
        await sql
          .raw(options.settings ? `BEGIN; ${options.settings}` : 'BEGIN')
          .execute(connection);
        let end: TransactionEnd<T>;
        try {
          end = await work(connection);
        } catch (thrown) {
          await rollbackQuietly(connection);
          throw thrown;
        }
        await sql.raw(end.commit ? 'COMMIT' : 'ROLLBACK').execute(connection);
        return end.value;
      });
    } catch (thrown) {
      if (attempt >= ATTEMPTS || !isRetryable(thrown)) throw thrown;
      await pause(attempt);
    }
  }
}

/**
 * Runs one self-contained statement (its own transaction) and runs it again, up to the same
 * number of attempts, when the engine says another transaction got in the way (a deadlock).
 */
export async function retryingTransient<T>(statement: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await statement();
    } catch (thrown) {
      if (attempt >= ATTEMPTS || !isRetryable(thrown)) throw thrown;
      await pause(attempt);
    }
  }
}

/** Thrown inside `work` when a guarded row changed under it; the whole transaction reruns. */
export class RetryTransaction extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'RetryTransaction';
  }
}

const RETRYABLE_CODES = new Set([
  '40P01',
  '40001',
  '23505',
  'SQLITE_CONSTRAINT_UNIQUE',
  'SQLITE_CONSTRAINT_PRIMARYKEY',
  'SQLITE_BUSY',
]);

function isRetryable(thrown: unknown): boolean {
  if (thrown instanceof RetryTransaction) return true;
  const code = (thrown as { code?: unknown } | null)?.code;
  return typeof code === 'string' && RETRYABLE_CODES.has(code);
}

async function rollbackQuietly(connection: Kysely<Database>): Promise<void> {
  try {
    await sql.raw('ROLLBACK').execute(connection);
  } catch {
    // The connection may have aborted the transaction already; the original fault matters more.
  }
}

function pause(attempt: number): Promise<void> {
  const ms = Math.min(50, 2 ** attempt) + Math.random() * 5;
  return new Promise((resolve) => setTimeout(resolve, ms));
}
