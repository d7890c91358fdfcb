import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../app/app-context.js';
import { TrueshelfError } from '../../shared/error-catalogue.js';
import { dashboardBody } from './dashboard-body.js';
import type { DashboardSessions } from './dashboard-sessions.js';
import { replayDelivery, replayPush } from '../../engine/replay/replay-parked.js';
import type { ReplayResult } from '../../engine/replay/replay-parked.js';
import { requireCsrf, requireSession } from './session-guard.js';

const name = (what: string) => z.string({ error: what }).min(1, { error: what }).max(255);
const deliveryBody = z.object({ id: name('a delivery id') });
const pushBody = z.object({
  channel: name('a channel'),
  item: name('an item id'),
  location: name('a location handle'),
});

/** Actions: admin scope and the session's CSRF token, checked before the body is looked at. */
export function registerActionRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  sessions: DashboardSessions,
): void {
  const authorise = (request: FastifyRequest) => {
    const session = requireSession(sessions, request, 'admin');
    requireCsrf(session, request);
    return session;
  };

  app.post('/dashboard/api/deliveries/replay', async (request) => {
    const session = authorise(request);
    const { id } = dashboardBody(deliveryBody, request.body);

    answer(await replayDelivery(ctx, id), `delivery ${id}`, 'unprocessable');
    request.log.info(
      { client: session.client.name, deliveryId: id },
      'dashboard: delivery replayed',
    );
    return { replayed: { id } };
  });

  app.post('/dashboard/api/outbox/replay', async (request) => {
    const session = authorise(request);
    const key = dashboardBody(pushBody, request.body);

    answer(
      await replayPush(ctx, key),
      `the ${key.channel} push for ${key.item} at ${key.location}`,
      'parked',
    );
    request.log.info({ client: session.client.name, ...key }, 'dashboard: push replayed');
    return { replayed: key };
  });
}

function answer(result: ReplayResult, what: string, replayable: string): void {
  if (result.kind === 'replayed') return;
  if (result.kind === 'not_found') {
    throw new TrueshelfError('not_found', `no ${what}`, {
      seen: what,
      expected: 'one listed on the live-flow page',
    });
  }
  throw new TrueshelfError(
    'not_replayable',
    `${what} is ${result.status}; only ${replayable} ones can be replayed`,
    {
      seen: result.status,
      expected: replayable,
    },
  );
}
