import type { ReviewStatus } from '@mercato/contracts';
import { describe, expect, it } from 'vitest';
import { displayName } from '../src/domain/display-name.ts';
import {
  combine,
  contribution,
  EMPTY_TALLY,
  isEmptyTally,
  summarize,
  takesAway,
  tallyDelta,
  type RatingTally,
} from '../src/domain/rating-tally.ts';

const visible = (rating: number) => ({ rating, status: 'visible' as ReviewStatus });
const hidden = (rating: number) => ({ rating, status: 'hidden' as ReviewStatus });
const tallyOf = (ratings: number[]): RatingTally => ratings.reduce((t, r) => combine(t, contribution(visible(r))), EMPTY_TALLY);

describe('a rating summary', () => {
  it('averages to one decimal, rounding half up, with a histogram of every rating', () => {
    expect(summarize(tallyOf([5, 4]))).toEqual({ average: 4.5, count: 2, histogram: { 1: 0, 2: 0, 3: 0, 4: 1, 5: 1 } });
    expect(summarize(tallyOf([5, 4, 4, 4])).average).toBe(4.3); // 4.25
    expect(summarize(tallyOf([1, 2, 2])).average).toBe(1.7); // 1.666…
    expect(summarize(tallyOf([3, 3, 4])).average).toBe(3.3); // 3.333…
    expect(summarize(tallyOf([5, 5, 5])).average).toBe(5);
    expect(summarize(tallyOf([1, 1, 1, 1, 1, 1, 2])).average).toBe(1.1); // 1.142…
  });

  it('has no average without reviews', () => {
    expect(summarize(EMPTY_TALLY)).toEqual({ average: null, count: 0, histogram: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 } });
  });

  it('does not share the histogram it summarises', () => {
    const t = tallyOf([2]);
    summarize(t).histogram[2] = 99;
    expect(t.histogram[2]).toBe(1);
    expect(EMPTY_TALLY.histogram).toEqual({ 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 });
  });
});

describe('the change a review makes to its product tally', () => {
  it('counts a written review, and takes a deleted one back out', () => {
    expect(tallyDelta(null, visible(4))).toEqual({ count: 1, sum: 4, histogram: { 1: 0, 2: 0, 3: 0, 4: 1, 5: 0 } });
    expect(tallyDelta(visible(4), null)).toEqual({ count: -1, sum: -4, histogram: { 1: 0, 2: 0, 3: 0, 4: -1, 5: 0 } });
  });

  it('moves an edited rating from one bar of the histogram to another, the count unchanged', () => {
    expect(tallyDelta(visible(2), visible(5))).toEqual({ count: 0, sum: 3, histogram: { 1: 0, 2: -1, 3: 0, 4: 0, 5: 1 } });
    expect(isEmptyTally(tallyDelta(visible(3), visible(3)))).toBe(true);
  });

  it('leaves a hidden review out: hiding takes it out, showing puts it back, editing it moves nothing', () => {
    expect(tallyDelta(visible(1), hidden(1))).toEqual(tallyDelta(visible(1), null));
    expect(tallyDelta(hidden(1), visible(1))).toEqual(tallyDelta(null, visible(1)));
    expect(isEmptyTally(tallyDelta(hidden(1), hidden(5)))).toBe(true);
    expect(isEmptyTally(tallyDelta(hidden(2), null))).toBe(true);
    expect(isEmptyTally(tallyDelta(null, null))).toBe(true);
  });

  it('tells a change that only adds (a product may have no tally yet) from one that takes a rating away', () => {
    expect(takesAway(tallyDelta(null, visible(3)))).toBe(false);
    expect(takesAway(tallyDelta(hidden(3), visible(3)))).toBe(false);
    expect(takesAway(tallyDelta(visible(3), visible(4)))).toBe(true);
    expect(takesAway(tallyDelta(visible(3), hidden(3)))).toBe(true);
    expect(takesAway(tallyDelta(visible(3), null))).toBe(true);
  });

  it('keeps the tally equal to that of the visible reviews after any sequence of changes', () => {
    type R = { rating: number; status: ReviewStatus } | null;
    const reviews: R[] = [null, null, null, null];
    let tally = EMPTY_TALLY;
    let seed = 7;
    const next = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let step = 0; step < 500; step++) {
      const i = next(reviews.length);
      const choice = next(4);
      const after: R = choice === 0 ? null : { rating: 1 + next(5), status: choice === 3 ? 'hidden' : 'visible' };
      tally = combine(tally, tallyDelta(reviews[i], after));
      reviews[i] = after;
      const visibleRatings = reviews.filter((r) => r?.status === 'visible').map((r) => r!.rating);
      expect(tally).toEqual(tallyOf(visibleRatings));
    }
  });
});

describe('the name a review is signed with', () => {
  it('is the first name and the initial of the last', () => {
    expect(displayName('Ada Lovelace')).toBe('Ada L.');
    expect(displayName('  Ada   King  lovelace ')).toBe('Ada L.');
    expect(displayName('émile zola')).toBe('émile Z.');
    expect(displayName('Łucja Ørsted')).toBe('Łucja Ø.');
  });

  it('is a single name as it is, and null for none', () => {
    expect(displayName('Cher')).toBe('Cher');
    expect(displayName('   ')).toBeNull();
    expect(displayName(null)).toBeNull();
  });
});
