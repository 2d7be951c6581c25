import { computed, reactive } from 'vue';
import { api } from '../api/client.ts';
import { messageOf } from '../api/http.ts';
import type { WishlistItem } from '../api/types.ts';
import { auth } from './auth.ts';

/**
 * The signed-in customer's saved products, kept by the server (`/api/wishlist`, at most 100: one call). This
 * store holds the last copy it returned, for whose account, so the Save toggles on cards and product pages
 * need no call of their own; another account signing in loads its own.
 */
const state = reactive({
  items: [] as WishlistItem[],
  /** The account the items belong to; null until loaded. */
  loadedFor: null as string | null,
  loading: false,
  error: '',
  /** Product ids with a change in flight. */
  busy: new Set<string>(),
});

let inFlight: Promise<void> | null = null;

async function load(force = false) {
  const userId = auth.state.user?.id ?? null;
  if (!userId) {
    state.items = [];
    state.loadedFor = null;
    return;
  }
  if (!force && state.loadedFor === userId) return;
  if (inFlight && !force) return inFlight;
  state.loading = true;
  state.error = '';
  inFlight = (async () => {
    try {
      const list = await api.wishlist.get();
      if (auth.state.user?.id !== userId) return;
      state.items = list.items;
      state.loadedFor = userId;
    } catch (err) {
      state.error = messageOf(err);
    } finally {
      state.loading = false;
      inFlight = null;
    }
  })();
  return inFlight;
}

export const wishlist = {
  state,
  count: computed(() => (state.loadedFor && state.loadedFor === auth.state.user?.id ? state.items.length : 0)),
  has: (productId: string) => state.loadedFor === auth.state.user?.id && state.items.some((i) => i.productId === productId),
  load,

  async save(productId: string) {
    state.busy.add(productId);
    try {
      await api.wishlist.add(productId);
      await load(true);
    } finally {
      state.busy.delete(productId);
    }
  },

  async remove(productId: string) {
    state.busy.add(productId);
    try {
      await api.wishlist.remove(productId);
      state.items = state.items.filter((i) => i.productId !== productId);
    } finally {
      state.busy.delete(productId);
    }
  },
};
