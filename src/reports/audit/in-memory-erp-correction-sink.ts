import type {
  ErpCorrection,
  ErpCorrectionPosted,
  ErpCorrectionSink,
} from './erp-correction-sink.js';

/** An ERP that keeps what it is sent, for tests and the demo; idempotent by externalId. */
export class InMemoryErpCorrectionSink implements ErpCorrectionSink {
  readonly posted: ErpCorrection[] = [];
  private failNext: Error | null = null;

  /** The next post throws this, and books nothing. */
  failNextPost(error: Error): void {
    this.failNext = error;
  }

  async post(correction: ErpCorrection): Promise<ErpCorrectionPosted> {
    if (this.failNext) {
      const error = this.failNext;
      this.failNext = null;
      throw error;
    }

    const index = this.posted.findIndex((p) => p.externalId === correction.externalId);
    if (index !== -1) return { outcome: 'already_posted', reference: `memory-${index + 1}` };
    this.posted.push(correction);
    return { outcome: 'posted', reference: `memory-${this.posted.length}` };
  }
}
