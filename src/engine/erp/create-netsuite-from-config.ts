import type { NetSuiteSettings, TrueshelfConfig } from '../../config/config-schema.js';
import type { Clock } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';
import { createNetSuiteClient } from '../../sources/netsuite/netsuite-client.js';
import type { NetSuiteClient } from '../../sources/netsuite/netsuite-client.js';
import type { NetSuiteAuth } from '../../sources/netsuite/request-authorizer.js';
import type { ErpPostingSettings } from './erp-posting-settings.js';

/** What the NetSuite side of trueshelf runs with, once an account is configured. */
export interface ConfiguredNetSuite {
  readonly configured: true;
  readonly client: NetSuiteClient;
  readonly mode: NetSuiteSettings['mode'];
  readonly posting: ErpPostingSettings;
  /** For the reconciliation: how late the connector books a sale, and how far back to look. */
  readonly connector: { readonly orderImportDelaySeconds: number };
  readonly lookbackHours: number;
}

/** NetSuite is off: the account id is unset. An expected state, not a fault. */
export interface NetSuiteNotConfigured {
  readonly configured: false;
  readonly message: string;
}

export type NetSuiteFromConfig = ConfiguredNetSuite | NetSuiteNotConfigured;

export interface NetSuiteFromConfigOptions {
  readonly clock: Clock;
  readonly logger?: Logger;
  readonly fetch?: typeof fetch;
}

export const NETSUITE_NOT_CONFIGURED =
  'NetSuite is not configured: set TRUESHELF_NETSUITE_ACCOUNT_ID (netsuite.accountId) and the ' +
  'credentials of TRUESHELF_NETSUITE_AUTH_SCHEME';

/**
 * Builds the NetSuite client from `config.netsuite`. The schema has already checked that the
 * chosen scheme's credentials are present, so only the account id decides whether it is on.
 */
export function createNetSuiteFromConfig(
  config: Pick<Readonly<TrueshelfConfig>, 'netsuite'>,
  options: NetSuiteFromConfigOptions,
): NetSuiteFromConfig {
  const settings = config.netsuite;
  if (settings.accountId === undefined) {
    return { configured: false, message: NETSUITE_NOT_CONFIGURED };
  }

  const client = createNetSuiteClient({
    accountId: settings.accountId,
    auth: authFrom(settings),
    clock: options.clock,
    maxConcurrentRequests: settings.maxConcurrentRequests,
    ...(settings.baseUrl !== undefined ? { baseUrl: settings.baseUrl } : {}),
    ...(settings.inventoryTable !== undefined ? { inventoryTable: settings.inventoryTable } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  return {
    configured: true,
    client,
    mode: settings.mode,
    posting: {
      adjustmentAccountId: settings.adjustmentAccountId,
      subsidiaryId: settings.subsidiaryId,
      postSales: settings.postSales,
      salesTax: { mode: 'engine' },
    },
    connector: { orderImportDelaySeconds: settings.connectorOrderDelaySeconds },
    lookbackHours: settings.reconcileLookbackHours,
  };
}

function authFrom(settings: NetSuiteSettings): NetSuiteAuth {
  if (settings.authScheme === 'tba') {
    return {
      scheme: 'tba',
      credentials: {
        consumerKey: required(settings.consumerKey),
        consumerSecret: required(settings.consumerSecret),
        tokenId: required(settings.tokenId),
        tokenSecret: required(settings.tokenSecret),
      },
    };
  }
  return {
    scheme: 'm2m',
    credentials: {
      clientId: required(settings.clientId),
      certificateId: required(settings.certificateId),
      privateKey: pemFrom(required(settings.privateKey)),
      algorithm: settings.jwtAlgorithm,
    },
  };
}

/** An environment variable often carries a PEM on one line with `\n` written out. */
function pemFrom(text: string): string {
  return text.includes('\n') ? text : text.replaceAll('\\n', '\n');
}

/** The schema refuses a configured account without its scheme's credentials. */
function required(value: string | undefined): string {
  if (value === undefined) throw new TypeError('a NetSuite credential passed validation unset');
  return value;
}
