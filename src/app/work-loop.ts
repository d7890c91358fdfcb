import { toError } from '../shared/error-catalogue.js';
import type { Logger } from '../shared/logger.js';

/**
 * Runs `work` again at once while it finds something to do, otherwise after `idleMs` or when
 * woken. `stop()` waits for the round under way, so shutdown never cuts a transaction short.
 */
export class WorkLoop {
  private running = false;
  private wakeUp: (() => void) | null = null;
  private current: Promise<void> | null = null;
  private pendingWake = false;

  constructor(
    private readonly name: string,
    private readonly work: () => Promise<number>,
    private readonly idleMs: number,
    private readonly logger: Logger,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.current = this.loop();
  }

  wake(): void {
    this.pendingWake = true;
    this.wakeUp?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wakeUp?.();
    await this.current;
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (this.running) {
      let found = 0;
      this.pendingWake = false;
      try {
        found = await this.work();
        failures = 0;
      } catch (thrown) {
        failures += 1;
        this.logger.error(
          { loop: this.name, err: toError(thrown, this.name) },
          'work loop round failed',
        );
      }
      if (!this.running) break;
      if (found > 0 && failures === 0) continue;
      if (this.pendingWake && failures === 0) continue;
      await this.sleep(failures > 0 ? Math.min(5000, this.idleMs * 2 ** failures) : this.idleMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = () => {
        this.wakeUp = null;
        done();
      };
    });
  }
}
