/**
 * Expiry is a closed boundary: a hold whose `expiresAt` equals now has expired. Instants are
 * UTC ISO-8601 from `toISOString()`, so comparing them as text is comparing them in time, which
 * is what the SQL `expires_at <= :now` does too.
 */
export function hasExpired(expiresAt: string, now: Date): boolean {
  return expiresAt <= now.toISOString();
}

export function instantAfter(now: Date, seconds: number): string {
  return new Date(now.getTime() + seconds * 1000).toISOString();
}
