import { reactive } from 'vue';
import { api } from '../api/client.ts';
import type { OrderEvent } from '../api/types.ts';
import { jwtExpiry } from '../lib/ids.ts';
import { auth } from './auth.ts';

type Listener = (event: OrderEvent | null) => void;

/**
 * One Server-Sent Events stream per signed-in tab (GET /api/events), carrying the caller's order
 * status changes. Listeners get each `order` event, and `null` whenever the stream (re)opens, which
 * is their cue to refetch what they show, since changes made while disconnected are not replayed.
 */
const state = reactive({ connected: false });
const listeners = new Set<Listener>();
let source: EventSource | null = null;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let attempt = 0;
/** Bumped by every open and close, so a slow open that was overtaken gives up. */
let generation = 0;

function emit(event: OrderEvent | null) {
  for (const l of listeners) l(event);
}

async function open() {
  close();
  const gen = generation;
  let token = auth.accessToken();
  if (!token) return;
  // EventSource cannot send headers or tell a 401 from other failures: give it a token with time left.
  const exp = jwtExpiry(token);
  if (exp !== null && exp * 1000 - Date.now() < 30_000) {
    await auth.refresh(token);
    token = auth.accessToken();
    if (!token || gen !== generation) return;
  }
  const es = new EventSource(api.eventsUrl(token));
  source = es;
  es.addEventListener('open', () => {
    attempt = 0;
    state.connected = true;
    emit(null);
  });
  es.addEventListener('order', (e) => {
    try {
      emit(JSON.parse((e as MessageEvent<string>).data) as OrderEvent);
    } catch {
      // Not ours to show.
    }
  });
  es.addEventListener('error', () => {
    state.connected = false;
    // CONNECTING: the browser retries by itself. CLOSED: it gave up (e.g. an expired token) - we retry.
    if (es.readyState === EventSource.CLOSED && source === es) {
      source = null;
      const delay = Math.min(30_000, 1000 * 2 ** attempt++);
      retryTimer = setTimeout(() => void open(), delay);
    }
  });
}

function close() {
  generation++;
  clearTimeout(retryTimer);
  source?.close();
  source = null;
  state.connected = false;
}

export const live = {
  state,
  start: () => void open(),
  stop: close,
  /** Subscribes to order events; returns the unsubscribe function. */
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
