import type { AppContext } from '../../app/app-context.js';
import { holdsDb } from '../../engine/holds/holds-database.js';
import type { HoldView } from '../../engine/holds/hold-view.js';
import { listAlerts } from '../../engine/holds/list-alerts.js';
import type { AlertView } from '../../engine/holds/list-alerts.js';
import { listHolds } from '../../engine/holds/list-holds.js';
import { listPickups } from '../../engine/holds/pickup-queue.js';
import type { PickupView } from '../../engine/holds/pickup-queue.js';
import { toError } from '../../shared/error-catalogue.js';

export type HoldsBoard =
  | { enabled: true; holds: HoldView[]; pickups: PickupView[]; alerts: AlertView[] }
  | { enabled: false; reason: string };

export const BOARD_LIMIT = 100;

/**
 * Live holds, the open pickup queue and the open "sold from under a pickup" alerts. A database
 * migrated before the holds' tables existed answers "not enabled" instead of failing the page.
 */
export async function holdsBoard(ctx: AppContext): Promise<HoldsBoard> {
  const db = holdsDb(ctx.storage.db);
  const now = ctx.clock();

  try {
    const [active, checkout, pickups, alerts] = await Promise.all([
      listHolds(db, { status: 'active', limit: BOARD_LIMIT }, now),
      listHolds(db, { status: 'checkout', limit: BOARD_LIMIT }, now),
      listPickups(db, { status: 'open', limit: BOARD_LIMIT }, now),
      listAlerts(db, { open: true, limit: BOARD_LIMIT }),
    ]);
    // listHolds reads one past the limit so a pager can tell; the board only shows the page.
    const holds = [...active.slice(0, BOARD_LIMIT), ...checkout.slice(0, BOARD_LIMIT)];
    return { enabled: true, holds, pickups, alerts };
  } catch (thrown) {
    ctx.logger.info({ err: toError(thrown) }, 'dashboard: holds tables are not readable');
    return { enabled: false, reason: 'holds are not enabled on this database' };
  }
}
