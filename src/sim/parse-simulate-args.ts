import { TrueshelfError } from '../shared/error-catalogue.js';
import { resolveSettings } from './resolve-settings.js';
import { SIMULATE_FLAGS } from './simulate-flags.js';
import type { PolicyName, SimulationOptions } from './simulation-options.js';
import { POLICY_NAMES } from './simulation-options.js';

export type SimulateArgs =
  { ok: true; options: SimulationOptions; outDir: string } | { ok: false; errors: string[] };

const KNOWN = new Set(SIMULATE_FLAGS.map((flag) => flag.name));

/** `['--sales', 'f.csv', '--days=7', ...]` → options, or every problem found. */
export function parseSimulateArgs(argv: readonly string[]): SimulateArgs {
  const flags: Record<string, string> = {};
  const errors: string[] = [];
  for (let at = 0; at < argv.length; at += 1) {
    const word = argv[at]!;
    if (!word.startsWith('--')) {
      errors.push(`unexpected argument "${word}"; options are written --name value`);
      continue;
    }
    const equals = word.indexOf('=');
    const name = equals === -1 ? word.slice(2) : word.slice(2, equals);
    const value = equals === -1 ? argv[at + 1] : word.slice(equals + 1);
    if (equals === -1) at += 1;
    if (value === undefined || (equals === -1 && value.startsWith('--'))) {
      errors.push(`--${name} needs a value`);
      if (value?.startsWith('--')) at -= 1;
      continue;
    }
    flags[name] = value;
  }
  const parsed = parseSimulateFlags(flags);
  if (errors.length === 0) return parsed;
  return { ok: false, errors: [...errors, ...(parsed.ok ? [] : parsed.errors)] };
}

/**
 * Flag values as strings (as a command-line library hands them over, kebab-case or camelCase
 * names) → options, or every problem found, each naming the flag, what it saw and what it wants.
 */
