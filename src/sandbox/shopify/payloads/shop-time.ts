/**
 * Shopify's two time formats. REST and webhook payloads use the shop's own offset with second
 * resolution ("2026-03-02T14:05:09-05:00"); GraphQL `DateTime` is UTC ("2026-03-02T19:05:09Z").
 */
export function formatShopTime(at: Date, offsetMinutes: number): string {
  const shifted = new Date(Math.floor(at.getTime() / 1000) * 1000 + offsetMinutes * 60_000);
  const local = shifted.toISOString().slice(0, 19);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const hours = String(Math.floor(abs / 60)).padStart(2, '0');
  const minutes = String(abs % 60).padStart(2, '0');
  return `${local}${sign}${hours}:${minutes}`;
}

export function formatShopTimeOrNull(at: Date | null, offsetMinutes: number): string | null {
  return at === null ? null : formatShopTime(at, offsetMinutes);
}

export function formatDateTime(at: Date): string {
  return `${at.toISOString().slice(0, 19)}Z`;
}

export function formatDateTimeOrNull(at: Date | null): string | null {
  return at === null ? null : formatDateTime(at);
}
