/** The flags of `trueshelf simulate`, for the command's `--help` and for the parser. */
export interface SimulateFlag {
  name: string;
  value: string | null;
  description: string;
}

export const SIMULATE_FLAGS: readonly SimulateFlag[] = [
  {
    name: 'sales',
    value: 'FILE',
    description: 'sales CSV: M5 wide, or date,store,sku,units[,category]',
  },
  { name: 'out', value: 'DIR', description: 'where report.html and result.json go' },
  { name: 'stores', value: 'LIST', description: 'comma-separated store ids (default: all)' },
  { name: 'items', value: 'N', description: 'first N items of each store (default: all)' },
  { name: 'days', value: 'N', description: 'first N days (default: all)' },
  { name: 'policies', value: 'LIST', description: 'comma-separated policy names (default: all)' },
  { name: 'seed', value: 'S', description: 'whole number; the same seed gives the same result' },
  {
    name: 'online-share',
    value: 'SHARE',
    description: 'share of units sold as pickup orders (0.15)',
  },
  { name: 'pickup-delay-hours', value: 'H', description: 'order to collection (4)' },
  { name: 'pick-after-hours', value: 'H', description: 'order to pick, without a hold (1)' },
  { name: 'shrink-rate', value: 'RATE', description: 'units lost per unit sold (0.016, NRF)' },
  {
    name: 'misplacement-rate',
    value: 'RATE',
    description: 'units misplaced per unit sold (0.005)',
  },
  {
    name: 'scan-error-rate',
    value: 'RATE',
    description: 'till sales rung up as a sibling (0.005)',
  },
  {
    name: 'receiving-error-rate',
    value: 'RATE',
    description: 'delivered lines one unit off (0.01)',
  },
  { name: 'opening-hours', value: 'H-H', description: 'opening and closing hour, e.g. 8-22' },
  { name: 'review-period-days', value: 'N', description: 'days between replenishment orders (7)' },
  { name: 'lead-time-days', value: 'N', description: 'order to delivery (2)' },
  { name: 'cover-days', value: 'N', description: 'order-up-to S in days of forecast sales (10)' },
  {
    name: 'cycle-count-every-days',
    value: 'N',
    description: 'counts policy: each level every N days (7)',
  },
  {
    name: 'full-count-every-days',
    value: 'N',
    description: 'every policy: full count every N days, 0 never (365)',
  },
  { name: 'erp-push-every-minutes', value: 'M', description: 'ERP connector push interval (30)' },
  { name: 'webhook-delay-seconds', value: 'S', description: 'record change to web (5)' },
  { name: 'buffer', value: 'KIND', description: "buffer rules: 'risk' (default) or 'tiered'" },
  {
    name: 'risk-target',
    value: 'P',
    description: 'risk buffers: target broken-promise chance (0.05)',
  },
  {
    name: 'holds',
    value: 'KIND',
    description: "'rules' (default) or 'product': the real HoldService on SQLite, small runs",
  },
  {
    name: 'arrivals',
    value: 'KIND',
    description: "'random' (default) or 'even' (for checks by hand)",
  },
];
