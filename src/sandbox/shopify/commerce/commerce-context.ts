import type { Clock } from '../../../shared/clock.js';
import type { PayloadContext } from '../payloads/payload-context.js';
import type { RandomSource } from '../state/random-source.js';
import type { ShopState } from '../state/shop-state.js';

/** What every merchant or shopper action needs. */
export interface CommerceContext {
  state: ShopState;
  payloads: PayloadContext;
  clock: Clock;
  random: RandomSource;
  /** The staff member a POS sale is rung up by when the caller names none. */
  defaultStaffId: string;
}
