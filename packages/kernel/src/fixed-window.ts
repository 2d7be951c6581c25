/** The fixed window `now` falls in: its number (part of a counter's key) and when it ends. */
export function windowAt(now: number, windowMs: number): { index: number; endsAt: number } {
  const index = Math.floor(now / windowMs);
  return { index, endsAt: (index + 1) * windowMs };
}

/** Retry-After is whole seconds, never zero: a client told 0 would come straight back. */
export const retryAfterSeconds = (ms: number): number => Math.max(1, Math.ceil(ms / 1000));
