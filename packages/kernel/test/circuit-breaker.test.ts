import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from '../src/http/circuit-breaker.ts';

describe('circuit breaker', () => {
  it('opens after the given number of consecutive failures, and refuses calls while open', () => {
    let now = 0;
    const b = new CircuitBreaker(3, 1000, () => now);
    for (let i = 0; i < 2; i++) {
      expect(b.allow()).toBe(true);
      b.failed();
    }
    expect(b.current).toBe('closed');
    b.allow();
    b.failed();
    expect(b.current).toBe('open');
    expect(b.allow()).toBe(false);
    now = 400;
    expect(b.retryAfterSeconds()).toBe(1);
  });

  it('counts only consecutive failures: a success resets the count', () => {
    const b = new CircuitBreaker(2, 1000, () => 0);
    b.failed();
    b.succeeded();
    b.failed();
    expect(b.current).toBe('closed');
  });

  it('lets exactly one trial call through after the cool-down, which closes or reopens it', () => {
    let now = 0;
    const b = new CircuitBreaker(1, 1000, () => now);
    b.failed();
    now = 1000;
    expect(b.allow()).toBe(true);
    expect(b.current).toBe('half-open');
    expect(b.allow()).toBe(false);
    b.failed();
    expect(b.current).toBe('open');
    now = 2000;
    expect(b.allow()).toBe(true);
    b.succeeded();
    expect(b.current).toBe('closed');
    expect(b.allow()).toBe(true);
  });
});
