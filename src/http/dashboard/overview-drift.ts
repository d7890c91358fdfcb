import type { AuditSnapshotView } from './audit-snapshot.js';

export interface StoreDriftBrief {
  driftPercent: number | null;
  overThreshold: boolean;
  counts: number;
  ghostUnits: number;
}

export interface OverviewDrift {
  generatedAt: string;
  thresholdPercent: number;
  latestImportAt: string | null;
  chainDriftPercent: number | null;
  /** By location handle; a location without a count in the latest audit is absent. */
  stores: Record<string, StoreDriftBrief>;
}

/** The chain overview's drift column: each store's line of the latest audit. */
export function overviewDrift(view: AuditSnapshotView): OverviewDrift {
  const stores: Record<string, StoreDriftBrief> = {};
  for (const store of view.report.stores) {
    stores[store.locationHandle] = {
      driftPercent: store.driftPercent,
      overThreshold: store.overThreshold,
      counts: store.counts,
      ghostUnits: store.ghostUnits,
    };
  }
  return {
    generatedAt: view.report.generatedAt,
    thresholdPercent: view.report.thresholdPercent,
    latestImportAt: view.latestImportAt,
    chainDriftPercent: view.report.chain.driftPercent,
    stores,
  };
}
