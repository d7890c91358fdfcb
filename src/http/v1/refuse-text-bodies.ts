import type { FastifyInstance } from 'fastify';
import { TrueshelfError } from '../../shared/error-catalogue.js';

/**
 * A `/v1` body sent as `text/plain` is refused 415, saying which type to send. Fastify would
 * hand it over as a string, and the route would answer 400 as if its JSON lacked every field
 * (a browser's `fetch` with a string body sends `text/plain` unless told otherwise).
 */
export function refuseTextBodies(app: FastifyInstance): void {
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser('text/plain', (request, _payload, done) => {
    const expected = request.routeOptions.url === '/v1/counts' ? 'text/csv' : 'application/json';
    done(
      new TrueshelfError(
        'unsupported_media_type',
        `the body is sent as ${request.headers['content-type'] ?? 'text/plain'}; send it with Content-Type: ${expected}`,
        { seen: request.headers['content-type'] ?? 'text/plain', expected },
      ),
      undefined,
    );
  });
}
