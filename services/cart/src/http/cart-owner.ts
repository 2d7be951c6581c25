import { badRequest } from '@mercato/kernel';
import type { FastifyRequest } from 'fastify';
import type { CartOwner } from '../store/cart-store.ts';

/**
 * A bearer token names the user's cart; without one, the X-Cart-Id header the browser keeps names an
 * anonymous cart. The header's format is checked by the route schema; here only its presence.
 */
export function cartOwner(req: FastifyRequest): CartOwner {
  if (req.principal) return { kind: 'user', userId: req.principal.userId };
  const cartId = req.headers['x-cart-id'];
  if (typeof cartId !== 'string') {
    throw badRequest('validation_failed', 'Invalid headers: headers.x-cart-id', [
      { field: 'headers.x-cart-id', message: 'Required without a bearer token: the id of the browser’s cart (a UUID)' },
    ]);
  }
  return { kind: 'anonymous', cartId };
}
