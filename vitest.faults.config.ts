import { defineConfig } from 'vitest/config';

/**
 * `npm run test:faults`: the fault campaign (crashes, outside failures, a flood, hostile input,
 * security). Its files end in `.fault.ts`, so `npm test` never runs them. One file at a time:
 * the scenarios measure latency and memory, and two at once on 2 cores would measure each other.
 */
export default defineConfig({
  test: {
    include: ['test/faults/**/*.fault.ts'],
    globalSetup: ['test/support/global-setup.ts', 'test/faults/support/campaign-summary.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    maxWorkers: 1,
  },
});
