import { addCartItemInput, cart, cartHeaders, cartItemParams, mergeCartInput, setCartItemInput } from '@mercato/contracts';
import { requireUser, signedIn, type HttpApp } from '@mercato/kernel';
import { addItem } from '../app/add-item.ts';
import { viewCart, type Carts } from '../app/carts.ts';
import { clearCart } from '../app/clear-cart.ts';
import { mergeCarts } from '../app/merge-carts.ts';
import { removeItem } from '../app/remove-item.ts';
import { setQuantity } from '../app/set-quantity.ts';
import { cartOwner } from './cart-owner.ts';

const tags = ['cart'];
// The token is optional: the empty requirement is OpenAPI's way of saying "or anonymous".
const security: Array<Record<string, string[]>> = [{ bearerAuth: [] }, {}];
const owned = 'Signed in: the user’s cart (X-Cart-Id is ignored). Anonymous: the cart named by X-Cart-Id.';

export function cartRoutes(app: HttpApp, carts: Carts) {
  app.get(
    '/api/cart',
    {
      schema: {
        tags,
        summary: 'The cart, priced from the catalog now',
        description: owned,
        security,
        headers: cartHeaders,
        response: { 200: cart },
      },
    },
    async (req) => viewCart(carts, cartOwner(req)),
  );

  app.post(
    '/api/cart/items',
    {
      schema: {
        tags,
        summary: 'Add a product (to the quantity already in the cart)',
        description: `${owned} At most 50 different products (422 cart_full), 1000 of each.`,
        security,
        headers: cartHeaders,
        body: addCartItemInput,
        response: { 200: cart },
      },
    },
    async (req) => addItem(carts, cartOwner(req), req.body.productId, req.body.quantity),
  );

  app.put(
    '/api/cart/items/:productId',
    {
      schema: {
        tags,
        summary: 'Set the quantity of a product (0 removes it)',
        description: owned,
        security,
        headers: cartHeaders,
        params: cartItemParams,
        body: setCartItemInput,
        response: { 200: cart },
      },
    },
    async (req) => setQuantity(carts, cartOwner(req), req.params.productId, req.body.quantity),
  );

  app.delete(
    '/api/cart/items/:productId',
    {
      schema: {
        tags,
        summary: 'Remove a product from the cart',
        description: owned,
        security,
        headers: cartHeaders,
        params: cartItemParams,
        response: { 200: cart },
      },
    },
    async (req) => removeItem(carts, cartOwner(req), req.params.productId),
  );

  app.delete(
    '/api/cart',
    { schema: { tags, summary: 'Empty the cart', description: owned, security, headers: cartHeaders } },
    async (req, reply) => {
      await clearCart(carts, cartOwner(req));
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/cart/merge',
    {
      ...signedIn,
      schema: {
        tags,
        summary: 'Merge an anonymous cart into the signed-in user’s (at login)',
        description:
          'Quantities of the same product add up (at most 1000); the anonymous cart is deleted, so a second merge changes nothing.',
        security: [{ bearerAuth: [] }],
        body: mergeCartInput,
        response: { 200: cart },
      },
    },
    async (req) => mergeCarts(carts, requireUser(req).userId, req.body.cartId),
  );
}
