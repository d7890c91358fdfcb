import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Ids a caller may choose: short, printable, no spaces, so they are safe to log and echo. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * Keeps a caller's `X-Request-Id` when it is sane, so one id follows a request through a proxy
 * and into our logs; anything else gets a fresh uuid.
 */
export function requestIdFor(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  if (typeof given === 'string' && SANE_REQUEST_ID.test(given)) return given;
  return randomUUID();
}
