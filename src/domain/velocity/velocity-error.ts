/** Stable codes for faults in velocity inputs: a caller handed over something the rules forbid. */
export type VelocityErrorCode =
  'invalid_window_days' | 'invalid_min_counted_days' | 'invalid_local_day';

/** A fault, not an outcome: the caller broke a precondition that config validation should catch. */
export class VelocityError extends Error {
  readonly code: VelocityErrorCode;

  constructor(code: VelocityErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'VelocityError';
    this.code = code;
  }
}
