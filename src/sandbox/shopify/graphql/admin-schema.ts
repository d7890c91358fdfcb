import { buildSchema } from 'graphql';
import type { GraphQLSchema } from 'graphql';
import { CORE_SDL } from './schema-core.js';
import { INVENTORY_MUTATIONS_SDL } from './schema-inventory-mutations.js';
import { INVENTORY_SDL } from './schema-inventory.js';
import { ORDERS_SDL } from './schema-orders.js';
import { ROOTS_SDL } from './schema-roots.js';
import { TRANSFERS_SDL } from './schema-transfers.js';

let built: GraphQLSchema | null = null;

/** The sandbox's Admin API schema, built once; resolvers come from the root value and views. */
export function adminSchema(): GraphQLSchema {
  built ??= buildSchema(
    [CORE_SDL, INVENTORY_SDL, INVENTORY_MUTATIONS_SDL, ORDERS_SDL, TRANSFERS_SDL, ROOTS_SDL].join(
      '\n',
    ),
  );
  return built;
}
