import { describe, expect, it } from 'vitest';

import { parseSimulateArgs, parseSimulateFlags } from '../../src/sim/index.js';

describe('parseSimulateArgs', () => {
  it('turns the command line into options and the output folder', () => {
    const parsed = parseSimulateArgs([
      '--sales',
      'sales.csv',
      '--stores=CA_1, TX_2',
      '--days',
      '14',
      '--policies',
      'webhooks,webhooks_buffers_holds',
      '--seed',
      '-3',
      '--shrink-rate',
      '0.02',
      '--opening-hours',
      '7-21',
      '--cover-days',
      '12.5',
      '--holds',
      'product',
      '--out',
      'out/sim',
    ]);

    expect(parsed).toEqual({
      ok: true,
      outDir: 'out/sim',
      options: {
        sales: 'sales.csv',
        stores: ['CA_1', 'TX_2'],
        days: 14,
        policies: ['webhooks', 'webhooks_buffers_holds'],
        seed: -3,
        shrinkRate: 0.02,
        openingHours: { opensAtHour: 7, closesAtHour: 21 },
        replenishment: { orderUpToDaysOfCover: 12.5 },
        holds: 'product',
      },
    });
  });

  it('lists every problem, each with the flag, what it saw and what it expected', () => {
    const parsed = parseSimulateArgs([
      '--days',
      'two',
      '--policies',
      'webhooks,batch',
      '--shrink-rate',
      '1.6',
      '--colour',
      'red',
      '--holds',
      'sql',
      'stray',
    ]);

    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toEqual([
      'unexpected argument "stray"; options are written --name value',
      expect.stringMatching(/^unknown option --colour; known: --sales --out /),
      '--sales FILE is required',
      '--out DIR is required',
      '--days: expected a whole number ≥ 1, saw "two"',
      expect.stringMatching(
        /^--policies: expected names from erp_30min, webhooks, .*, saw "batch"$/,
      ),
      '--shrink-rate: expected a share within 0..1, e.g. 0.016 for 1.6 %, saw "1.6"',
      '--holds: expected one of rules, product, saw "sql"',
    ]);
  });

  it('says when a flag is missing its value', () => {
    const parsed = parseSimulateArgs([
      '--sales',
      'f.csv',
      '--out',
      'o',
      '--days',
      '--seed',
      '2',
      '--items',
    ]);

    expect(parsed).toEqual({
      ok: false,
      errors: ['--days needs a value', '--items needs a value'],
    });
  });

  it('passes settings that only make sense together to the settings check', () => {
    const parsed = parseSimulateArgs([
      '--sales',
      'f.csv',
      '--out',
      'o',
      '--pick-after-hours',
      '5',
      '--pickup-delay-hours',
      '2',
    ]);

    expect(parsed).toEqual({
      ok: false,
      errors: ['simulation setting pickAfterHours is 5; expected at most pickupDelayHours (2)'],
    });
  });
});

describe('parseSimulateFlags', () => {
  it('takes camelCase names as a command-line library hands them over', () => {
    const parsed = parseSimulateFlags({
      sales: 'f.csv',
      out: 'o',
      onlineShare: '0.2',
      buffer: 'tiered',
      arrivals: 'even',
      verbose: undefined,
    });

    expect(parsed).toEqual({
      ok: true,
      outDir: 'o',
      options: { sales: 'f.csv', onlineShare: 0.2, buffer: { kind: 'tiered' }, arrivals: 'even' },
    });
  });

  it('builds risk buffers from a target chance of a broken promise', () => {
    const parsed = parseSimulateFlags({ sales: 'f.csv', out: 'o', riskTarget: '0.02' });

    expect(parsed.ok && parsed.options.buffer).toEqual({
      kind: 'risk',
      targetShortfallProbability: 0.02,
    });
  });
});
