import {
  addCartItemInput,
  cart,
  cartHeaders,
  cartItemParams,
  mergeCartInput,
  setCartItemInput,
  type Cart,
} from '@mercato/contracts';
import { notFound, requireUser, signedIn, type HttpApp, type ServiceContext } from '@mercato/kernel';
import { productLookup } from '../clients/product-lookup.ts';
import { addToLines, mergeLines, removeFromLines, setInLines, type CartLine } from '../domain/cart-lines.ts';
import { assertSameCurrency, priceCart } from '../domain/priced-cart.ts';
import { cartIdOf, CartStore, type CartOwner } from '../store/cart-store.ts';
import { cartOwner } from './cart-owner.ts';

const tags = ['cart'];
// The token is optional: the empty requirement is OpenAPI's way of saying "or anonymous".
const security: Array<Record<string, string[]>> = [{ bearerAuth: [] }, {}];
const owned = 'Signed in: the user’s cart (X-Cart-Id is ignored). Anonymous: the cart named by X-Cart-Id.';

export function cartRoutes(app: HttpApp, ctx: ServiceContext) {
  const store = new CartStore(ctx.cache);
  const lookup = productLookup(ctx.clients);

  /** Prices the lines as they are now; products the catalog has deleted are dropped from the stored cart too. */
  async function view(owner: CartOwner, lines: CartLine[]): Promise<Cart> {
    const ids = lines.map((l) => l.productId);
    const [products, available] = await Promise.all([lookup.products(ids), lookup.available(ids)]);
    const deleted = ids.filter((id) => !products.has(id));
    // Removes only those ids, so a line another request adds meanwhile is kept.
    if (deleted.length) await store.update(owner, (current) => removeFromLines(current, deleted));
    return priceCart(cartIdOf(owner), lines, products, available);
  }

  /** Checks the product exists and fits the cart's currency, then applies the change. */
  async function changeLine(owner: CartOwner, productId: string, change: (lines: CartLine[]) => CartLine[]): Promise<Cart> {
    const current = await store.read(owner);
    const products = await lookup.products([...new Set([...current.map((l) => l.productId), productId])]);
    const product = products.get(productId);
    if (!product) throw notFound('Product');
    assertSameCurrency(current, products, product);
    return view(owner, await store.update(owner, change));
  }

  app.get(
    '/api/cart',
    { schema: { tags, summary: 'The cart, priced from the catalog now', description: owned, security, headers: cartHeaders, response: { 200: cart } } },
    async (req) => {
      const owner = cartOwner(req);
      return view(owner, await store.read(owner));
    },
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
    async (req) => {
      const owner = cartOwner(req);
      const { productId, quantity } = req.body;
      return changeLine(owner, productId, (lines) => addToLines(lines, productId, quantity));
    },
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
    async (req) => {
      const owner = cartOwner(req);
      const { productId } = req.params;
      const { quantity } = req.body;
      const set = (lines: CartLine[]) => setInLines(lines, productId, quantity);
      // Removing needs no catalog check: a deleted product must stay removable.
      return quantity === 0 ? view(owner, await store.update(owner, set)) : changeLine(owner, productId, set);
    },
  );

  app.delete(
    '/api/cart/items/:productId',
    { schema: { tags, summary: 'Remove a product from the cart', description: owned, security, headers: cartHeaders, params: cartItemParams, response: { 200: cart } } },
    async (req) => {
      const owner = cartOwner(req);
      return view(owner, await store.update(owner, (lines) => removeFromLines(lines, [req.params.productId])));
    },
  );

  app.delete(
    '/api/cart',
    { schema: { tags, summary: 'Empty the cart', description: owned, security, headers: cartHeaders } },
    async (req, reply) => {
      await store.clear(cartOwner(req));
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
        description: 'Quantities of the same product add up (at most 1000); the anonymous cart is deleted, so a second merge changes nothing.',
        security: [{ bearerAuth: [] }],
        body: mergeCartInput,
        response: { 200: cart },
      },
    },
    async (req) => {
      const user: CartOwner = { kind: 'user', userId: requireUser(req).userId };
      const anonymous: CartOwner = { kind: 'anonymous', cartId: req.body.cartId };
      const incoming = await store.read(anonymous);
      if (!incoming.length) return view(user, await store.read(user));
      const lines = await store.update(user, (current) => mergeLines(current, incoming));
      await store.clear(anonymous);
      return view(user, lines);
    },
  );
}
