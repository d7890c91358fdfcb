import { MessageChannel, Worker, receiveMessageOnPort } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { TrueshelfError } from '../shared/error-catalogue.js';
import type { Clock } from '../shared/clock.js';
import type {
  ClaimBasisOf,
  HoldBook,
  HoldBookContext,
  HoldPlacement,
  HoldRequest,
} from './hold-book.js';
import type { HostAnswer, HostRequest } from './service-hold-protocol.js';

// The worker compiles the product's TypeScript on its first call; later calls take milliseconds.
const FIRST_CALL_TIMEOUT_MS = 120_000;
const CALL_TIMEOUT_MS = 30_000;

/**
 * The product's own `HoldService` as a hold book (`--holds product`): every place, convert,
 * release, sweep and read goes to the service in a worker thread, on a throwaway SQLite
 * database, and this thread waits for the answer (Atomics.wait), so the simulator's event loop
 * stays synchronous. A few milliseconds a call: meant for small runs and for checking that
 * `RuleHoldBook` gives the same outcomes.
 *
 * Held units only change through this book's own calls or when a hold's time runs out, so a
 * level read as 0 stays 0 until a hold is placed there; other reads go to the service.
 */
export class ServiceHoldBook implements HoldBook {
  private readonly port: MessagePort;
  private readonly signal = new Int32Array(new SharedArrayBuffer(4));
  private readonly worker: Worker;
  private readonly clock: Clock;
  private readonly basis: ClaimBasisOf;
  private readonly holdIds: string[] = [];
  private readonly numberOf = new Map<string, number>();
  private readonly knownEmpty: Uint8Array;
  private first = true;
  private closed = false;

  constructor(context: HoldBookContext, ttlSeconds: number) {
    const { matrix } = context;
    const channel = new MessageChannel();
    this.port = channel.port1;
    this.clock = context.clock;
    this.basis = context.basis;
    this.knownEmpty = new Uint8Array(matrix.levelCount).fill(1);
    const setup = {
      stores: matrix.stores,
      skus: matrix.levelSku,
      levelStore: matrix.levelStore,
      ttlSeconds,
    };
    this.worker = new Worker(new URL('./service-hold-worker.mjs', import.meta.url), {
      workerData: { port: channel.port2, signal: this.signal.buffer, setup },
      transferList: [channel.port2],
    });
    this.worker.unref();
  }

  place(request: HoldRequest): HoldPlacement {
    const basis = request.lines.map((line) => ({ level: line.level, ...this.basis(line.level) }));
    const answer = this.call({ kind: 'place', nowMs: this.nowMs(), ...request, basis });
    if (answer.kind === 'short')
      return { ok: false, reason: 'insufficient_stock', short: answer.short };
    if (answer.kind !== 'placed') throw unexpected('place', answer);

    for (const line of request.lines) this.knownEmpty[line.level] = 0;
    // A cart holding again keeps its hold's id.
    let holdId = this.numberOf.get(answer.holdId);
    if (holdId === undefined) {
      holdId = this.holdIds.push(answer.holdId) - 1;
      this.numberOf.set(answer.holdId, holdId);
    }
    return { ok: true, holdId };
  }

  convert(holdId: number): boolean {
    return this.change('convert', holdId);
  }

  release(holdId: number): boolean {
    return this.change('release', holdId);
  }

  expireDue(): void {
    this.call({ kind: 'expire', nowMs: this.nowMs() });
  }

  expiredSoFar(): number {
    return this.count({ kind: 'expired', nowMs: this.nowMs() });
  }

  heldUnits(level: number): number {
    if (this.knownEmpty[level] === 1) return 0;
    const held = this.count({ kind: 'held', nowMs: this.nowMs(), level });
    if (held === 0) this.knownEmpty[level] = 1;
    return held;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.call({ kind: 'close' });
    } finally {
      void this.worker.terminate();
    }
  }

  private change(kind: 'convert' | 'release', holdId: number): boolean {
    const id = this.holdIds[holdId];
    if (id === undefined) return false;
    const answer = this.call({ kind, nowMs: this.nowMs(), holdId: id });
    if (answer.kind !== 'changed') throw unexpected(kind, answer);
    return answer.changed;
  }

  private count(request: HostRequest): number {
    const answer = this.call(request);
    if (answer.kind !== 'count') throw unexpected(request.kind, answer);
    return answer.count;
  }

  private call(request: HostRequest): HostAnswer {
    Atomics.store(this.signal, 0, 0);
    this.port.postMessage(request);
    const timeoutMs = this.first ? FIRST_CALL_TIMEOUT_MS : CALL_TIMEOUT_MS;
    this.first = false;
    const waited = Atomics.wait(this.signal, 0, 0, timeoutMs);
    const received = receiveMessageOnPort(this.port);
    if (waited === 'timed-out' || !received) {
      throw new TrueshelfError(
        'internal',
        `the product hold service did not answer "${request.kind}" within ${timeoutMs} ms`,
        { request: request.kind, expected: 'an answer from the hold worker thread' },
      );
    }
    const answer = received.message as HostAnswer | { kind: 'error'; message: string };
    if (answer.kind === 'error') {
      throw new TrueshelfError('internal', `the product hold service failed on "${request.kind}"`, {
        request: request.kind,
        seen: answer.message,
      });
    }
    return answer;
  }

  private nowMs(): number {
    return this.clock().getTime();
  }
}

function unexpected(call: string, answer: HostAnswer): Error {
  return new Error(`the hold worker answered ${answer.kind} to ${call}`);
}
