/**
 * A caller's mistake in driving the sandbox (an unknown sku, a refund of more than was sold).
 * The control endpoints answer it with `status`; an expected business outcome such as a refused
 * checkout is a typed result instead, never one of these.
 */
export type SandboxErrorCode = 'not_found' | 'invalid_input' | 'invalid_state' | 'not_loopback';

const STATUS: Record<SandboxErrorCode, number> = {
  not_found: 404,
  invalid_input: 422,
  invalid_state: 409,
  not_loopback: 422,
};

export class SandboxError extends Error {
  readonly status: number;

  constructor(
    readonly code: SandboxErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SandboxError';
    this.status = STATUS[code];
  }
}
