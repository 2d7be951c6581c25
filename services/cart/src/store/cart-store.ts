import type { Cache } from '@mercato/kernel';
import { z } from 'zod';
import type { CartLine } from '../domain/cart-lines.ts';
import { withCacheLock } from './cache-lock.ts';

/** Whose cart: a signed-in user's, or an anonymous browser's (named by the id it generated). */
export type CartOwner = { kind: 'user'; userId: string } | { kind: 'anonymous'; cartId: string };

/** A cart unchanged for this long is forgotten. */
const TTL_MS = 30 * 24 * 3_600_000;

const storedCart = z.object({ lines: z.array(z.object({ productId: z.string(), quantity: z.number().int().min(1) })) });

export const cartKey = (o: CartOwner) => (o.kind === 'user' ? `cart:user:${o.userId}` : `cart:anon:${o.cartId}`);
export const cartIdOf = (o: CartOwner) => (o.kind === 'user' ? o.userId : o.cartId);

/** Carts in the cache port, one JSON value per cart; an empty cart is no value at all. */
export class CartStore {
  constructor(private readonly cache: Cache) {}

  async read(owner: CartOwner): Promise<CartLine[]> {
    const raw = await this.cache.get(cartKey(owner));
    if (!raw) return [];
    // A value this code cannot read counts as an empty cart, which the next change overwrites,
    // rather than a cart that fails every request until it expires.
    const parsed = storedCart.safeParse(safeJson(raw));
    return parsed.success ? parsed.data.lines : [];
  }

  /** Read, change and write under the cart's lock, so concurrent changes (a double click) all count. */
  async update(owner: CartOwner, change: (lines: CartLine[]) => CartLine[]): Promise<CartLine[]> {
    const key = cartKey(owner);
    return withCacheLock(this.cache, key, async () => {
      const lines = change(await this.read(owner));
      if (lines.length) await this.cache.set(key, JSON.stringify({ lines }), TTL_MS);
      else await this.cache.del(key);
      return lines;
    });
  }

  async clear(owner: CartOwner): Promise<void> {
    await this.cache.del(cartKey(owner));
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
