import type BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { TurnBatches } from '../../shared/turn-batches.js';
import type { Database } from '../../storage/database-schema.js';
import type { Storage } from '../../storage/storage.js';
import type { TransactionEnd } from './write-transaction.js';

type Work<T> = (trx: Kysely<Database>) => Promise<TransactionEnd<T>>;

interface SavepointStatements {
  begin: BetterSqlite3.Statement;
  rollBack: BetterSqlite3.Statement;
  release: BetterSqlite3.Statement;
}

interface Queued {
  work: Work<unknown>;
  attempt: number;
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
}

/** Upper bound on the works one SQLite transaction carries, so one COMMIT never waits long. */
const MAX_BATCH = 64;

const batches = new WeakMap<Storage, SqliteWriteBatch>();

/**
 * Group commit for SQLite, which runs one writer at a time anyway: the write transactions
 * callers start while one is running queue up, and the next batch runs them one after another
 * in a single `BEGIN IMMEDIATE … COMMIT`, each inside its own SAVEPOINT. A work that returns
 * `commit: false` or throws is rolled back to its savepoint, so it changes nothing, and the
 * others are unaffected; every caller is answered only after the COMMIT that made its work
 * durable (or after its rollback). One COMMIT, the costly statement, serves the whole batch.
 */
export class SqliteWriteBatch {
  // The works that callers start in this turn of the event loop (the answers of the last batch,
  // each going on to its next write) join the next batch instead of each taking its own.
  private readonly batches = new TurnBatches<Queued>(
    (batch) => this.runBatch(batch),
    (waiting) => Math.min(waiting.length, MAX_BATCH),
  );
  private prepared: SavepointStatements | undefined;

  private constructor(
    private readonly storage: Storage,
    private readonly attempts: number,
    private readonly isRetryable: (thrown: unknown) => boolean,
  ) {}

  static of(
    storage: Storage,
    attempts: number,
    isRetryable: (thrown: unknown) => boolean,
  ): SqliteWriteBatch {
    let batch = batches.get(storage);
    if (!batch) {
      batch = new SqliteWriteBatch(storage, attempts, isRetryable);
      batches.set(storage, batch);
    }
    return batch;
  }

  run<T>(work: Work<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.batches.add({
        work: work as Work<unknown>,
        attempt: 1,
        resolve: resolve as (value: unknown) => void,
        reject,
      });
    });
  }

  /** One transaction for the batch; a work that must start again goes to the next batch. */
  private async runBatch(batch: Queued[]): Promise<void> {
    const answers: (() => void)[] = [];
    try {
      await this.storage.db.connection().execute(async (connection) => {
        await sql.raw('BEGIN IMMEDIATE').execute(connection);
        try {
          for (const queued of batch) answers.push(await this.runOne(connection, queued));
          await sql.raw('COMMIT').execute(connection);
        } catch (thrown) {
          await rollbackQuietly(connection);
          throw thrown;
        }
      });
    } catch (thrown) {
      // Nothing of the batch committed: each work starts again or fails with the fault.
      for (const queued of batch) this.retryOrReject(queued, thrown);
      return;
    }
    for (const answer of answers) answer();
  }

  /** Runs one work in its savepoint; returns how to answer its caller once the batch ends. */
  private async runOne(connection: Kysely<Database>, queued: Queued): Promise<() => void> {
    const savepoint = this.savepoint();
    savepoint.begin.run();
    try {
      const end = await queued.work(connection);
      if (!end.commit) savepoint.rollBack.run();
      savepoint.release.run();
      return () => queued.resolve(end.value);
    } catch (thrown) {
      // If the savepoint itself cannot be rolled back, the whole batch is in doubt: rethrow.
      savepoint.rollBack.run();
      savepoint.release.run();
      return () => this.retryOrReject(queued, thrown);
    }
  }

  /**
   * The savepoint statements, prepared once on the raw connection (this runs while the batch
   * holds Kysely's connection): three per work, built by the query builder each time, cost
   * more than a new hold's own statements.
   */
  private savepoint(): SavepointStatements {
    if (this.prepared) return this.prepared;

    const raw = this.storage.sqlite;
    if (!raw) throw new Error("the SQLite write batch needs the storage's raw connection");
    this.prepared = {
      begin: raw.prepare('SAVEPOINT write_work'),
      rollBack: raw.prepare('ROLLBACK TO write_work'),
      release: raw.prepare('RELEASE write_work'),
    };
    return this.prepared;
  }

  private retryOrReject(queued: Queued, thrown: unknown): void {
    if (queued.attempt >= this.attempts || !this.isRetryable(thrown)) {
      queued.reject(thrown);
      return;
    }
    queued.attempt += 1;
    this.batches.add(queued);
  }
}

async function rollbackQuietly(connection: Kysely<Database>): Promise<void> {
  try {
    await sql.raw('ROLLBACK').execute(connection);
  } catch {
    // The connection may have aborted the transaction already; the original fault matters more.
  }
}
