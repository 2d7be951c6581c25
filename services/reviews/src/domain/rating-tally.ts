import type { RatingSummary, ReviewStatus } from '@mercato/contracts';

export const STARS = [1, 2, 3, 4, 5] as const;
export type Stars = (typeof STARS)[number];

/** A product's visible reviews summed up: how many, the sum of their ratings, and how many of each rating. */
export interface RatingTally {
  count: number;
  sum: number;
  histogram: Record<Stars, number>;
}

export const EMPTY_TALLY: RatingTally = { count: 0, sum: 0, histogram: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 } };

/** A review as its tally sees it; null when there is none. */
export type Counted = { rating: number; status: ReviewStatus } | null;

/** What a review counts for in its product's tally: its rating while visible, nothing while hidden. */
export function contribution(review: Counted): RatingTally {
  if (!review || review.status !== 'visible') return EMPTY_TALLY;
  const stars = review.rating as Stars;
  return { count: 1, sum: stars, histogram: { ...EMPTY_TALLY.histogram, [stars]: 1 } };
}

/** a + sign × b, term by term. */
export function combine(a: RatingTally, b: RatingTally, sign: 1 | -1 = 1): RatingTally {
  const histogram = { ...EMPTY_TALLY.histogram };
  for (const s of STARS) histogram[s] = a.histogram[s] + sign * b.histogram[s];
  return { count: a.count + sign * b.count, sum: a.sum + sign * b.sum, histogram };
}

/**
 * How a product's tally changes when one of its reviews goes from `before` to `after` (null: it does
 * not exist): written, edited, deleted, hidden or shown.
 */
export const tallyDelta = (before: Counted, after: Counted): RatingTally => combine(contribution(after), contribution(before), -1);

/** Whether a change takes a rating away from some bar of the histogram (and so from a tally that counted it). */
export const takesAway = (t: RatingTally) => STARS.some((s) => t.histogram[s] < 0);

export const isEmptyTally = (t: RatingTally) => t.count === 0 && t.sum === 0 && STARS.every((s) => t.histogram[s] === 0);

/** The summary shoppers read: the average rounded half up to one decimal, computed in integers; null without reviews. */
export function summarize(t: RatingTally): RatingSummary {
  return { average: t.count ? Math.round((t.sum * 10) / t.count) / 10 : null, count: t.count, histogram: { ...t.histogram } };
}
