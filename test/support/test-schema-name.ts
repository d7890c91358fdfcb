import { randomBytes } from 'node:crypto';

/** How long a test schema may outlive its run before a later run treats it as abandoned. */
const ABANDONED_AFTER_MS = 3 * 60 * 60 * 1000;

const RUN_ENV = 'TRUESHELF_TEST_RUN';

/**
 * A run id: its start time in base 36 plus a random tag. The global setup sets it for the
 * workers, so each run drops only its own schemas and parallel runs (two developers, or `npm
 * test` beside `npm run test:faults`) cannot drop each other's.
 */
export function newTestRunId(now = Date.now()): string {
  return `${now.toString(36)}${randomBytes(2).toString('hex')}`;
}

export function testRunIdFromEnv(): string {
  const run = process.env[RUN_ENV];
  if (run !== undefined && /^[0-9a-z]{8,16}$/.test(run)) return run;

  // A worker started without the global setup (e.g. a single file run by an IDE) gets its own.
  const fresh = newTestRunId();
  process.env[RUN_ENV] = fresh;
  return fresh;
}

export function setTestRunId(run: string): void {
  process.env[RUN_ENV] = run;
}

export function testSchemaName(run: string): string {
  return `t_${run}_${randomBytes(5).toString('hex')}`;
}

/** The schemas to drop: this run's, and any whose run started long enough ago to be abandoned. */
export function isDroppableSchema(name: string, run: string, now = Date.now()): boolean {
  const match = /^t_([0-9a-z]+?)([0-9a-f]{4})_[0-9a-f]{10}$/.exec(name);
  if (match === null) return /^t_[0-9a-f]{12}$/.test(name);
  if (`${match[1]}${match[2]}` === run) return true;

  const startedAt = Number.parseInt(match[1] ?? '', 36);
  return Number.isFinite(startedAt) && now - startedAt > ABANDONED_AFTER_MS;
}
