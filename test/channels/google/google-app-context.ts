import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../src/app/app-context.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { Metrics } from '../../../src/engine/metrics/metrics.js';
import { buildServer } from '../../../src/http/build-server.js';
import type { Clock } from '../../../src/shared/clock.js';
import { silentLogger } from '../../../src/shared/logger.js';
import type { Storage } from '../../../src/storage/storage.js';

export const apiToken = 'google-test-admin-token-0001';

/** trueshelf's HTTP API over a test database, for `inject` (it never listens). */
export async function buildTestApi(
  storage: Storage,
  url: string,
  clock: Clock,
): Promise<FastifyInstance> {
  const config = loadConfig({ flags: { databaseUrl: url, apiToken, logLevel: 'silent' } });
  const context: AppContext = {
    config,
    storage,
    metrics: new Metrics(),
    logger: silentLogger(),
    clock,
    wakeInbox: () => undefined,
    wakeOutbox: () => undefined,
  };
  return buildServer(context);
}
