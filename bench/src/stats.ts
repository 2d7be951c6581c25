/** Latency statistics: pure functions over arrays of milliseconds. */

export interface LatencySummary {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentile of an ascending array; 0 for an empty one. */
export function percentile(sortedAsc: readonly number[], p: number): number {
  if (sortedAsc.length === 0) return 0;
  if (p <= 0) return sortedAsc[0];
  if (p >= 100) return sortedAsc[sortedAsc.length - 1];
  const rank = Math.ceil((p / 100) * sortedAsc.length);
  return sortedAsc[Math.min(sortedAsc.length, Math.max(1, rank)) - 1];
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** p50, p95, p99 and max, rounded to 0.1 ms. */
export function summarize(values: readonly number[]): LatencySummary {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    p50: round1(percentile(sorted, 50)),
    p95: round1(percentile(sorted, 95)),
    p99: round1(percentile(sorted, 99)),
    max: round1(sorted.length ? sorted[sorted.length - 1] : 0),
  };
}

/** Events per second over a duration, rounded to 0.1. */
export function ratePerSecond(count: number, durationMs: number): number {
  if (durationMs <= 0) return 0;
  return round1((count * 1000) / durationMs);
}

/** a / b rounded to 3 decimals; null when b is 0 or unknown. */
export function ratio(a: number, b: number | null | undefined): number | null {
  if (!b) return null;
  return Math.round((a / b) * 1000) / 1000;
}

/** Occurrences of each key, in first-seen order. */
export function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) {
    const k = key(item);
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

/** Transactions per order over the run, in all and per service database. Pure. */
export function perOrder(before: Record<string, number>, after: Record<string, number>, orders: number) {
  const round = (n: number) => Math.round((n / orders) * 100) / 100;
  const during = Object.entries(after).map(([service, n]) => [service, n - (before[service] ?? 0)] as const);
  return {
    total: round(during.reduce((sum, [, n]) => sum + n, 0)),
    byService: Object.fromEntries(during.map(([service, n]) => [service, round(n)])),
  };
}
