/** Stable codes for faults in buffer inputs that config validation should have caught. */
export type BufferErrorCode = 'invalid_velocity' | 'invalid_policy' | 'loss_distribution_too_wide';

/** A fault, not an outcome: a precondition was broken. */
export class BufferError extends Error {
  readonly code: BufferErrorCode;

  constructor(code: BufferErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BufferError';
    this.code = code;
  }
}
