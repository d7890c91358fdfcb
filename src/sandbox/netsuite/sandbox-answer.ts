/** What a sandbox route answers; written out by the server in one place. */
export interface SandboxAnswer {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** Sent as JSON; none for a 204. */
  readonly body?: unknown;
}

export function json(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): SandboxAnswer {
  return { status, body, headers };
}
