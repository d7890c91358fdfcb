/**
 * Turns a bulk query's result into Shopify's JSONL: one object per line, the root connection's
 * nodes first, each nested connection's nodes on their own lines after their parent, carrying
 * `__parentId` (the parent's `id`) instead of being nested (shopify.dev bulk operations guide).
 */
export function flattenToJsonl(data: Record<string, unknown>): {
  lines: string[];
  rootObjectCount: number;
} {
  const lines: string[] = [];
  const root = Object.values(data)[0];
  const roots = isConnection(root) ? nodesOf(root) : [];
  for (const node of roots) emit(node, null, lines);
  return { lines, rootObjectCount: roots.length };
}

function emit(node: Record<string, unknown>, parentId: string | null, lines: string[]): void {
  const children: Array<Record<string, unknown>> = [];
  const own = strip(node, children);
  if (parentId !== null) own.__parentId = parentId;
  lines.push(JSON.stringify(own));

  const id = typeof own.id === 'string' ? own.id : parentId;
  for (const child of children) emit(child, id, lines);
}

/** A copy of `value` without its connections, whose nodes are collected into `children`. */
function strip(
  value: Record<string, unknown>,
  children: Array<Record<string, unknown>>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) {
    if (isConnection(member)) children.push(...nodesOf(member));
    else if (member !== null && typeof member === 'object' && !Array.isArray(member))
      out[key] = strip(member as Record<string, unknown>, children);
    else out[key] = member;
  }
  return out;
}

function isConnection(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return (
    keys.length > 0 &&
    keys.every((key) => key === 'edges' || key === 'nodes' || key === 'pageInfo') &&
    ('edges' in value || 'nodes' in value)
  );
}

function nodesOf(connection: Record<string, unknown>): Array<Record<string, unknown>> {
  if (Array.isArray(connection.nodes)) return connection.nodes as Array<Record<string, unknown>>;
  if (Array.isArray(connection.edges)) {
    return (connection.edges as Array<{ node?: Record<string, unknown> }>).flatMap((edge) =>
      edge.node ? [edge.node] : [],
    );
  }
  return [];
}
