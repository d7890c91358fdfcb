import type { ShopState } from '../state/shop-state.js';

/** What every payload builder needs besides the record it serializes. */
export interface PayloadContext {
  state: ShopState;
  shopDomain: string;
  currency: string;
  /** The shop's UTC offset, used for REST-style timestamps. */
  offsetMinutes: number;
}
