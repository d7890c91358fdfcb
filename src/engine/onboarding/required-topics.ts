/**
 * The webhook topics trueshelf reads (README, "Connecting a real shop"), with the families
 * (`fulfillment_orders/*`, `inventory_transfers/*`, `inventory_shipments/*`) spelled out as the
 * topics that move or explain stock. The product topics keep items' tags current.
 */
export const requiredTopics = [
  'inventory_levels/update',
  'inventory_levels/connect',
  'inventory_levels/disconnect',
  'inventory_items/create',
  'inventory_items/update',
  'inventory_items/delete',
  'products/create',
  'products/update',
  'orders/create',
  'orders/updated',
  'orders/cancelled',
  'orders/edited',
  'refunds/create',
  'fulfillments/create',
  'fulfillments/update',
  'fulfillment_orders/order_routing_complete',
  'fulfillment_orders/moved',
  'fulfillment_orders/line_items_prepared_for_pickup',
  'inventory_transfers/ready_to_ship',
  'inventory_transfers/complete',
  'inventory_shipments/create',
  'inventory_shipments/mark_in_transit',
  'inventory_shipments/receive_items',
] as const;
