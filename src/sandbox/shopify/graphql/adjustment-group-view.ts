import { formatDateTime } from '../payloads/shop-time.js';
import { gidOf, numericIdOf } from '../state/gid.js';
import type { AdjustmentGroupRecord } from '../state/records.js';
import type { AdminContext } from './admin-context.js';
import { inventoryItemView, locationView } from './inventory-views.js';
import type { View } from './inventory-views.js';

interface ChangeFilter {
  inventoryItemIds?: string[] | null;
  locationIds?: string[] | null;
  quantityNames?: string[] | null;
}

export function adjustmentGroupView(ctx: AdminContext, group: AdjustmentGroupRecord): View {
  return {
    __typename: 'InventoryAdjustmentGroup',
    id: gidOf('InventoryAdjustmentGroup', group.id),
    createdAt: formatDateTime(group.createdAt),
    reason: group.reason,
    referenceDocumentUri: group.referenceDocumentUri,
    changes: (filter: ChangeFilter) => {
      const items = filter.inventoryItemIds?.map((id) => numericIdOf(id, 'InventoryItem'));
      const locations = filter.locationIds?.map((id) => numericIdOf(id, 'Location'));
      return group.changes
        .filter((change) => !items || items.includes(change.inventoryItemId))
        .filter((change) => !locations || locations.includes(change.locationId))
        .filter((change) => !filter.quantityNames || filter.quantityNames.includes(change.name))
        .map((change) => ({
          name: change.name,
          delta: change.delta,
          quantityAfterChange: change.quantityAfterChange,
          ledgerDocumentUri: change.ledgerDocumentUri,
          item: () => {
            const item = ctx.state.items.get(change.inventoryItemId);
            return item ? inventoryItemView(ctx, item) : null;
          },
          location: () => {
            const location = ctx.state.locations.get(change.locationId);
            return location ? locationView(ctx, location) : null;
          },
        }));
    },
  };
}
