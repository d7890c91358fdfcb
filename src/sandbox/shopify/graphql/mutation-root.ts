import { GraphQLError, getDirectiveValues } from 'graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { adjustQuantities } from '../inventory/adjust-quantities.js';
import type {
  AdjustInput,
  InventoryMutationName,
  InventoryWriteResult,
  MoveInput,
  SetInput,
} from '../inventory/inventory-write-types.js';
import { moveQuantities } from '../inventory/move-quantities.js';
import { setQuantities } from '../inventory/set-quantities.js';
import type { MerchantAction } from '../commerce/merchant-action.js';
import type { AdminContext } from './admin-context.js';
import { adjustmentGroupView } from './adjustment-group-view.js';
import { resolveNode } from './node-resolver.js';
import { queryRoot } from './query-root.js';

/** The version from which `@idempotent` and `changeFromQuantity` are mandatory (research §3.2). */
const STRICT_FROM = '2026-04';

type Mutation = (args: never, ctx: AdminContext, info: GraphQLResolveInfo) => unknown;

export const mutationRoot: Record<string, Mutation> = {
  inventoryMoveQuantities: (
    { input }: { input: MoveInput },
    ctx: AdminContext,
    info: GraphQLResolveInfo,
  ) => {
    requireChangeFrom(
      ctx,
      input.changes.flatMap((change, i) => [
        [change.from, `input.changes[${i}].from`] as const,
        [change.to, `input.changes[${i}].to`] as const,
      ]),
    );
    return write(ctx, info, 'inventoryMoveQuantities', input, (action) =>
      moveQuantities(ctx.state, action, input),
    );
  },

  inventoryAdjustQuantities: (
    { input }: { input: AdjustInput },
    ctx: AdminContext,
    info: GraphQLResolveInfo,
  ) => {
    requireChangeFrom(
      ctx,
      input.changes.map((change, i) => [change, `input.changes[${i}]`] as const),
    );
    return write(ctx, info, 'inventoryAdjustQuantities', input, (action) =>
      adjustQuantities(ctx.state, action, input),
    );
  },

  inventorySetQuantities: (
    { input }: { input: SetInput },
    ctx: AdminContext,
    info: GraphQLResolveInfo,
  ) => {
    requireChangeFrom(
      ctx,
      input.quantities.map((entry, i) => [entry, `input.quantities[${i}]`] as const),
    );
    return write(ctx, info, 'inventorySetQuantities', input, (action) =>
      setQuantities(ctx.state, action, input),
    );
  },

  tagsAdd: ({ id, tags }: { id: string; tags: string[] }, ctx: AdminContext) => {
    const tagged = ctx.store.addTags(id, tags);
    if (!tagged)
      return { node: null, userErrors: [{ field: ['id'], message: 'Resource not found' }] };
    return { node: resolveNode(ctx, id), userErrors: [] };
  },

  bulkOperationRunQuery: ({ query }: { query: string }, ctx: AdminContext) => {
    const { operation, errors } = ctx.bulk.start(ctx, query, queryRoot);
    if (!operation) {
      return {
        bulkOperation: null,
        userErrors: errors.map((message) => ({ code: 'INVALID', field: ['query'], message })),
      };
    }
    return { bulkOperation: ctx.bulk.view(operation), userErrors: [] };
  },
};

function write(
  ctx: AdminContext,
  info: GraphQLResolveInfo,
  mutation: InventoryMutationName,
  input: unknown,
  apply: (action: MerchantAction) => InventoryWriteResult,
): unknown {
  const key = idempotencyKey(ctx, info);
  const result =
    key === null ? ctx.store.withAction(apply) : ctx.writer.run(mutation, key, input, apply);
  return {
    inventoryAdjustmentGroup: result.group ? adjustmentGroupView(ctx, result.group) : null,
    userErrors: result.userErrors,
  };
}

/**
 * From 2026-04 these mutations fail at run time without `@idempotent(key:)`, although the
 * schema does not mark it required (changelog, "making idempotency mandatory"). The exact error
 * text is not documented; this one names what is missing.
 */
function idempotencyKey(ctx: AdminContext, info: GraphQLResolveInfo): string | null {
  const directive = info.schema.getDirective('idempotent');
  const node = info.fieldNodes[0];
  const values =
    directive && node ? getDirectiveValues(directive, node, info.variableValues) : undefined;
  const key = values?.key;
  if (typeof key === 'string' && key !== '') return key;
  if (!strict(ctx)) return null;
  throw new GraphQLError(
    `The @idempotent directive with a key is required for ${info.fieldName} from API version ${STRICT_FROM}.`,
    {
      nodes: info.fieldNodes,
      extensions: { code: 'BAD_REQUEST' },
    },
  );
}

/** From 2026-04 every quantity, change or terminal must name changeFromQuantity (null opts out). */
function requireChangeFrom(
  ctx: AdminContext,
  entries: ReadonlyArray<readonly [object, string]>,
): void {
  if (!strict(ctx)) return;
  const missing = entries
    .filter(([entry]) => !Object.hasOwn(entry, 'changeFromQuantity'))
    .map(([, path]) => path);
  if (missing.length === 0) return;
  throw new GraphQLError(
    `changeFromQuantity is required from API version ${STRICT_FROM} (pass null to skip the check) at ${missing.join(', ')}.`,
    { extensions: { code: 'BAD_REQUEST' } },
  );
}

function strict(ctx: AdminContext): boolean {
  return ctx.apiVersion === 'unstable' || ctx.apiVersion >= STRICT_FROM;
}
