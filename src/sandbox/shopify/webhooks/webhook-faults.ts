/**
 * Delivery faults a test or the demo asks for. Each applies to upcoming deliveries until its
 * count runs out (no count: until the faults are replaced).
 */
export interface WebhookFaults {
  /** Deliveries never sent, as when Shopify loses one. */
  drop?: { count: number; topic?: string };
  /** Each delivery sent `times` times at once, all with the same webhook id. */
  duplicate?: { times: number; count?: number; topic?: string };
  /** Wait before the first attempt of each delivery. */
  delayMs?: number;
  /** Hold deliveries until `batchSize` are waiting, then send them newest first. */
  reorder?: { batchSize: number };
}

export class WebhookFaultPlan {
  private faults: WebhookFaults = {};
  private dropsLeft = 0;
  private duplicatesLeft = Number.POSITIVE_INFINITY;

  set(faults: WebhookFaults): void {
    this.faults = structuredClone(faults);
    this.dropsLeft = faults.drop?.count ?? 0;
    this.duplicatesLeft = faults.duplicate?.count ?? Number.POSITIVE_INFINITY;
  }

  current(): WebhookFaults {
    return structuredClone(this.faults);
  }

  takeDrop(topic: string): boolean {
    const drop = this.faults.drop;
    if (!drop || this.dropsLeft <= 0 || !matches(drop.topic, topic)) return false;
    this.dropsLeft -= 1;
    return true;
  }

  takeCopies(topic: string): number {
    const duplicate = this.faults.duplicate;
    if (!duplicate || this.duplicatesLeft <= 0 || !matches(duplicate.topic, topic)) return 1;
    this.duplicatesLeft -= 1;
    return Math.max(1, Math.floor(duplicate.times));
  }

  delayMs(): number {
    return Math.max(0, this.faults.delayMs ?? 0);
  }

  reorderBatchSize(): number | null {
    const size = this.faults.reorder?.batchSize ?? 0;
    return size > 1 ? Math.floor(size) : null;
  }
}

function matches(wanted: string | undefined, topic: string): boolean {
  return wanted === undefined || wanted === topic;
}
