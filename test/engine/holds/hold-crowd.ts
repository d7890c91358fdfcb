import type { HoldPlacement, HoldRequestInput } from '../../../src/engine/holds/hold-service.js';
import { ManualClock } from '../../../src/shared/clock.js';
import type { Storage } from '../../../src/storage/storage.js';
import { T0, holdService } from './hold-fixture.js';

/** How one request of a crowd ended: its placement's kind (and hold id), or what it threw. */
export interface CrowdAnswer {
  kind: HoldPlacement['kind'] | 'threw';
  id?: string;
  why?: string;
}

/** Sends every request at once at T0, request n through instance n mod the instances. */
export async function sendTogether(
  instances: readonly Storage[],
  requests: readonly HoldRequestInput[],
): Promise<CrowdAnswer[]> {
  const clock = new ManualClock(T0);
  const services = instances.map((storage) => holdService(storage, clock));
  const settled = await Promise.allSettled(
    requests.map((request, n) => services[n % services.length]!.place(request)),
  );
  return settled.map((result) => {
    if (result.status === 'rejected') return { kind: 'threw', why: String(result.reason) };
    const placement = result.value;
    return 'hold' in placement
      ? { kind: placement.kind, id: placement.hold.id }
      : { kind: placement.kind };
  });
}

/** How many answers of each kind. */
export function kindsOf(answers: readonly CrowdAnswer[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const answer of answers) counts[answer.kind] = (counts[answer.kind] ?? 0) + 1;
  return counts;
}
