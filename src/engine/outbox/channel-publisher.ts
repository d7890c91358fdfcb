import type { ClaimedPush } from './outbox-store.js';

export type PublishOutcome =
  | { kind: 'done'; pushed: boolean }
  | { kind: 'retry'; reason: string; delayMs?: number }
  | { kind: 'park'; reason: string };

/** One publisher per channel; the outbox worker claims, calls it and records the outcome. */
export interface ChannelPublisher {
  readonly channel: string;
  publish(row: ClaimedPush): Promise<PublishOutcome>;
}
