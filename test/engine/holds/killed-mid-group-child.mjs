// Runs as its own process: loads the TypeScript body through tsx, like a second instance.
import process from 'node:process';
import { tsImport } from 'tsx/esm/api';

const body = await tsImport('./killed-mid-group-body.ts', import.meta.url);
await body.streamHolds(JSON.parse(process.argv[2]));
