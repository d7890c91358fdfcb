import type { FastifyReply, FastifyRequest } from 'fastify';

export const SESSION_COOKIE = 'trueshelf_session';

/** The session id from the `Cookie` header, or undefined. Only our one cookie is looked at. */
export function sessionIdOf(request: FastifyRequest): string | undefined {
  const header = request.headers.cookie;
  if (header === undefined) return undefined;

  for (const part of header.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === SESSION_COOKIE) return rest.join('=') || undefined;
  }
  return undefined;
}

/**
 * HttpOnly so page scripts cannot read it; SameSite=Strict so no other site's page can make
 * the browser send it; Secure whenever the request came over TLS (a loopback demo is plain
 * HTTP, where a Secure cookie would never be sent back).
 */
export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  id: string,
  maxAgeSeconds: number,
): void {
  const secure = request.protocol === 'https' ? '; Secure' : '';
  reply.header(
    'Set-Cookie',
    `${SESSION_COOKIE}=${id}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure}`,
  );
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  setSessionCookie(request, reply, '', 0);
}
