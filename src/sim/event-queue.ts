/** What a simulated event does; the payload's meaning depends on it. */
export const EventKind = {
  walkIn: 0,
  onlineOrder: 1,
  pick: 2,
  pickup: 3,
  shrink: 4,
  misplace: 5,
  refresh: 6,
  erpPush: 7,
} as const;

export type EventKindCode = (typeof EventKind)[keyof typeof EventKind];

/**
 * The discrete-event queue: a binary min-heap on (time, order of scheduling), kept in typed
 * arrays so a run of millions of events allocates nothing per event. Equal times come out in
 * the order they were scheduled, so a run is the same on every machine.
 */
export class EventQueue {
  private times: Float64Array;
  private seqs: Float64Array;
  private kinds: Uint8Array;
  private levels: Int32Array;
  private payloads: Int32Array;
  private heap: Int32Array;
  private freeSlots: Int32Array;
  private freeCount = 0;
  private used = 0;
  private size = 0;
  private nextSeq = 0;

  /** The event taken by the last `pop`. */
  time = 0;
  kind: EventKindCode = EventKind.walkIn;
  level = 0;
  payload = 0;

  constructor(capacity = 1024) {
    this.times = new Float64Array(capacity);
    this.seqs = new Float64Array(capacity);
    this.kinds = new Uint8Array(capacity);
    this.levels = new Int32Array(capacity);
    this.payloads = new Int32Array(capacity);
    this.heap = new Int32Array(capacity);
    this.freeSlots = new Int32Array(capacity);
  }

  get length(): number {
    return this.size;
  }

  /** The time of the next event, or +Infinity when none is left. */
  peekTime(): number {
    return this.size === 0 ? Number.POSITIVE_INFINITY : this.times[this.heap[0]!]!;
  }

  schedule(time: number, kind: EventKindCode, level: number, payload = 0): void {
    const slot = this.takeSlot();
    this.times[slot] = time;
    this.seqs[slot] = this.nextSeq++;
    this.kinds[slot] = kind;
    this.levels[slot] = level;
    this.payloads[slot] = payload;

    let at = this.size++;
    const heap = this.heap;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!this.before(slot, heap[parent]!)) break;
      heap[at] = heap[parent]!;
      at = parent;
    }
    heap[at] = slot;
  }

  /** Takes the earliest event into `time`, `kind`, `level` and `payload`; false when empty. */
  pop(): boolean {
    if (this.size === 0) return false;
    const heap = this.heap;
    const top = heap[0]!;
    this.time = this.times[top]!;
    this.kind = this.kinds[top] as EventKindCode;
    this.level = this.levels[top]!;
    this.payload = this.payloads[top]!;
    this.freeSlots[this.freeCount++] = top;

    const last = heap[--this.size]!;
    let at = 0;
    for (;;) {
      const left = 2 * at + 1;
      if (left >= this.size) break;
      const right = left + 1;
      const child = right < this.size && this.before(heap[right]!, heap[left]!) ? right : left;
      if (!this.before(heap[child]!, last)) break;
      heap[at] = heap[child]!;
      at = child;
    }
    heap[at] = last;
    return true;
  }

  private before(a: number, b: number): boolean {
    const ta = this.times[a]!;
    const tb = this.times[b]!;
    return ta < tb || (ta === tb && this.seqs[a]! < this.seqs[b]!);
  }

  private takeSlot(): number {
    if (this.freeCount > 0) return this.freeSlots[--this.freeCount]!;
    if (this.used === this.times.length) this.grow();
    return this.used++;
  }

  private grow(): void {
    const capacity = this.times.length * 2;
    this.times = resized(this.times, new Float64Array(capacity));
    this.seqs = resized(this.seqs, new Float64Array(capacity));
    this.kinds = resized(this.kinds, new Uint8Array(capacity));
    this.levels = resized(this.levels, new Int32Array(capacity));
    this.payloads = resized(this.payloads, new Int32Array(capacity));
    this.heap = resized(this.heap, new Int32Array(capacity));
    this.freeSlots = resized(this.freeSlots, new Int32Array(capacity));
  }
}

function resized<T extends Float64Array | Int32Array | Uint8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
