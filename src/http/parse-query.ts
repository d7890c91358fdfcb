import type { z } from 'zod';
import { TrueshelfError } from '../shared/error-catalogue.js';

/**
 * Validates a request's query string against its endpoint's schema and gives it its type. A bad
 * query is a 400 that names the parameter, what was seen and what was expected (each field's
 * schema carries its `expected` phrase as the issue message).
 */
export function parseQuery<Schema extends z.ZodObject>(
  schema: Schema,
  query: unknown,
): z.output<Schema> {
  const result = schema.safeParse(query);
  if (result.success) return result.data;

  const given =
    typeof query === 'object' && query !== null ? (query as Record<string, unknown>) : {};
  const problems = result.error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      const parameter = issue.keys[0] ?? '(unknown)';
      return {
        parameter,
        seen: given[parameter] ?? null,
        expected: `one of the parameters ${Object.keys(schema.shape).join(', ') || '(none)'}`,
      };
    }
    const parameter = String(issue.path[0] ?? '(query)');
    return { parameter, seen: given[parameter] ?? null, expected: issue.message };
  });

  const first = problems[0] ?? { parameter: '(query)', seen: null, expected: 'a valid query' };
  throw new TrueshelfError(
    'invalid_request',
    `query parameter ${first.parameter} is ${JSON.stringify(first.seen)}; ` +
      `expected ${first.expected}`,
    { ...first, problems },
  );
}
