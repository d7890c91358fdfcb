/**
 * A small part of Shopify's search syntax for `query:` arguments: `field:value` terms (values
 * optionally quoted), joined by spaces (AND) or `OR`. Terms on fields the caller does not know
 * are ignored, as Shopify ignores unknown search fields.
 */
export function matchesSearch(
  query: string | null | undefined,
  fields: Record<string, string | null>,
): boolean {
  if (!query || query.trim() === '') return true;
  return query
    .split(/\s+OR\s+/)
    .some((alternative) => termsOf(alternative).every((term) => matchesTerm(term, fields)));
}

function termsOf(text: string): Array<{ field: string; value: string }> {
  const terms: Array<{ field: string; value: string }> = [];
  const pattern = /(\w+):(?:"([^"]*)"|'([^']*)'|(\S+))/g;
  for (const match of text.matchAll(pattern)) {
    terms.push({ field: match[1] ?? '', value: match[2] ?? match[3] ?? match[4] ?? '' });
  }
  return terms;
}

function matchesTerm(
  term: { field: string; value: string },
  fields: Record<string, string | null>,
): boolean {
  if (!(term.field in fields)) return true;
  return fields[term.field] === term.value;
}
