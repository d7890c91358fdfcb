import { applyCorrections, planCorrections } from '../reports/audit/index.js';
import type {
  ApplyCorrectionsResult,
  CorrectionGroup,
  CorrectionPlan,
  PlannedCorrection,
} from '../reports/audit/index.js';
import type { CorrectionTargets } from '../reports/audit/correction-targets.js';
import type { Clock } from '../shared/clock.js';
import type { Storage } from '../storage/storage.js';

export interface AuditCorrectOptions {
  readonly confirm: boolean;
  readonly importId?: string;
  readonly location?: string;
  readonly clock: Clock;
  /** Built only when confirmed: a dry run needs no Shopify or ERP credentials. */
  readonly targets: () => CorrectionTargets;
  readonly print: (line: string) => void;
}

export type AuditCorrectResult =
  { confirmed: false; plan: CorrectionPlan } | ({ confirmed: true } & ApplyCorrectionsResult);

/**
 * `trueshelf audit correct`: without `--confirm`, prints every change the corrections would
 * make and sends nothing; with it, applies them through `applyCorrections` (Shopify for
 * managed stores, the ERP for warehouses) and prints what became of each group.
 */
export async function auditCorrect(
  storage: Storage,
  options: AuditCorrectOptions,
): Promise<AuditCorrectResult> {
  const filter = {
    clock: options.clock,
    ...(options.importId === undefined ? {} : { importId: options.importId }),
    ...(options.location === undefined ? {} : { location: options.location }),
  };
  const { print } = options;

  if (!options.confirm) {
    const plan = await planCorrections(storage, filter);
    printPlan(plan, print);
    print(dryRunSummary(plan));
    return { confirmed: false, plan };
  }

  const result = await applyCorrections(storage, { ...filter, ...options.targets() });
  printPlan(result.plan, print);
  if (result.resumed > 0) print(`resent ${result.resumed} unanswered correction(s) first`);
  for (const o of result.outcomes) {
    print(
      `${o.locationHandle} (${o.target}), import ${o.importId}: ${o.status}, ` +
        `${o.appliedChanges} of ${o.totalChanges} changes applied${o.detail ? `: ${o.detail}` : ''}`,
    );
  }
  if (result.outcomes.length === 0) print('nothing to correct');
  return { confirmed: true, ...result };
}

/** What a confirmed run would do: blocked groups would not be sent, and it says so. */
function dryRunSummary(plan: CorrectionPlan): string {
  const blocked = plan.groups.filter((group) => group.blocked).length;
  const open = plan.groups.length - blocked;
  if (plan.groups.length === 0) return 'nothing to correct';
  if (open === 0) {
    return `dry run: nothing was sent; all ${blocked} group(s) are blocked (see above), so --confirm would apply nothing until that is resolved`;
  }
  const held = blocked > 0 ? `; the ${blocked} blocked group(s) would be left out` : '';
  return `dry run: nothing was sent; run again with --confirm to apply the ${open} group(s) not blocked${held}`;
}

function printPlan(plan: CorrectionPlan, print: (line: string) => void): void {
  if (plan.reopenedNow > 0) print(`${plan.reopenedNow} count(s) reopened by late events`);
  for (const group of plan.groups) {
    print(groupLine(group));
    for (const change of group.changes) print(`  ${changeLine(change)}`);
  }
}

function groupLine(group: CorrectionGroup): string {
  const blocked = group.blocked ? ` (blocked: ${group.blocked})` : '';
  return (
    `${group.locationHandle} → ${group.target}, import ${group.importId}: ` +
    `${group.changes.length} change(s), net ${signed(group.netDelta)} units${blocked}`
  );
}

function changeLine(c: PlannedCorrection): string {
  const name = c.sku ? `${c.itemId} (${c.sku})` : c.itemId;
  const already = c.alreadyApplied !== 0 ? `, ${signed(c.alreadyApplied)} applied before` : '';
  const levels =
    c.onHandNow === null
      ? ''
      : `; on hand ${c.onHandNow} → ${c.onHandAfter}, available ${c.availableNow} → ${c.availableAfter}`;
  const warnings = c.warnings.length > 0 ? ` [${c.warnings.join(', ')}]` : '';
  return (
    `${name}: counted ${c.counted} at ${c.countedAt}, system then ${c.systemAtCount}, ` +
    `variance ${signed(c.variance)}${already}; apply ${signed(c.delta)}${levels}${warnings}`
  );
}

function signed(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}
