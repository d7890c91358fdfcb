import { systemClock } from '../../shared/clock.js';
import type { Clock } from '../../shared/clock.js';
import type { ShopifyAdminClient } from '../../sources/shopify/shopify-admin-client.js';
import type { Storage } from '../../storage/storage.js';
import { applyErpGroup, postErpCorrection } from './apply-erp-group.js';
import type { ApplyCorrectionsResult, GroupFailure, GroupOutcome } from './apply-outcome.js';
import { applyShopifyGroup, sendShopifyCorrection } from './apply-shopify-group.js';
import { auditDb } from './audit-db.js';
import type { CorrectionGroup } from './correction-plan.js';
import { readUnfinishedCorrections } from './correction-records.js';
import type { CorrectionDraft } from './correction-records.js';
import type { ErpCorrectionSink } from './erp-correction-sink.js';
import { planCorrections } from './plan-corrections.js';
import type { CorrectionOptions } from './plan-corrections.js';

export interface ApplyCorrectionsOptions extends CorrectionOptions {
  /** Needed when a managed store has corrections. */
  shopify?: ShopifyAdminClient;
  /** `shopify.mode`: in shadow nothing goes to Shopify, whatever a location's own mode. */
  shopifyMode?: 'shadow' | 'publish';
  /** Needed when a warehouse or unmanaged location has corrections. */
  erp?: ErpCorrectionSink;
  maxChangesPerMutation?: number;
  /** New reads and keys after CHANGE_FROM_QUANTITY_STALE before giving up. */
  staleRetries?: number;
}

/**
 * Applies the corrections the dry run lists, group by group (an import at a location), each
 * group whole or not at all. The first group that does not go through stops the run: later
 * groups are not attempted, and the outcome says why. Corrections an earlier run left
 * unanswered are resent first, under their own keys, before anything is planned.
 */
export async function applyCorrections(
  storage: Storage,
  options: ApplyCorrectionsOptions = {},
): Promise<ApplyCorrectionsResult> {
  const clock = options.clock ?? systemClock;
  const filter = { importId: options.importId ?? null, location: options.location ?? null };

  const unfinished = await readUnfinishedCorrections(auditDb(storage), filter);
  for (const draft of unfinished) {
    const failure = await resend(storage, draft, options, clock);
    if (failure) {
      const plan = await planCorrections(storage, { ...options, clock });
      const outcome = {
        importId: draft.importId,
        locationHandle: draft.locationHandle,
        target: draft.target,
        correctionIds: [draft.id],
        appliedChanges: 0,
        totalChanges: draft.lines.length,
      };
      return {
        ok: false,
        plan,
        resumed: unfinished.length,
        outcomes: [{ ...outcome, ...failure }],
      };
    }
  }

  const plan = await planCorrections(storage, { ...options, clock });
  // A group that cannot go at all (not linked to Shopify, a correction still unanswered) is
  // known before anything is sent: then nothing is, rather than the groups ahead of it.
  const refused = plan.groups.find(
    (g) => g.blocked !== null && g.blocked !== 'location_in_shadow_mode',
  );
  if (refused) {
    const outcomes = plan.groups.map((g) =>
      g === refused
        ? outcomeOf(g, 'blocked', [], blockDetail(g))
        : outcomeOf(
            g,
            'not_attempted',
            [],
            `${refused.locationHandle} is blocked: nothing was sent`,
          ),
    );
    return { ok: false, plan, resumed: unfinished.length, outcomes };
  }

  const outcomes: GroupOutcome[] = [];
  let stopped = false;
  for (const group of plan.groups) {
    if (stopped) {
      outcomes.push(outcomeOf(group, 'not_attempted', [], 'an earlier group did not go through'));
      continue;
    }

    const applied: CorrectionDraft[] = [];
    const failure = await applyGroup(storage, group, options, clock, applied);
    if (failure?.status === 'skipped_shadow_mode') {
      outcomes.push(outcomeOf(group, 'skipped_shadow_mode', [], failure.detail));
      continue;
    }
    outcomes.push(
      failure
        ? outcomeOf(group, failure.status, applied, failure.detail)
        : outcomeOf(group, 'applied', applied, null),
    );
    stopped = failure !== null;
  }

  return { ok: !stopped, plan, resumed: unfinished.length, outcomes };
}

type GroupResult = GroupFailure | { status: 'skipped_shadow_mode'; detail: string } | null;

async function applyGroup(
  storage: Storage,
  group: CorrectionGroup,
  options: ApplyCorrectionsOptions,
  clock: Clock,
  applied: CorrectionDraft[],
): Promise<GroupResult> {
  const collect = (draft: CorrectionDraft) => applied.push(draft);

  if (group.blocked === 'location_in_shadow_mode') {
    return {
      status: 'skipped_shadow_mode',
      detail: 'the location is in shadow mode: trueshelf sends nothing to it',
    };
  }
  if (group.blocked) return { status: 'blocked', detail: blockDetail(group) };
  if (group.target === 'shopify' && options.shopifyMode === 'shadow') {
    return {
      status: 'skipped_shadow_mode',
      detail: 'shopify.mode is shadow: trueshelf sends nothing to Shopify (set it to publish)',
    };
  }

  if (group.target === 'erp') {
    if (!options.erp)
      return {
        status: 'failed',
        detail: 'no ERP correction sink is configured for warehouse corrections',
      };
    return applyErpGroup(storage, group, options.erp, clock, collect);
  }

  if (!options.shopify)
    return { status: 'failed', detail: 'no Shopify client is configured for store corrections' };
  return applyShopifyGroup(
    storage,
    group,
    {
      client: options.shopify,
      clock,
      maxChangesPerMutation: options.maxChangesPerMutation ?? 250,
      staleRetries: options.staleRetries ?? 2,
    },
    collect,
  );
}

async function resend(
  storage: Storage,
  draft: CorrectionDraft,
  options: ApplyCorrectionsOptions,
  clock: Clock,
): Promise<GroupFailure | null> {
  const ignore = () => undefined;
  if (draft.target === 'erp') {
    if (!options.erp)
      return {
        status: 'failed',
        detail: 'an unanswered ERP correction needs the ERP correction sink',
      };
    return postErpCorrection(storage, draft, options.erp, clock, ignore);
  }
  if (!options.shopify)
    return {
      status: 'failed',
      detail: 'an unanswered Shopify correction needs the Shopify client',
    };
  return sendShopifyCorrection(storage, draft, { client: options.shopify, clock }, ignore);
}

function outcomeOf(
  group: CorrectionGroup,
  status: GroupOutcome['status'],
  applied: readonly CorrectionDraft[],
  detail: string | null,
): GroupOutcome {
  return {
    importId: group.importId,
    locationHandle: group.locationHandle,
    target: group.target,
    status,
    appliedChanges: applied.reduce((sum, d) => sum + d.lines.length, 0),
    totalChanges: group.changes.length,
    correctionIds: applied.map((d) => d.id),
    detail,
  };
}

function blockDetail(group: CorrectionGroup): string {
  if (group.blocked === 'correction_in_flight')
    return 'a correction for this count is still unanswered';
  return `${group.locationHandle} or one of its items has no Shopify id; sync the catalogue first`;
}
