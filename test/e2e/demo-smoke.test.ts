import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { M5_TEST_FILE, withSharedData } from '../support/shared-data.js';

const bin = fileURLToPath(new URL('../../bin/trueshelf.js', import.meta.url));
const m5 = M5_TEST_FILE;

interface DemoRun {
  lines: string[];
  waitFor(pattern: RegExp, timeoutMs: number): Promise<string>;
  stop(): Promise<void>;
}

function runDemo(args: string[]): DemoRun {
  const dir = mkdtempSync(join(tmpdir(), 'trueshelf-demo-'));
  const child = spawn(process.execPath, [bin, 'demo', ...args], {
    cwd: dir,
    env: { ...process.env, PORT: '0', TRUESHELF_DATABASE_URL: `sqlite:${join(dir, 'demo.db')}` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    lines.push(line);
    for (const waiter of waiters.filter((w) => w.pattern.test(line))) waiter.resolve(line);
  });
  return {
    lines,
    waitFor: (pattern, timeoutMs) =>
      new Promise((resolve, reject) => {
        const found = lines.find((l) => pattern.test(l));
        if (found) return resolve(found);
        const timer = setTimeout(
          () =>
            reject(
              new Error(
                `no line matching ${pattern} within ${timeoutMs} ms; saw:\n${lines.join('\n')}`,
              ),
            ),
          timeoutMs,
        );
        waiters.push({ pattern, resolve: (line) => (clearTimeout(timer), resolve(line)) });
      }),
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

describe('the demo', () => {
  it('starts on a fresh database and serves within 15 seconds', { timeout: 60_000 }, async () => {
    const demo = runDemo(['--idle', '--stores', '2', '--items', '10']);
    try {
      const started = Date.now();
      await demo.waitFor(/^ready$/, 15_000);
      expect(Date.now() - started).toBeLessThan(15_000);

      const api = await demo.waitFor(/API\s+http/, 1000);
      const url = /(http:\/\/[^/\s]+)/.exec(api)?.[1] ?? '';
      const token = /Bearer (\S+)\)/.exec(api)?.[1] ?? '';
      expect((await fetch(`${url}/healthz`)).status).toBe(200);

      const availability = (await (
        await fetch(`${url}/v1/availability?location=store-1`, {
          headers: { authorization: `Bearer ${token}` },
        })
      ).json()) as { levels: { sellable: number | null; buffer: number | null }[] };
      // 10 items at store-1, each with the demo's buffer of 2 units.
      expect(availability.levels).toHaveLength(10);
      expect(availability.levels.every((l) => l.buffer === 2)).toBe(true);
    } finally {
      await demo.stop();
    }
  });

  it.runIf(withSharedData)(
    'plays a slice of the real M5 sales file through the sandbox',
    { timeout: 120_000 },
    async () => {
      const demo = runDemo([
        '--sales',
        m5,
        '--stores',
        '1',
        '--items',
        '8',
        '--days',
        '2',
        '--day-seconds',
        '3',
      ]);
      try {
        // Not the start-up figure (the case above is): under a loaded CI machine allow more.
        await demo.waitFor(/^ready$/, 45_000);
        const day = await demo.waitFor(/^2016-05-2[34]: \d+ POS sales/, 40_000);
        expect(day).toMatch(/deliveries/);
        expect(demo.lines.join('\n')).toContain('from ');
      } finally {
        await demo.stop();
      }
    },
  );
});
