/** Waits for SIGINT or SIGTERM, then runs `close` once: in-flight work drains, claims are freed. */
export function onShutdown(close: () => Promise<void>): Promise<void> {
  return new Promise((resolve) => {
    let closing = false;
    const stop = (signal: string) => {
      if (closing) return;
      closing = true;
      process.stdout.write(`\n${signal}: draining and shutting down\n`);
      close().then(resolve, (error: unknown) => {
        process.stderr.write(`shutdown failed: ${String(error)}\n`);
        process.exitCode = 1;
        resolve();
      });
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
}
