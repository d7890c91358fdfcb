import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { toError, TrueshelfError } from '../../shared/error-catalogue.js';
import type { SimulationResult } from '../simulation-result.js';
import { renderReport } from './render-report.js';

export interface WrittenReport {
  html: string;
  json: string;
}

/** Writes `report.html` and `result.json` (every figure) into `outDir`, creating it. */
export async function writeSimulationReport(
  result: SimulationResult,
  outDir: string,
): Promise<WrittenReport> {
  const html = join(outDir, 'report.html');
  const json = join(outDir, 'result.json');
  try {
    await mkdir(outDir, { recursive: true });
    await writeFile(json, `${JSON.stringify(result, null, 2)}\n`, 'utf8');
    await writeFile(html, renderReport(result), 'utf8');
  } catch (thrown) {
    const error = toError(thrown, 'writing the simulation report');
    throw new TrueshelfError(
      'internal',
      `could not write the simulation report to ${outDir}: ${error.message}`,
      { outDir },
      { cause: error },
    );
  }
  return { html, json };
}
