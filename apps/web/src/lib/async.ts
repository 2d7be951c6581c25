import { onBeforeUnmount, ref, shallowRef, watch, type Ref, type ShallowRef } from 'vue';
import { ApiError, messageOf } from '../api/http.ts';

export interface AsyncData<T> {
  data: ShallowRef<T | null>;
  loading: Ref<boolean>;
  error: Ref<string>;
  /** The failed call's HTTP status (404 shows a not-found state), 0 when none. */
  status: Ref<number>;
  run: () => Promise<void>;
}

/**
 * Loads data for a page: loading/error state, and only the latest call's answer is kept when calls
 * overlap (a fast typist in the search box).
 */
export function useAsync<T>(load: () => Promise<T>): AsyncData<T> {
  const data = shallowRef<T | null>(null);
  const loading = ref(false);
  const error = ref('');
  const status = ref(0);
  let latest = 0;
  async function run() {
    const mine = ++latest;
    loading.value = true;
    error.value = '';
    status.value = 0;
    try {
      const value = await load();
      if (mine === latest) data.value = value;
    } catch (err) {
      if (mine !== latest) return;
      error.value = messageOf(err);
      status.value = err instanceof ApiError ? err.status : 0;
    } finally {
      if (mine === latest) loading.value = false;
    }
  }
  return { data, loading, error, status, run };
}

/**
 * A searchable, paged list: `q` follows the search box, `search()` applies it from page 1, and the
 * list loads again whenever the applied query or the page changes.
 */
export function usePagedSearch<T>(load: (query: string | undefined, page: number) => Promise<T>) {
  const q = ref('');
  const applied = ref('');
  const page = ref(1);
  const list = useAsync<T>(() => load(applied.value || undefined, page.value));
  watch([applied, page], () => void list.run(), { immediate: true });
  const search = () => {
    page.value = 1;
    applied.value = q.value.trim();
  };
  return { q, applied, page, search, list };
}

/**
 * Looks again every `everyMs`, for at most `forMs`, until `attempt` reports that what it waits for has
 * happened: for what another service does a moment after our call (the label shipping buys once an
 * order ships). A failed look counts as not yet. Starting again replaces the previous round, and
 * leaving the page ends it; `active` is false once a round has ended, found or not.
 */
export function usePoll() {
  const active = ref(false);
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped by every start and stop, so a look still in flight from an ended round schedules nothing. */
  let round = 0;
  function stop() {
    round++;
    clearTimeout(timer);
    active.value = false;
  }
  function start(attempt: () => Promise<boolean>, everyMs: number, forMs: number) {
    stop();
    const mine = round;
    const until = Date.now() + forMs;
    active.value = true;
    const look = async () => {
      const done = await attempt().catch(() => false);
      if (mine !== round) return;
      if (done || Date.now() + everyMs > until) stop();
      else timer = setTimeout(() => void look(), everyMs);
    };
    // look catches the attempt's failure: nothing is left to handle.
    timer = setTimeout(() => void look(), everyMs);
  }
  onBeforeUnmount(stop);
  return { active, start };
}
