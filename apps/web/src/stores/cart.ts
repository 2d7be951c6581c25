import { computed, reactive } from 'vue';
import { api } from '../api/client.ts';
import { messageOf } from '../api/http.ts';
import type { Cart } from '../api/types.ts';
import { auth } from './auth.ts';

/**
 * The cart lives on the server (it survives a reload and follows the customer to another device);
 * this store holds the last copy the server returned. Anonymous visitors are identified by a random
 * cart id kept in localStorage; it is merged into the account's cart at sign-in.
 */
const state = reactive({
  cart: null as Cart | null,
  loading: false,
  error: '',
  /** Product ids with a change in flight (their controls are disabled meanwhile). */
  busy: new Set<string>(),
});

async function mutate(productId: string | null, op: () => Promise<Cart | undefined | void>) {
  if (productId) state.busy.add(productId);
  state.error = '';
  try {
    const next = await op();
    if (next && typeof next === 'object' && 'items' in next) state.cart = next;
    else await cart.load();
  } catch (err) {
    state.error = messageOf(err);
    throw err;
  } finally {
    if (productId) state.busy.delete(productId);
  }
}

export const cart = {
  state,
  count: computed(() => state.cart?.itemCount ?? 0),
  quantityOf: (productId: string) => state.cart?.items.find((i) => i.productId === productId)?.quantity ?? 0,

  async load() {
    state.loading = true;
    state.error = '';
    try {
      state.cart = await api.cart.get();
    } catch (err) {
      state.error = messageOf(err);
    } finally {
      state.loading = false;
    }
  },

  add: (productId: string, quantity = 1) => mutate(productId, () => api.cart.add(productId, quantity)),
  setQuantity: (productId: string, quantity: number) => mutate(productId, () => api.cart.set(productId, quantity)),
  remove: (productId: string) => mutate(productId, () => api.cart.remove(productId)),
  clear: () => mutate(null, () => api.cart.clear()),

  /** After sign-in: moves what the visitor put in the cart into the account's cart. */
  async afterSignIn() {
    const anonymousItems = state.cart?.itemCount ?? 0;
    if (anonymousItems > 0) {
      try {
        state.cart = await api.cart.merge(auth.anonymousCartId());
        auth.resetAnonymousCart();
        return;
      } catch {
        // Keep going: the account's own cart still loads below.
      }
    }
    await cart.load();
  },

  /** After sign-out: a fresh anonymous cart. */
  async afterSignOut() {
    state.cart = null;
    await cart.load();
  },
};
