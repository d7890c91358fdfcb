import type { Migration } from 'kysely';
import * as m001 from './001-initial-schema.js';

/** Numbered migrations, applied in order, each once (Kysely keeps the record). */
export const migrations: Record<string, Migration> = {
  '001-initial-schema': m001,
};
