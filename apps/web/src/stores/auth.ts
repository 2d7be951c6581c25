import { computed, reactive } from 'vue';
import { api } from '../api/client.ts';
import { ApiError, connectSession } from '../api/http.ts';
import type { RegisterInput, TokenPair, User } from '../api/types.ts';
import { randomUuid } from '../lib/ids.ts';

const TOKENS_KEY = 'mercato.session';
const CART_KEY = 'mercato.cartId';

interface Tokens {
  accessToken: string;
  refreshToken: string;
}

function readTokens(): Tokens | null {
  try {
    const raw = localStorage.getItem(TOKENS_KEY);
    const t = raw ? (JSON.parse(raw) as Partial<Tokens>) : null;
    return t?.accessToken && t.refreshToken ? { accessToken: t.accessToken, refreshToken: t.refreshToken } : null;
  } catch {
    return null;
  }
}

function writeTokens(t: Tokens | null) {
  if (t) localStorage.setItem(TOKENS_KEY, JSON.stringify(t));
  else localStorage.removeItem(TOKENS_KEY);
}

function anonymousCartId(): string {
  let id = localStorage.getItem(CART_KEY);
  if (!id) {
    id = randomUuid();
    localStorage.setItem(CART_KEY, id);
  }
  return id;
}

const state = reactive({
  tokens: readTokens(),
  user: null as User | null,
  /** True once the stored session (if any) has been checked at start. */
  ready: false,
});

function adopt(pair: TokenPair | Tokens | null) {
  state.tokens = pair ? { accessToken: pair.accessToken, refreshToken: pair.refreshToken } : null;
  writeTokens(state.tokens);
  if (!pair) state.user = null;
}

let refreshing: Promise<string | null> | null = null;
let started: Promise<void> | null = null;

/**
 * Refresh tokens rotate and a reused one revokes the whole session, so only one refresh may run at a
 * time across every tab of this browser (Web Locks), and a tab that finds a newer token already
 * stored by another tab just takes it.
 */
async function refreshOnce(failed: string): Promise<string | null> {
  const run = async () => {
    const stored = readTokens();
    if (!stored) {
      adopt(null);
      return null;
    }
    if (stored.accessToken !== failed) {
      adopt(stored);
      return stored.accessToken;
    }
    try {
      const pair = await api.auth.refresh(stored.refreshToken);
      adopt(pair);
      return pair.accessToken;
    } catch (err) {
      // A network failure keeps the session for a later try; a refusal ends it.
      if (err instanceof ApiError && err.status !== 0) adopt(null);
      return null;
    }
  };
  refreshing ??= (
    navigator.locks ? (navigator.locks.request('mercato-token-refresh', run) as unknown as Promise<string | null>) : run()
  ).finally(() => {
    refreshing = null;
  });
  return refreshing;
}

connectSession({
  accessToken: () => state.tokens?.accessToken ?? null,
  refresh: refreshOnce,
  cartId: anonymousCartId,
});

// Another tab signed in, refreshed or signed out.
window.addEventListener('storage', (e) => {
  if (e.key !== TOKENS_KEY) return;
  const next = readTokens();
  const wasSignedIn = !!state.tokens;
  state.tokens = next;
  if (!next) state.user = null;
  else if (!wasSignedIn) void loadUser();
});

async function loadUser() {
  try {
    state.user = await api.auth.me();
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) adopt(null);
    else throw err;
  }
}

export const auth = {
  state,
  signedIn: computed(() => !!state.tokens && !!state.user),
  isAdmin: computed(() => !!state.user?.roles.includes('admin')),
  /** Staff run fulfilment: admins, and the ops role (shipping, tracking scans, returns) with no other admin power. */
  isStaff: computed(() => !!state.user?.roles.some((r) => r === 'admin' || r === 'ops')),

  accessToken: () => state.tokens?.accessToken ?? null,
  refresh: refreshOnce,
  anonymousCartId,

  /** Checks a stored session once at start (every later call gets the same promise). */
  init(): Promise<void> {
    started ??= (async () => {
      if (state.tokens) {
        try {
          await loadUser();
        } catch {
          // The shop is unreachable: keep the tokens, the pages show their own errors.
        }
      }
      state.ready = true;
    })();
    return started;
  },

  async login(email: string, password: string) {
    const pair = await api.auth.login({ email, password });
    adopt(pair);
    await loadUser();
  },

  async register(input: RegisterInput) {
    await api.auth.register(input);
    await auth.login(input.email, input.password);
  },

  async logout() {
    const refreshToken = state.tokens?.refreshToken;
    adopt(null);
    // The next visitor on this browser starts with an empty anonymous cart.
    localStorage.setItem(CART_KEY, randomUuid());
    if (refreshToken) await api.auth.logout(refreshToken).catch(() => undefined);
  },

  /** Forgets the anonymous cart once it has been merged into the account's. */
  resetAnonymousCart() {
    localStorage.setItem(CART_KEY, randomUuid());
  },
};
