import { randomUUID } from 'node:crypto';
import { localDayOf } from '../../domain/velocity/local-day-of.js';
import type { Clock } from '../../shared/clock.js';
import { toError } from '../../shared/error-catalogue.js';
import type { Storage } from '../../storage/storage.js';
import { auditDb } from './audit-db.js';
import type { GroupFailure } from './apply-outcome.js';
import type { CorrectionGroup } from './correction-plan.js';
import { abandonCorrection, beginCorrection, recordErpCorrection } from './correction-records.js';
import type { CorrectionDraft } from './correction-records.js';
import type { ErpCorrection, ErpCorrectionSink } from './erp-correction-sink.js';

/**
 * Hands one group (a warehouse or an unmanaged location) to the ERP as one correction: the
 * ERP owns on hand there, so trueshelf books nothing itself and mirrors the result on the
 * ERP's next read. The correction is stored before it is posted, and its externalId is its
 * id, so a post repeated after a crash books it once.
 */
export async function applyErpGroup(
  storage: Storage,
  group: CorrectionGroup,
  sink: ErpCorrectionSink,
  clock: Clock,
  applied: (draft: CorrectionDraft) => void,
): Promise<GroupFailure | null> {
  const id = randomUUID();
  const lastCount = group.changes.reduce(
    (last, c) => (c.countedAt > last ? c.countedAt : last),
    '',
  );
  const correction: ErpCorrection = {
    externalId: `trueshelf-count-${id}`,
    correctionId: id,
    importId: group.importId,
    locationHandle: group.locationHandle,
    netsuiteLocationId: group.netsuiteLocationId,
    tranDate: localDayOf(new Date(lastCount), group.timeZone ?? 'UTC'),
    countedAt: lastCount,
    memo: `trueshelf cycle count ${group.importId} at ${group.locationHandle}`,
    lines: group.changes.map((c) => ({ itemId: c.itemId, sku: c.sku, delta: c.delta })),
  };
  const draft: CorrectionDraft = {
    id,
    importId: group.importId,
    locationHandle: group.locationHandle,
    target: 'erp',
    key: correction.externalId,
    request: correction,
    lines: group.changes.map((c) => ({ itemId: c.itemId, delta: c.delta, changeFrom: null })),
  };

  await beginCorrection(auditDb(storage), draft, clock().toISOString(), false);
  return postErpCorrection(storage, draft, sink, clock, applied);
}

/** Posts a stored ERP correction (first time or resend) and records the answer. */
export async function postErpCorrection(
  storage: Storage,
  draft: CorrectionDraft,
  sink: ErpCorrectionSink,
  clock: Clock,
  applied: (draft: CorrectionDraft) => void,
): Promise<GroupFailure | null> {
  const db = auditDb(storage);
  try {
    const posted = await sink.post(draft.request as ErpCorrection);
    await recordErpCorrection(db, draft.id, posted.reference, clock().toISOString());
    applied(draft);
    return null;
  } catch (thrown) {
    const error = toError(thrown, 'ERP correction');
    await abandonCorrection(db, draft, 'failed', error.message);
    return { status: 'failed', detail: `the ERP refused the correction: ${error.message}` };
  }
}
