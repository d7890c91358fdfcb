// The worker thread of `ServiceHoldBook`: loads the TypeScript host through tsx (a worker does
// not inherit the parent's loader) and serves the simulator's hold calls.
import { workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

const { serveHoldBook } = await tsImport('./serve-hold-book.ts', import.meta.url);
await serveHoldBook(workerData);
