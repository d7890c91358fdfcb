import { describe, expect, it } from 'vitest';

import {
  parseBufferRules,
  parseBufferRulesText,
} from '../../../src/domain/buffers/parse-buffer-rules.js';

const tiered = {
  kind: 'tiered',
  bands: [
    { fromUnitsPerDay: 0, bufferUnits: 0 },
    { fromUnitsPerDay: 1, bufferUnits: 1 },
  ],
};

function pathsOf(input: unknown): string[] {
  const parsed = parseBufferRules(input);
  if (parsed.ok) throw new Error('expected the rules to be refused');
  return parsed.issues.map((issue) => issue.path);
}

describe('buffer rules files', () => {
  it('reads a YAML file and fills in ids, channels and hysteresis defaults', () => {
    const parsed = parseBufferRulesText(
      [
        'version: 1',
        'chainDefault:',
        '  policy: { kind: fixed, units: 1 }',
        'rules:',
        '  - scope: item_at_location',
        '    item: JACKET',
        '    location: store-12',
        '    policy: { kind: fixed, units: 4 }',
        '  - scope: category',
        '    id: winter',
        '    category: outerwear',
        '    policy:',
        '      kind: risk',
        '      targetShortfallProbability: 0.02',
        '      syncDelaySeconds: 60',
        '      orderToPickupSeconds: 7200',
        '      maxUnits: 5',
      ].join('\n'),
    );

    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.rules.chainDefault.id).toBe('chain');
    expect(parsed.rules.rules.map((rule) => rule.id)).toEqual([
      'item_at_location:JACKET@store-12',
      'winter',
    ]);
    expect(parsed.rules.channels).toEqual({});
    expect(parsed.rules.hysteresis).toEqual({ minUnitsChange: 1, minVelocityChangePercent: 20 });
  });

  it('reads JSON through the same parser', () => {
    const text = JSON.stringify({
      version: 1,
      chainDefault: { policy: tiered },
      channels: { google: { zeroAtOrBelow: 1 } },
    });
    const parsed = parseBufferRulesText(text);

    expect(parsed.ok && parsed.rules.channels).toEqual({ google: { zeroAtOrBelow: 1 } });
  });

  it('names the path of each bad value', () => {
    const paths = pathsOf({
      version: 1,
      chainDefault: { policy: { ...tiered, bands: [tiered.bands[1], tiered.bands[0]] } },
      rules: [
        { scope: 'item', item: 'A', policy: { kind: 'fixed', units: -1 } },
        { scope: 'item', item: 'B', policy: { kind: 'tiered', bands: tiered.bands, maxUnit: 3 } },
        { scope: 'location', location: 'store-1', policy: { kind: 'percent', units: 1 } },
        { scope: 'region', location: 'north', policy: { kind: 'fixed', units: 1 } },
        { scope: 'category', category: 'tops', policy: { ...tiered, minUnits: 4, maxUnits: 2 } },
      ],
      channels: { google: { maxShown: 'lots' } },
    });

    expect(paths).toEqual(
      expect.arrayContaining([
        'chainDefault.policy.bands[0].fromUnitsPerDay',
        'chainDefault.policy.bands[1].fromUnitsPerDay',
        'rules[0].policy.units',
        'rules[1].policy.maxUnit',
        'rules[2].policy.kind',
        'rules[3].scope',
        'rules[4].policy.minUnits',
        'channels.google.maxShown',
      ]),
    );
  });

  it('refuses a second rule for the same target, since it could never apply', () => {
    const parsed = parseBufferRules({
      version: 1,
      chainDefault: { policy: tiered },
      rules: [
        { scope: 'item', item: 'A', policy: { kind: 'fixed', units: 1 } },
        { scope: 'item', item: 'A', policy: { kind: 'fixed', units: 2 } },
      ],
    });

    expect(parsed).toMatchObject({ ok: false, issues: [{ path: 'rules[1]' }] });
    if (!parsed.ok) expect(parsed.issues[0]!.message).toContain('rules[0] already sets item:A');
  });

  it('refuses a file without a chain default or version', () => {
    const parsed = parseBufferRules({ rules: [] });

    expect(parsed).toMatchObject({
      ok: false,
      issues: expect.arrayContaining([
        { path: 'version', message: expect.any(String) },
        { path: 'chainDefault', message: 'required: expected object' },
      ]),
    });
  });

  it('reports a YAML syntax error at its line', () => {
    const parsed = parseBufferRulesText('version: 1\nchainDefault: {policy: [\n');

    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.issues[0]!.path).toMatch(/^\(line \d+, column \d+\)$/);
  });
});
