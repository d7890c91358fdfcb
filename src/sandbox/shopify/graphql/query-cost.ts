import {
  Kind,
  getArgumentValues,
  getNamedType,
  isCompositeType,
  isLeafType,
  isListType,
  isNonNullType,
} from 'graphql';
import type {
  FieldNode,
  FragmentDefinitionNode,
  GraphQLCompositeType,
  GraphQLField,
  GraphQLOutputType,
  GraphQLSchema,
  OperationDefinitionNode,
  SelectionSetNode,
} from 'graphql';

/**
 * Shopify's calculated query cost (shopify.dev rate limits; research §4), roughly: scalars and
 * enums 0, an object 1, a connection 2 plus its page size times the cost of one node, a
 * mutation 10. Requested cost uses `first`/`last`; actual cost counts what came back. Fragments
 * on different types are charged at the dearest, as only one can match.
 */
export interface CostInput {
  schema: GraphQLSchema;
  operation: OperationDefinitionNode;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
}

const MUTATION_COST = 10;

export function requestedCost(input: CostInput): number {
  return operationCost(input, undefined);
}

export function actualCost(input: CostInput, data: unknown): number {
  return operationCost(input, data ?? null);
}

function operationCost(input: CostInput, data: unknown): number {
  if (input.operation.operation === 'mutation') {
    return (
      input.operation.selectionSet.selections.filter((selection) => selection.kind === Kind.FIELD)
        .length * MUTATION_COST
    );
  }
  const root = input.schema.getQueryType();
  return root ? selectionCost(input, root, input.operation.selectionSet, data) : 0;
}

/** `data` undefined: requested cost; otherwise the value this selection produced. */
function selectionCost(
  input: CostInput,
  parent: GraphQLCompositeType,
  set: SelectionSetNode,
  data: unknown,
): number {
  let sum = 0;
  const alternatives: number[] = [];

  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      const field = fieldOf(parent, selection.name.value);
      if (field)
        sum += fieldCost(
          input,
          field,
          selection,
          data === undefined ? undefined : member(data, selection),
        );
      continue;
    }
    const fragment =
      selection.kind === Kind.INLINE_FRAGMENT ? selection : input.fragments[selection.name.value];
    if (!fragment) continue;
    const condition = fragment.typeCondition
      ? input.schema.getType(fragment.typeCondition.name.value)
      : parent;
    if (!condition || !isCompositeType(condition)) continue;
    const cost = selectionCost(input, condition, fragment.selectionSet, data);
    if (condition === parent) sum += cost;
    else alternatives.push(cost);
  }
  return sum + Math.max(0, ...alternatives);
}

function fieldCost(
  input: CostInput,
  field: GraphQLField<unknown, unknown>,
  node: FieldNode,
  value: unknown,
): number {
  const named = getNamedType(field.type);
  const set = node.selectionSet;
  if (isLeafType(named) || !set || !isCompositeType(named) || value === null) return 0;

  if (named.name.endsWith('Connection')) return connectionCost(input, field, named, node, value);
  if (isList(field.type)) {
    if (value === undefined) {
      const ids = getArgumentValues(field, node, input.variables).ids;
      const count = field.name === 'nodes' && Array.isArray(ids) ? ids.length : 1;
      return count * (1 + selectionCost(input, named, set, undefined));
    }
    const elements = Array.isArray(value) ? value.filter((element) => element !== null) : [];
    if (field.name !== 'nodes')
      return elements.length === 0 ? 0 : 1 + selectionCost(input, named, set, elements[0]);
    return elements.reduce<number>(
      (sum, element) => sum + 1 + selectionCost(input, named, set, element),
      0,
    );
  }
  return 1 + selectionCost(input, named, set, value);
}

function connectionCost(
  input: CostInput,
  field: GraphQLField<unknown, unknown>,
  connection: GraphQLCompositeType,
  node: FieldNode,
  value: unknown,
): number {
  const set = node.selectionSet;
  const nodeType = nodeTypeOf(connection);
  if (!set || !nodeType) return 2;

  if (value === undefined) {
    const args = getArgumentValues(field, node, input.variables);
    const size = Number(args.first ?? args.last ?? 0);
    return 2 + size * perNode(input, nodeType, set, undefined, undefined);
  }
  const nodes = arrayMember(value, set, 'nodes');
  const edges = arrayMember(value, set, 'edges');
  const count = Math.max(nodes?.length ?? 0, edges?.length ?? 0);
  let sum = 2;
  for (let i = 0; i < count; i += 1)
    sum += perNode(input, nodeType, set, nodes?.[i], member(edges?.[i] ?? null, null, 'node'));
  return sum;
}

/** One node's cost, from `nodes { … }` or `edges { node { … } }`, whichever costs more. */
function perNode(
  input: CostInput,
  nodeType: GraphQLCompositeType,
  set: SelectionSetNode,
  fromNodes: unknown,
  fromEdge: unknown,
): number {
  let cost = 0;
  for (const selection of set.selections) {
    if (selection.kind !== Kind.FIELD || !selection.selectionSet) continue;
    if (selection.name.value === 'nodes') {
      if (fromNodes !== null)
        cost = Math.max(
          cost,
          1 + selectionCost(input, nodeType, selection.selectionSet, fromNodes),
        );
    } else if (selection.name.value === 'edges') {
      for (const inner of selection.selectionSet.selections) {
        if (inner.kind !== Kind.FIELD || inner.name.value !== 'node' || !inner.selectionSet)
          continue;
        if (fromEdge !== null)
          cost = Math.max(cost, 1 + selectionCost(input, nodeType, inner.selectionSet, fromEdge));
      }
    }
  }
  return cost;
}

function nodeTypeOf(connection: GraphQLCompositeType): GraphQLCompositeType | null {
  const nodes = fieldOf(connection, 'nodes');
  const named = nodes ? getNamedType(nodes.type) : null;
  return named && isCompositeType(named) ? named : null;
}

function fieldOf(
  type: GraphQLCompositeType,
  name: string,
): GraphQLField<unknown, unknown> | undefined {
  return 'getFields' in type ? type.getFields()[name] : undefined;
}

function isList(type: GraphQLOutputType): boolean {
  return isListType(isNonNullType(type) ? type.ofType : type);
}

function member(data: unknown, selection: FieldNode | null, name?: string): unknown {
  if (data === null || typeof data !== 'object') return null;
  const key = selection ? (selection.alias?.value ?? selection.name.value) : (name ?? '');
  return (data as Record<string, unknown>)[key] ?? null;
}

function arrayMember(data: unknown, set: SelectionSetNode, name: string): unknown[] | null {
  const selection = set.selections.find(
    (s): s is FieldNode => s.kind === Kind.FIELD && s.name.value === name,
  );
  const value = selection ? member(data, selection) : null;
  return Array.isArray(value) ? value : null;
}
