import { pino } from 'pino';
import type { DestinationStream, Logger } from 'pino';

export type { Logger };

export interface LoggerOptions {
  level?: string;
  destination?: DestinationStream;
}

/**
 * The one structured logger. Secrets never reach it by construction: the config keeps them in
 * a `secrets` object that is redacted here as a second line of defence.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? process.env['TRUESHELF_LOG_LEVEL'] ?? 'info';
  const redact = {
    paths: [
      'secrets',
      '*.secrets',
      'accessToken',
      '*.accessToken',
      'clientSecret',
      '*.clientSecret',
      'webhookSecret',
      '*.webhookSecret',
      'token',
      '*.token',
      'req.headers.authorization',
      'req.headers["x-shopify-access-token"]',
      'req.headers["x-shopify-hmac-sha256"]',
      'req.headers.cookie',
    ],
    censor: '[redacted]',
  };
  if (options.destination) return pino({ level, redact }, options.destination);
  return pino({ level, redact });
}

export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
