import type { z } from 'zod';
import { TrueshelfError } from '../../shared/error-catalogue.js';

/** A dashboard body that fails its schema is a 400 naming the field and what was expected. */
export function dashboardBody<Schema extends z.ZodObject>(
  schema: Schema,
  body: unknown,
): z.output<Schema> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;

  const issue = result.error.issues[0];
  const field = issue?.path.join('.') || '(body)';
  throw new TrueshelfError(
    'invalid_request',
    `body field ${field}: ${issue?.message ?? 'invalid'}`,
    {
      field,
      expected: issue?.message ?? 'a valid body',
    },
  );
}
