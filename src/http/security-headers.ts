import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Every answer is JSON or plain text for machines, so nothing may be framed, sniffed or run as
 * a page. A route that serves HTML (the dashboard) sets its own policy first, and it is kept.
 */
const JSON_POLICY =
  "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export function setSecurityHeaders(request: FastifyRequest, reply: FastifyReply): void {
  reply.header('X-Content-Type-Options', 'nosniff');
  reply.header('Referrer-Policy', 'no-referrer');
  reply.header('X-Frame-Options', 'DENY');
  if (!reply.hasHeader('Content-Security-Policy')) {
    reply.header('Content-Security-Policy', JSON_POLICY);
  }
  // Answers carry stock and tokens' views of it; no shared cache should keep them.
  if (!reply.hasHeader('Cache-Control')) reply.header('Cache-Control', 'no-store');
  reply.header('X-Request-Id', request.id);
}

/** As an `onSend` hook, so errors and 404s get the headers too. */
export async function applySecurityHeaders(
  request: FastifyRequest,
  reply: FastifyReply,
  payload: unknown,
): Promise<unknown> {
  setSecurityHeaders(request, reply);
  return payload;
}
