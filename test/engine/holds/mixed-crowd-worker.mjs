// Runs in a worker thread: loads the TypeScript body through tsx, like a second instance.
import { parentPort, workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

const body = await tsImport('./mixed-crowd-body.ts', import.meta.url);
parentPort.postMessage(await body.runCrowd(workerData));
