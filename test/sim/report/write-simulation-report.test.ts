import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { runSimulation, writeSimulationReport } from '../../../src/sim/index.js';

const sales = [
  { store: 'S1', sku: 'A', category: 'X', day: '2024-03-04', units: 6 },
  { store: 'S2', sku: 'A', category: 'X', day: '2024-03-04', units: 3 },
  { store: 'S1', sku: 'B', category: 'X', day: '2024-03-05', units: 4 },
];
const dirs: string[] = [];

afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('writeSimulationReport', () => {
  it('writes the result as JSON with every figure, and a page with its charts inline', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'trueshelf-sim-'));
    dirs.push(dir);
    const result = await runSimulation({ sales, seed: 4 });
    const written = await writeSimulationReport(result, join(dir, 'nested', 'out'));

    const json = JSON.parse(await readFile(written.json, 'utf8')) as unknown;
    expect(json).toEqual(JSON.parse(JSON.stringify(result)));

    const html = await readFile(written.html, 'utf8');
    expect(html.match(/<svg /g)).toHaveLength(7);
    for (const title of [
      'Broken pickup promises by store',
      'Drift: Σ|record − shelf| / Σ record',
    ]) {
      expect(html).toContain(title);
    }
    for (const outcome of result.policies) expect(html).toContain(outcome.policy);
    // Self-contained: no scripts, stylesheets or images from elsewhere.
    expect(html).not.toMatch(/<script|<link|<img|src=|href=/);
    expect(html.replaceAll('http://www.w3.org/2000/svg', '')).not.toContain('http');
  });
});
