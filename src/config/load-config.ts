import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { TrueshelfError } from '../shared/error-catalogue.js';
import { configSchema } from './config-schema.js';
import type { TrueshelfConfig } from './config-schema.js';
import { settings } from './settings.js';
import type { Setting } from './settings.js';

export interface ConfigSources {
  /** Path of a YAML or JSON file (`--config`). */
  file?: string;
  env?: Record<string, string | undefined>;
  /** Flags, keyed by setting path (`port`, `shopify.shop`). */
  flags?: Record<string, unknown>;
}

/** Defaults < config file < environment < flags, validated once, then frozen. */
export function loadConfig(sources: ConfigSources = {}): Readonly<TrueshelfConfig> {
  const merged: Record<string, unknown> = {};
  applyDefaults(merged);

  if (sources.file) deepMerge(merged, readConfigFile(sources.file));

  for (const setting of settings) {
    const raw = sources.env?.[setting.env];
    if (raw !== undefined && raw !== '') setPath(merged, setting.path, coerce(setting, raw));
  }

  for (const [path, value] of Object.entries(sources.flags ?? {})) {
    if (value === undefined) continue;
    const setting = settings.find((s) => s.path === path);
    setPath(merged, path, setting && typeof value === 'string' ? coerce(setting, value) : value);
  }

  const parsed = configSchema.safeParse(merged);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (i) => `${i.path.join('.') || '(root)'}: ${i.message}${seenPart(merged, i.path)}`,
    );
    throw new TrueshelfError('config_invalid', `configuration is invalid: ${problems.join('; ')}`, {
      problems,
    });
  }

  return deepFreeze(parsed.data);
}

function applyDefaults(target: Record<string, unknown>): void {
  for (const setting of settings) {
    if (setting.default !== undefined) setPath(target, setting.path, setting.default);
  }
  target['tokens'] = [];
  target['locations'] = [];
}

function readConfigFile(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (thrown) {
    throw new TrueshelfError(
      'config_invalid',
      `cannot read config file ${file}`,
      { file },
      {
        cause: thrown,
      },
    );
  }
  const value: unknown = parseYaml(text);
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new TrueshelfError('config_invalid', `config file ${file} must hold a mapping`, { file });
  }
  return value as Record<string, unknown>;
}

function coerce(setting: Setting, raw: string): unknown {
  if (setting.kind === 'integer' || setting.kind === 'number') {
    const value = Number(raw);
    if (!Number.isFinite(value)) {
      throw new TrueshelfError(
        'config_invalid',
        `${setting.env}="${setting.secret ? '[redacted]' : raw}" is not a number (setting ${setting.path})`,
        { setting: setting.path },
      );
    }
    return value;
  }
  if (setting.kind === 'boolean') return raw === 'true' || raw === '1';
  return raw;
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    if (typeof next !== 'object' || next === null) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts[parts.length - 1] as string] = value;
}

function deepMerge(target: Record<string, unknown>, source: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    const bothObjects =
      typeof value === 'object' &&
      value !== null &&
      !Array.isArray(value) &&
      typeof existing === 'object' &&
      existing !== null &&
      !Array.isArray(existing);
    if (bothObjects)
      deepMerge(existing as Record<string, unknown>, value as Record<string, unknown>);
    else target[key] = value;
  }
}

function deepFreeze<T>(value: T): Readonly<T> {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** Words in a setting's path that mark it secret: its value never appears in an error. */
const SECRET_PATH = /token|secret|key|password|credential/i;

/**
 * `` (seen "25:00")`` for a plain value the config gave where a check failed, so the message
 * says what was seen as well as what was expected; nothing for a secret, a list or a section.
 */
function seenPart(merged: Record<string, unknown>, path: readonly PropertyKey[]): string {
  if (path.length === 0 || path.some((part) => SECRET_PATH.test(String(part)))) return '';

  let value: unknown = merged;
  for (const part of path) {
    if (typeof value !== 'object' || value === null) return '';
    value = (value as Record<PropertyKey, unknown>)[part];
  }
  if (typeof value === 'string') return ` (seen "${value.slice(0, 80)}")`;
  if (typeof value === 'number' || typeof value === 'boolean') return ` (seen ${String(value)})`;
  return '';
}
