import { sql } from 'kysely';
import { auditDb } from '../../reports/audit/audit-db.js';
import { buildAuditReport } from '../../reports/audit/build-audit-report.js';
import type { AuditReport } from '../../reports/audit/audit-report.js';
import type { Clock } from '../../shared/clock.js';
import type { Storage } from '../../storage/storage.js';

/** The latest audit, with which imports it covers. */
export interface AuditSnapshotView {
  report: AuditReport;
  /** Accepted count imports the report draws on (each level weighs with its latest count). */
  imports: number;
  latestImportAt: string | null;
}

export interface AuditSnapshotOptions {
  clock: Clock;
  /** A cached report is rebuilt after this long even when no import arrived; 60 s by default. */
  maxAgeSeconds?: number;
  /** The drift % above which a store is flagged; the report's own default (3%) when absent. */
  thresholdPercent?: number;
}

/**
 * The latest audit as the dashboard shows it: `buildAuditReport` over every accepted count
 * import, which takes each level's latest count. The report reads every count line (and may
 * reopen stale ones), so a page polling every few seconds is served a kept copy. A new import
 * shows at once (the copy is keyed on the accepted imports' number and newest time); a late
 * movement that reopens a count shows within `maxAgeSeconds`.
 */
export class AuditSnapshot {
  private kept: { key: string; builtAt: number; view: AuditSnapshotView } | null = null;
  private building: Promise<AuditSnapshotView> | null = null;

  constructor(
    private readonly storage: Storage,
    private readonly options: AuditSnapshotOptions,
  ) {}

  async latest(): Promise<AuditSnapshotView> {
    const imports = await this.acceptedImports();
    const key = `${imports.count}|${imports.newest ?? ''}`;
    const now = this.options.clock().getTime();
    const maxAgeMs = (this.options.maxAgeSeconds ?? 60) * 1000;

    if (this.kept && this.kept.key === key && now - this.kept.builtAt < maxAgeMs) {
      return this.kept.view;
    }

    // Polls that arrive while a report is being built wait for that one, not a second.
    this.building ??= this.build(key, imports.count, imports.newest).finally(() => {
      this.building = null;
    });
    return this.building;
  }

  private async build(key: string, count: number, newest: string | null) {
    const report = await buildAuditReport(this.storage, {
      clock: this.options.clock,
      ...(this.options.thresholdPercent === undefined
        ? {}
        : { thresholdPercent: this.options.thresholdPercent }),
    });
    const view: AuditSnapshotView = { report, imports: count, latestImportAt: newest };

    this.kept = { key, builtAt: this.options.clock().getTime(), view };
    return view;
  }

  private async acceptedImports(): Promise<{ count: number; newest: string | null }> {
    const row = await auditDb(this.storage)
      .selectFrom('count_imports')
      .select([
        sql<number | string>`count(*)`.as('n'),
        sql<string | null>`max(imported_at)`.as('newest'),
      ])
      .where('status', '=', 'accepted')
      .executeTakeFirst();
    return { count: Number(row?.n ?? 0), newest: row?.newest ?? null };
  }
}
