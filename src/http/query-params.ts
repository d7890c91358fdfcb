import { z } from 'zod';

/**
 * Field schemas shared by the endpoints' query schemas. Each carries, as its message, the phrase
 * a 400 shows as `expected`. Query values arrive as strings (an array when repeated).
 */
export function limitParam(defaultLimit: number, maxLimit: number) {
  const expected = `an integer from 1 to ${maxLimit}`;
  return z
    .string({ error: expected })
    .regex(/^\d{1,7}$/, { error: expected })
    .transform(Number)
    .pipe(z.number().min(1, { error: expected }).max(maxLimit, { error: expected }))
    .optional()
    .transform((limit) => limit ?? defaultLimit);
}

export const cursorParam = z
  .string({ error: 'the nextCursor of an earlier page' })
  .regex(/^[A-Za-z0-9_-]{1,1024}$/, { error: 'the nextCursor of an earlier page' })
  .optional();

export function textParam(what: string, maxLength = 255) {
  const expected = `${what} (1 to ${maxLength} characters)`;
  return z
    .string({ error: expected })
    .min(1, { error: expected })
    .max(maxLength, { error: expected });
}

export function oneOfParam<const Values extends readonly [string, ...string[]]>(values: Values) {
  return z.enum(values, { error: `one of ${values.join(', ')}` });
}
