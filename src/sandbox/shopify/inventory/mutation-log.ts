import type { AdjustmentChangeRecord } from '../state/records.js';
import type { InventoryMutationName, UserError } from './inventory-write-types.js';

export type MutationOutcome = 'applied' | 'rejected' | 'replayed' | 'key_mismatch';

export interface MutationLogEntry {
  sequence: number;
  at: Date;
  mutation: InventoryMutationName;
  idempotencyKey: string;
  input: unknown;
  outcome: MutationOutcome;
  adjustmentGroupId: string | null;
  changes: AdjustmentChangeRecord[];
  userErrors: UserError[];
}

/**
 * Every inventory mutation the sandbox received, with its key, input and outcome, so a test can
 * prove a push was applied exactly once however often it was resent.
 */
export class MutationLog {
  private readonly log: MutationLogEntry[] = [];

  record(entry: Omit<MutationLogEntry, 'sequence'>): void {
    this.log.push({ ...entry, sequence: this.log.length + 1 });
  }

  entries(): MutationLogEntry[] {
    return [...this.log];
  }

  /** Only the mutations that changed stock. */
  applied(): MutationLogEntry[] {
    return this.log.filter((entry) => entry.outcome === 'applied');
  }

  byKey(idempotencyKey: string): MutationLogEntry[] {
    return this.log.filter((entry) => entry.idempotencyKey === idempotencyKey);
  }
}
