import type { Migration } from 'kysely';
import * as m001 from './001-initial-schema.js';
import * as m002 from './002-holds.js';
import * as m003 from './003-counts.js';
import * as m004 from './004-erp.js';
import * as m005 from './005-onboarding.js';
import * as m006 from './006-velocity.js';
import * as m007 from './007-item-tags.js';
import * as m008 from './008-attribution.js';
import * as m009 from './009-hold-refresh.js';
import * as m010 from './010-item-tags-updated-at.js';
import * as m011 from './011-place-new-hold.js';
import * as m012 from './012-drop-place-new-hold.js';

/** Numbered migrations, applied in order, each once (Kysely keeps the record). */
export const migrations: Record<string, Migration> = {
  '001-initial-schema': m001,
  '002-holds': m002,
  '003-counts': m003,
  '004-erp': m004,
  '005-onboarding': m005,
  '006-velocity': m006,
  '007-item-tags': m007,
  '008-attribution': m008,
  '009-hold-refresh': m009,
  '010-item-tags-updated-at': m010,
  '011-place-new-hold': m011,
  '012-drop-place-new-hold': m012,
};
