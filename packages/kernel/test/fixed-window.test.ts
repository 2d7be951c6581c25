import { describe, expect, it } from 'vitest';
import { retryAfterSeconds, windowAt } from '../src/fixed-window.ts';

describe('windowAt', () => {
  it('numbers the window a moment falls in and says when it ends', () => {
    expect(windowAt(0, 1_000)).toEqual({ index: 0, endsAt: 1_000 });
    expect(windowAt(2_999, 1_000)).toEqual({ index: 2, endsAt: 3_000 });
    expect(windowAt(3_000, 1_000)).toEqual({ index: 3, endsAt: 4_000 });
  });
});

describe('retryAfterSeconds', () => {
  it('rounds up to whole seconds and is never zero', () => {
    expect([1, 999, 1_000, 1_001, 0].map(retryAfterSeconds)).toEqual([1, 1, 1, 2, 1]);
  });
});
