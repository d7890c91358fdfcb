import type { CorrectionPlan, CorrectionTarget } from './correction-plan.js';

export type GroupStatus =
  | 'applied'
  | 'skipped_shadow_mode'
  | 'blocked'
  | 'stale'
  | 'rejected'
  | 'busy'
  | 'unknown'
  | 'failed'
  | 'not_attempted';

/** What became of one group (one import at one location). */
export interface GroupOutcome {
  readonly importId: string;
  readonly locationHandle: string;
  readonly target: CorrectionTarget;
  readonly status: GroupStatus;
  /** Changes applied (all of the group's when `applied`). */
  readonly appliedChanges: number;
  readonly totalChanges: number;
  readonly correctionIds: readonly string[];
  readonly detail: string | null;
}

export interface ApplyCorrectionsResult {
  /** True when every group was applied or deliberately skipped (shadow mode). */
  readonly ok: boolean;
  readonly plan: CorrectionPlan;
  /** Corrections left unanswered by an earlier run and resent first. */
  readonly resumed: number;
  readonly outcomes: readonly GroupOutcome[];
}

/** A step that did not go through; the run stops there. */
export interface GroupFailure {
  readonly status: Exclude<GroupStatus, 'applied' | 'skipped_shadow_mode' | 'not_attempted'>;
  readonly detail: string;
}
