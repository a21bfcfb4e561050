/**
 * Retry-After (RFC 9110 §10.2.3) is either delay-seconds or an HTTP-date. Returns milliseconds from
 * `now`, never negative; undefined when absent or unreadable (the caller then falls back to its own
 * backoff instead of trusting garbage).
 */
export function parseRetryAfter(value: string | undefined | null, now: number): number | undefined {
  if (value === undefined || value === null) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  // Integers per the RFC; fractions are tolerated because some proxies send them.
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  // Only accept something that looks like an HTTP-date (IMF-fixdate, RFC 850 or asctime), not any
  // string Date.parse happens to understand.
  if (!/^[A-Za-z]{3}/.test(text)) return undefined;
  // HTTP-dates are always GMT; asctime carries no zone, and Date.parse would read it as local time.
  const at = Date.parse(/\b(GMT|UTC)\b|[+-]\d{4}$/.test(text) ? text : `${text} GMT`);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}
