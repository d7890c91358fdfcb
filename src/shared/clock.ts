/** Every component that needs "now" takes one of these, so tests can fix time. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/** A clock a test (or the demo's accelerated driver) moves by hand. */
export class ManualClock {
  private current: number;

  constructor(start: Date | string) {
    this.current = new Date(start).getTime();
  }

  readonly now: Clock = () => new Date(this.current);

  advance(ms: number): void {
    this.current += ms;
  }

  set(to: Date | string): void {
    this.current = new Date(to).getTime();
  }
}
