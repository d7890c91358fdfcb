import { TrueshelfError } from '../../shared/error-catalogue.js';

export interface AppWebhookConfig {
  apiVersion: string | null;
  subscriptions: { topics: string[]; uri: string | null }[];
}

/**
 * Reads the `[webhooks]` part of a `shopify.app.toml`: `api_version` and each
 * `[[webhooks.subscriptions]]` table's `topics` and `uri`. Only the subset of TOML that file uses
 * (strings, string arrays over several lines, comments); other tables are skipped.
 */
export function parseAppToml(text: string): AppWebhookConfig {
  const config: AppWebhookConfig = { apiVersion: null, subscriptions: [] };
  let table = '';
  let pending = '';

  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    const line = stripComment(raw).trim();
    if (!pending && !line) continue;

    if (!pending && line.startsWith('[')) {
      table = line.replace(/^\[+|\]+$/g, '').trim();
      if (line.startsWith('[[') && table === 'webhooks.subscriptions') {
        config.subscriptions.push({ topics: [], uri: null });
      }
      continue;
    }

    pending = pending ? `${pending} ${line}` : line;
    if (count(pending, '[') > count(pending, ']')) continue;
    const statement = pending;
    pending = '';

    const match = /^([A-Za-z0-9_.-]+)\s*=\s*(.+)$/.exec(statement);
    if (!match)
      throw new TrueshelfError(
        'invalid_request',
        `shopify.app.toml line ${index + 1}: cannot read "${statement}"`,
        { line: index + 1 },
      );
    const [, key, value] = match as unknown as [string, string, string];

    if (table === 'webhooks' && key === 'api_version') config.apiVersion = stringOf(value);
    const current = config.subscriptions.at(-1);
    if (table === 'webhooks.subscriptions' && current) {
      if (key === 'topics') current.topics = arrayOf(value);
      if (key === 'uri') current.uri = stringOf(value);
    }
  }
  return config;
}

/** The topics a parsed toml subscribes to, each once. */
export function deployedTopics(config: AppWebhookConfig): string[] {
  return [...new Set(config.subscriptions.flatMap((s) => s.topics))];
}

function stripComment(line: string): string {
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    if (line[i] === '"' && line[i - 1] !== '\\') quoted = !quoted;
    if (line[i] === '#' && !quoted) return line.slice(0, i);
  }
  return line;
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}

function stringOf(value: string): string {
  return value.trim().replace(/^"|"$/g, '');
}

function arrayOf(value: string): string[] {
  return [...value.matchAll(/"([^"]*)"/g)].map((m) => m[1] ?? '');
}