export function parseSimulateFlags(raw: Record<string, string | undefined>): SimulateArgs {
  const errors: string[] = [];
  const flags = new Map<string, string>();
  for (const [key, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    const name = key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
    if (!KNOWN.has(name))
      errors.push(`unknown option --${name}; known: ${[...KNOWN].map((k) => `--${k}`).join(' ')}`);
    else flags.set(name, value);
  }

  const read = new FlagReader(flags, errors);
  const sales = read.text('sales', 'FILE');
  const outDir = read.text('out', 'DIR');
  const options: SimulationOptions = { sales: sales ?? '' };
  const set = <K extends keyof SimulationOptions>(
    key: K,
    value: SimulationOptions[K] | undefined,
  ) => {
    if (value !== undefined) options[key] = value;
  };
  set('stores', read.list('stores'));
  set('items', read.whole('items', 1));
  set('days', read.whole('days', 1));
  set('policies', read.policies());
  set('seed', read.whole('seed', Number.MIN_SAFE_INTEGER));
  set('onlineShare', read.share('online-share'));
  set('pickupDelayHours', read.number('pickup-delay-hours'));
  set('pickAfterHours', read.number('pick-after-hours'));
  set('shrinkRate', read.share('shrink-rate'));
  set('misplacementRate', read.share('misplacement-rate'));
  set('scanErrorRate', read.share('scan-error-rate'));
  set('receivingErrorRate', read.share('receiving-error-rate'));
  set('openingHours', read.hours());
  const replenishment = {
    ...optional('reviewPeriodDays', read.whole('review-period-days', 1)),
    ...optional('leadTimeDays', read.whole('lead-time-days', 0)),
    ...optional('orderUpToDaysOfCover', read.number('cover-days')),
  };
  if (Object.keys(replenishment).length > 0) options.replenishment = replenishment;
  set('cycleCountEveryDays', read.whole('cycle-count-every-days', 1));
  set('fullCountEveryDays', read.whole('full-count-every-days', 0));
  set('erpPushEveryMinutes', read.number('erp-push-every-minutes'));
  set('webhookDelaySeconds', read.number('webhook-delay-seconds'));
  set('buffer', read.buffer());
  set('arrivals', read.choice('arrivals', ['random', 'even'] as const));
  set('holds', read.choice('holds', ['rules', 'product'] as const));

  if (errors.length > 0 || sales === undefined || outDir === undefined)
    return { ok: false, errors };
  try {
    resolveSettings(options);
  } catch (error) {
    if (!(error instanceof TrueshelfError)) throw error;
    return { ok: false, errors: [error.message] };
  }
  return { ok: true, options, outDir };
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

class FlagReader {
  constructor(
    private readonly flags: Map<string, string>,
    private readonly errors: string[],
  ) {}

  text(name: string, what: string): string | undefined {
    const value = this.flags.get(name)?.trim();
    if (value) return value;
    this.errors.push(`--${name} ${what} is required`);
    return undefined;
  }

  list(name: string): string[] | undefined {
    const value = this.flags.get(name);
    if (value === undefined) return undefined;
    const items = value
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '');
    if (items.length > 0) return items;
    this.fail(name, value, 'a comma-separated list with at least one entry');
    return undefined;
  }

  whole(name: string, least: number): number | undefined {
    const value = this.flags.get(name);
    if (value === undefined) return undefined;
    const number = Number(value);
    if (/^-?\d+$/.test(value.trim()) && Number.isSafeInteger(number) && number >= least)
      return number;
    this.fail(
      name,
      value,
      least === Number.MIN_SAFE_INTEGER ? 'a whole number' : `a whole number ≥ ${least}`,
    );
    return undefined;
  }

  number(name: string): number | undefined {
    const value = this.flags.get(name);
    if (value === undefined) return undefined;
    const number = Number(value);
    if (value.trim() !== '' && Number.isFinite(number) && number >= 0) return number;
    this.fail(name, value, 'a number ≥ 0');
    return undefined;
  }

  share(name: string): number | undefined {
    const value = this.flags.get(name);
    if (value === undefined) return undefined;
    const number = Number(value);
    if (value.trim() !== '' && number >= 0 && number <= 1) return number;
    this.fail(name, value, 'a share within 0..1, e.g. 0.016 for 1.6 %');
    return undefined;
  }

  choice<T extends string>(name: string, choices: readonly T[]): T | undefined {
    const value = this.flags.get(name);
    if (value === undefined) return undefined;
    if ((choices as readonly string[]).includes(value)) return value as T;
    this.fail(name, value, `one of ${choices.join(', ')}`);
    return undefined;
  }

  policies(): PolicyName[] | undefined {
    const names = this.list('policies');
    if (names === undefined) return undefined;
    const unknown = names.filter((name) => !(POLICY_NAMES as readonly string[]).includes(name));
    if (unknown.length === 0) return names as PolicyName[];
    this.fail('policies', unknown.join(','), `names from ${POLICY_NAMES.join(', ')}`);
    return undefined;
  }

  hours(): SimulationOptions['openingHours'] {
    const value = this.flags.get('opening-hours');
    if (value === undefined) return undefined;
    const match = /^\s*(\d{1,2})\s*-\s*(\d{1,2})\s*$/.exec(value);
    if (match) return { opensAtHour: Number(match[1]), closesAtHour: Number(match[2]) };
    this.fail('opening-hours', value, 'opening and closing hours as H-H, e.g. 8-22');
    return undefined;
  }

  buffer(): SimulationOptions['buffer'] {
    const kind = this.choice('buffer', ['risk', 'tiered'] as const);
    const target = this.share('risk-target');
    if (kind === 'tiered') {
      if (target !== undefined)
        this.fail('risk-target', String(target), 'no value with --buffer tiered');
      return { kind: 'tiered' };
    }
    if (target === undefined) return undefined;
    return { kind: 'risk', targetShortfallProbability: target };
  }

  private fail(name: string, seen: string, expected: string): void {
    this.errors.push(`--${name}: expected ${expected}, saw "${seen}"`);
  }
}
