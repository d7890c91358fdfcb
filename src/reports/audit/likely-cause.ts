/** A reason the ledger gives to suspect a variance, with the figures behind it. */
export type LikelyCause =
  | {
      readonly kind: 'no_sale_for_days';
      /** Units per day sold before the silence began. */
      readonly velocityPerDay: number;
      readonly daysWithoutSale: number;
      /** Sales that rate would have made during the silence. */
      readonly expectedUnits: number;
    }
  | { readonly kind: 'sold_below_zero'; readonly times: number; readonly lowestAvailable: number }
  | {
      readonly kind: 'unexplained_adjustments';
      readonly movements: number;
      readonly netUnits: number;
    }
  | { readonly kind: 'short_picks'; readonly events: number }
  | { readonly kind: 'pickups_cancelled_for_inventory'; readonly events: number };

export type LikelyCauseKind = LikelyCause['kind'];
