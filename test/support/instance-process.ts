import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';

export interface InstanceProcess {
  url: string;
  child: ChildProcess;
  exited: Promise<number | null>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export function writeConfigFile(path: string, config: Record<string, unknown>): string {
  writeFileSync(path, stringify(config));
  return path;
}

/** `trueshelf serve` as its own OS process, on a config file; resolves once it serves. */
export async function spawnInstance(
  configFile: string,
  env: Record<string, string> = {},
  args: string[] = [],
): Promise<InstanceProcess> {
  const bin = fileURLToPath(new URL('../../bin/trueshelf.js', import.meta.url));
  const child = spawn(
    process.execPath,
    [bin, '--config', configFile, 'serve', '--port', '0', ...args],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, TRUESHELF_LOG_LEVEL: 'warn', ...env },
    },
  );
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });

  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    // A child that never says it serves is killed here, or it would outlive the test run.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`instance did not start within 30 s: ${stderr}`));
    }, 30_000);
    lines.on('line', (line) => {
      const match = /serving on (http:\/\/\S+)/.exec(line);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    void exited.then((code) => reject(new Error(`instance exited with ${code}: ${stderr}`)));
  });

  return {
    url,
    child,
    exited,
    kill: async (signal = 'SIGTERM') => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      await exited;
    },
  };
}
