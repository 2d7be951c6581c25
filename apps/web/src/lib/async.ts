import { ref, shallowRef, watch, type Ref, type ShallowRef } from 'vue';
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
