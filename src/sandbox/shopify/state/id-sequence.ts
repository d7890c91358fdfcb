/**
 * Hands out Shopify-style numeric ids as decimal strings.
 *
 * The first id is 2^53 + 1, so every id the sandbox issues is beyond what a double holds exactly:
 * a consumer that parses ids as JSON numbers, or compares them as numbers, breaks at once instead
 * of in production years later.
 */
export const FIRST_SANDBOX_ID = 9_007_199_254_740_993n;

export class IdSequence {
  private nextId: bigint;

  constructor(start: bigint = FIRST_SANDBOX_ID) {
    this.nextId = start;
  }

  next(): string {
    const id = this.nextId;
    this.nextId += 1n;
    return id.toString();
  }
}
