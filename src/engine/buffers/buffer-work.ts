import { WorkLoop } from '../../app/work-loop.js';
import type { TrueshelfConfig } from '../../config/config-schema.js';
import type { Clock } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';
import type { Storage } from '../../storage/storage.js';
import type { ChannelModes } from '../decision/refresh-decision.js';
import { BufferRecomputeWorker } from './buffer-recompute-worker.js';
import { readBufferRulesFile, saveBufferRules } from './buffer-rules-store.js';

export interface BufferWork {
  loop: WorkLoop;
  worker: BufferRecomputeWorker;
  /** Stores the rules file's rules as the ones in force; a bad file stops the start. */
  prepare(): Promise<void>;
  /** Recompute soon (the rules changed). */
  wake(): void;
}

// The loop looks at least once a minute, so a local midnight is noticed within one.
const MAX_IDLE_MS = 60_000;

/** The buffer recompute as a work loop, for `startTrueshelf`. */
export function createBufferWork(
  config: Readonly<TrueshelfConfig>,
  deps: {
    storage: Storage;
    clock: Clock;
    logger: Logger;
    modes: ChannelModes;
    onDecisions: () => void;
  },
): BufferWork {
  const settings = config.buffers;
  const logger = deps.logger.child({ scope: 'buffers' });
  const worker = new BufferRecomputeWorker({ ...deps, logger, settings });
  const loop = new WorkLoop(
    'buffers',
    async () => {
      await worker.runOnce();
      return 0; // one pass per wake-up; the next is due on its own triggers
    },
    Math.min(MAX_IDLE_MS, settings.recomputeIntervalSeconds * 1000),
    logger,
  );

  return {
    loop,
    worker,
    prepare: async () => {
      if (settings.rulesFile === undefined) return;
      const { document } = readBufferRulesFile(settings.rulesFile);
      await saveBufferRules(deps.storage.db, document, { source: 'file', now: deps.clock() });
    },
    wake: () => {
      worker.invalidate();
      loop.wake();
    },
  };
}
