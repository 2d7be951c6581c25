import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkoutSaga } from '../src/domain/checkout-saga.ts';

const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

/** The saga's lines: the fenced block after "## How it works", up to its first blank line (fulfilment and returns follow). */
function sagaLines(): string[] {
  const section = readme.split('\n## How it works\n')[1] ?? '';
  const block = /```[^\n]*\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  const [saga = ''] = block.split(/\n\s*\n/);
  return saga.split('\n').map((line) => line.replace(/\s+/g, ' ').trim());
}

/** What the README must say of one step of the table, on one line of its own. */
interface Claim {
  says: string;
  holds(line: string): boolean;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The README calls a reply by its last word: inventory.reserved is "reserved". */
const short = (event: string) => event.slice(event.indexOf('.') + 1);
const emitting = (event: string | null) => (event ? `, emits ${event}` : '');
const exactly = (says: string): Claim => ({ says, holds: (line) => line === says });
const containing = (says: string): Claim => ({ says, holds: (line) => line.includes(says) });
const matching = (says: string, pattern: RegExp): Claim => ({ says, holds: (line) => pattern.test(line) });

/** The table, told as the README tells it, in the README's order. */
function claims(): Claim[] {
  const { begins, steps, hold, timeout } = checkoutSaga;
  const reactions = steps.map(({ service, completion, compensation }) => {
    const told = [completion, compensation].flatMap((r) => (r ? [r] : []));
    const pattern = told.map((r) => `${short(r.on)}\\b[^;]* -> ${escape(r.does)}`).join('; ');
    return matching(`${service}: ${told.map((r) => `${short(r.on)} ... -> ${r.does}`).join('; ')}`, new RegExp(`^${service}: ${pattern}`));
  });
  const followUps = new Map<string, string[]>();
  for (const [event, followUp] of Object.entries({ ...hold.completion, ...hold.compensation })) {
    followUps.set(followUp, [...(followUps.get(followUp) ?? []), event]);
  }
  const told = [...followUps].map(([followUp, events]) => `${followUp} (with ${events.join(', ')})`);
  return [
    ...begins.map((b) => containing(`-> order ${b.status}${emitting(b.effect)}`)),
    ...steps.flatMap((step) => [
      containing(`${step.service}: ${step.does} -> ${step.replies.map((r) => r.event).join(' | ')}`),
      exactly(`orders: ${step.replies.map((r) => `${short(r.event)} -> ${r.to}${emitting(r.emits)}`).join('; ')}`),
    ]),
    ...reactions,
    matching(`${hold.service}: ${told.join(' ... ')}`, new RegExp(`^${hold.service}: .*${told.map(escape).join('.*')}`)),
    containing(`timer: an order still ${timeout.from.join(' or ')} after ${timeout.setting} -> ${timeout.to}${emitting(timeout.emits)}`),
  ];
}

/** Every event the table names: what asks, what answers, what follows, what compensates. */
function tableEvents(): Set<string> {
  const { begins, steps, hold, timeout } = checkoutSaga;
  return new Set<string>([
    ...begins.flatMap((b) => (b.effect ? [b.effect] : [])),
    ...steps.flatMap((s) => [s.askedBy, s.compensation.on, ...(s.completion ? [s.completion.on] : [])]),
    ...steps.flatMap((s) => s.replies.flatMap((r) => [r.event, ...(r.emits ? [r.emits] : [])])),
    ...Object.entries({ ...hold.completion, ...hold.compensation }).flat(),
    ...(timeout.emits ? [timeout.emits] : []),
  ]);
}

describe("README's checkout saga", () => {
  const lines = sagaLines();

  it('is found after "## How it works"', () => {
    expect(lines.length).toBeGreaterThan(5);
    expect(lines[0]).toMatch(/^POST \/api\/orders/);
  });

  it("tells each step of the saga's table, in the table's order: what it waits for, where it leads, what it emits", () => {
    let cursor = 0;
    for (const claim of claims()) {
      const at = lines.findIndex((line, i) => i >= cursor && claim.holds(line));
      const failure = `the README's saga should say, after line ${cursor + 1} of its block: ${claim.says}\n${lines.join('\n')}`;
      expect(at, failure).toBeGreaterThanOrEqual(0);
      cursor = at + 1;
    }
  });

  it('names no event the table does not, and reaches the statuses the table reaches', () => {
    const named = new Set(lines.join('\n').match(/\b[a-z]+\.[a-z_]+\b/g));
    expect([...named].filter((e) => !tableEvents().has(e))).toEqual([]);
    const { begins, steps, timeout } = checkoutSaga;
    const reached = new Set([...begins.map((b) => b.status), ...steps.flatMap((s) => s.replies.map((r) => r.to)), timeout.to]);
    const told = new Set([...lines.join('\n').matchAll(/-> (?:order )?([A-Z][A-Z_]+)\b/g)].map((m) => m[1]));
    expect([...told].sort()).toEqual([...reached].sort());
  });
});
