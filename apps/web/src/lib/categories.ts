import { ref } from 'vue';
import { api } from '../api/client.ts';

/**
 * The catalog has no categories endpoint, so the filter offers the categories of the first 100
 * products (by name). Loaded once per page load; admins' new categories show after a reload.
 */
const categories = ref<string[]>([]);
let loading: Promise<void> | null = null;

export function useCategories() {
  loading ??= api.products
    .list({ pageSize: 100, sort: 'name' })
    .then((page) => {
      categories.value = [...new Set(page.items.map((p) => p.category))].sort((a, b) => a.localeCompare(b));
    })
    .catch(() => {
      loading = null;
    });
  return categories;
}

export function forgetCategories() {
  loading = null;
}
