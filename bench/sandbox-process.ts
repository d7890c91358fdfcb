import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/**
 * The sandbox Shopify in its own process, as the real Shopify is elsewhere: benchmarks then
 * measure trueshelf's process, not the fake's GraphQL execution sharing its event loop.
 */
export class SandboxProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {}

  static async start(options: {
    token: string;
    secret: string;
    bucket: number;
    restore: number;
  }): Promise<SandboxProcess> {
    const bin = fileURLToPath(new URL('../bin/trueshelf.js', import.meta.url));
    const child = spawn(
      process.execPath,
      [
        bin,
        'sandbox',
        'shopify',
        '--token',
        options.token,
        '--secret',
        options.secret,
        '--bucket',
        String(options.bucket),
        '--restore',
        String(options.restore),
      ],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const lines = createInterface({ input: child.stdout! });
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error('the sandbox process did not start within 20 s')),
        20_000,
      );
      lines.once('line', (line) => {
        clearTimeout(timer);
        resolve((JSON.parse(line) as { url: string }).url);
      });
      child.once('exit', (code) => reject(new Error(`the sandbox process exited with ${code}`)));
    });
    return new SandboxProcess(child, url);
  }

  async call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok)
      throw new Error(`sandbox ${method} ${path}: HTTP ${response.status} ${text.slice(0, 200)}`);
    return (text ? JSON.parse(text) : null) as T;
  }

  async stop(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await exited;
  }
}
