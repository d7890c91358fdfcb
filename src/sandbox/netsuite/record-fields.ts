import { netSuiteErrorBody } from './error-body.js';
import { json } from './sandbox-answer.js';
import type { SandboxAnswer } from './sandbox-answer.js';

const INTEGER_ID = /^(?:0|[1-9][0-9]*)$/;

/** The body as an object of fields; anything else reads as no fields. */
export function recordBody(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

/** The id of a `{ id }` reference, when it is an internal id. */
export function refId(value: unknown): string | undefined {
  const id =
    typeof value === 'object' && value !== null ? (value as { id?: unknown }).id : undefined;
  return typeof id === 'string' && INTEGER_ID.test(id) ? id : undefined;
}

export function missing(path: string, detail: string): SandboxAnswer {
  return json(400, netSuiteErrorBody(400, [{ detail, code: 'USER_ERROR', at: { path } }]));
}

export function userError(status: number, code: string, detail: string): SandboxAnswer {
  return json(status, netSuiteErrorBody(status, [{ detail, code }]));
}

export function notFound(): SandboxAnswer {
  return userError(
    404,
    'NONEXISTENT_ID',
    'The record instance does not exist. Provide a valid record instance ID.',
  );
}
