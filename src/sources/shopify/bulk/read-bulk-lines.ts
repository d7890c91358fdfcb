import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { TrueshelfError, toError } from '../../../shared/error-catalogue.js';
import { parseJsonWithBigIds } from '../../../shared/parse-json-with-big-ids.js';

/**
 * The objects of a bulk export's JSONL file, one per line. The file is first copied to a temp
 * file and then read line by line: applying a large shop's levels takes minutes, far longer
 * than a download connection is kept open while its reader waits, and the whole file (hundreds
 * of megabytes) is never held in memory. Long ids stay strings.
 */
export async function* readBulkLines(
  url: string,
  fetchFile: typeof fetch = fetch,
): AsyncGenerator<Record<string, unknown>> {
  const dir = await mkdtemp(join(tmpdir(), 'trueshelf-bulk-'));
  const file = join(dir, 'export.jsonl');
  try {
    await download(url, file, fetchFile);

    const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
    for await (const raw of lines) {
      const line = raw.trim();
      if (line) yield parseJsonWithBigIds(line) as Record<string, unknown>;
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function download(url: string, file: string, fetchFile: typeof fetch): Promise<void> {
  let response: Response;
  try {
    response = await fetchFile(url);
  } catch (thrown) {
    throw new TrueshelfError(
      'shopify_api_error',
      'the bulk export file could not be fetched',
      {},
      {
        cause: toError(thrown, 'bulk file'),
      },
    );
  }
  if (!response.ok || !response.body) {
    throw new TrueshelfError(
      'shopify_api_error',
      `the bulk export file answered ${response.status}`,
      {
        status: response.status,
      },
    );
  }

  try {
    await pipeline(
      Readable.fromWeb(response.body as WebReadableStream<Uint8Array>),
      createWriteStream(file),
    );
  } catch (thrown) {
    throw new TrueshelfError(
      'shopify_api_error',
      'the bulk export download broke off',
      {},
      {
        cause: toError(thrown, 'bulk file'),
      },
    );
  }
}
