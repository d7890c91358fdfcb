import { z } from 'zod';
import type { Setting } from '../../config/settings.js';

/**
 * `config.buffers`: where the buffer rules live and how velocity is counted. Without a rules
 * file (and with no rules put through the API) each location's `bufferUnits` stays its fixed
 * buffer, as before velocity existed.
 */
export const bufferSettingsSchema = z
  .strictObject({
    rulesFile: z.string().min(1).optional(),
    recomputeIntervalSeconds: z.number().int().min(1).default(3600),
    windowDays: z.number().int().min(1).max(366).default(28),
    minCountedDays: z.number().min(0).default(7),
    floorUnitsPerDay: z.number().min(0).default(0),
  })
  .superRefine((settings, ctx) => {
    if (settings.minCountedDays > settings.windowDays) {
      ctx.addIssue({
        code: 'custom',
        path: ['minCountedDays'],
        message: `minCountedDays (${settings.minCountedDays}) is more than windowDays (${settings.windowDays})`,
      });
    }
  })
  .default({
    recomputeIntervalSeconds: 3600,
    windowDays: 28,
    minCountedDays: 7,
    floorUnitsPerDay: 0,
  });

export type BufferSettings = z.output<typeof bufferSettingsSchema>;

function buffers(
  name: string,
  kind: Setting['kind'],
  description: string,
  extra: Pick<Setting, 'default'> = {},
): Setting {
  return {
    path: `buffers.${name}`,
    env: `TRUESHELF_BUFFERS_${name.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`,
    kind,
    ...extra,
    description,
  };
}

export const bufferSettingEntries: readonly Setting[] = [
  buffers(
    'rulesFile',
    'string',
    'YAML or JSON buffer rules (velocity bands, risk mode, overrides); unset: `bufferUnits` per location',
  ),
  buffers(
    'recomputeIntervalSeconds',
    'integer',
    'how often buffers are recomputed from velocity (with hysteresis)',
    { default: 3600 },
  ),
  buffers('windowDays', 'integer', 'trailing whole local days velocity is counted over', {
    default: 28,
  }),
  buffers(
    'minCountedDays',
    'number',
    'in-stock days an item needs before its own velocity counts; else a default stands in',
    { default: 7 },
  ),
  buffers(
    'floorUnitsPerDay',
    'number',
    'the velocity of last resort, with no category or chain average',
    { default: 0 },
  ),
];
