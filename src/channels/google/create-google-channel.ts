import type { AuthClient } from 'google-auth-library';
import type { Metrics } from '../../engine/metrics/metrics.js';
import type { Clock } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';
import type { Storage } from '../../storage/storage.js';
import { fixedTokenAuth, serviceAccountAuth, serviceAccountFromEnv } from './google-auth.js';
import { GoogleChannelError } from './google-channel-error.js';
import { GoogleLocalInventoryPublisher } from './google-local-inventory-publisher.js';
import { GoogleOutboxPublisher } from './google-outbox-publisher.js';
import { merchantEndpointFrom } from './google-settings.js';
import type { GoogleSettings } from './google-settings.js';

export interface GoogleChannel {
  readonly publisher: GoogleOutboxPublisher;
  readonly inventory: GoogleLocalInventoryPublisher;
  close(): Promise<void>;
}

export interface GoogleChannelDeps {
  readonly storage: Storage;
  readonly metrics: Metrics;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly env?: NodeJS.ProcessEnv;
}

/** The Merchant API client for the settings' endpoint and account, with its credentials. */
export async function createGoogleInventoryClient(
  settings: GoogleSettings,
  deps: Pick<GoogleChannelDeps, 'logger' | 'clock' | 'env'>,
): Promise<GoogleLocalInventoryPublisher> {
  if (!settings.merchantAccountId) {
    throw new GoogleChannelError(
      'google_credentials_invalid',
      'google.merchantAccountId is not set (TRUESHELF_GOOGLE_MERCHANT_ACCOUNT_ID)',
    );
  }
  return GoogleLocalInventoryPublisher.create({
    accountId: settings.merchantAccountId,
    endpoint: merchantEndpointFrom(settings.endpoint),
    authClient: await googleAuthFor(settings, deps.env ?? process.env),
    timeoutMs: settings.timeoutMs,
    alwaysEncodeProductIds: settings.alwaysEncodeProductIds,
    clock: deps.clock,
    logger: deps.logger,
  });
}

/** The outbox publisher for channel `google`, ready for an OutboxWorker. */
export async function createGoogleChannel(
  settings: GoogleSettings,
  deps: GoogleChannelDeps,
): Promise<GoogleChannel> {
  const inventory = await createGoogleInventoryClient(settings, deps);
  const publisher = new GoogleOutboxPublisher({
    storage: deps.storage,
    settings,
    inventory,
    metrics: deps.metrics,
    logger: deps.logger.child({ channel: 'google' }),
    clock: deps.clock,
  });
  return { publisher, inventory, close: () => inventory.close() };
}

/** A fixed token (sandbox) wins, then the configured key, then the environment's. */
async function googleAuthFor(
  settings: GoogleSettings,
  env: NodeJS.ProcessEnv,
): Promise<AuthClient> {
  if (settings.accessToken) return fixedTokenAuth(settings.accessToken);
  if (settings.serviceAccountJson)
    return serviceAccountAuth({ keyJson: settings.serviceAccountJson });
  if (settings.serviceAccountFile)
    return serviceAccountAuth({ keyFile: settings.serviceAccountFile });

  const fromEnv = serviceAccountFromEnv(env);
  if (fromEnv) return serviceAccountAuth(fromEnv);
  throw new GoogleChannelError(
    'google_credentials_invalid',
    'no Google credentials: set google.serviceAccountFile, google.serviceAccountJson ' +
      'or GOOGLE_APPLICATION_CREDENTIALS',
  );
}
