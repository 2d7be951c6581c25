import { reactive } from 'vue';

export interface Toast {
  id: number;
  text: string;
  kind: 'info' | 'error';
}

const state = reactive({ items: [] as Toast[] });
let next = 1;

/** Short confirmations ("Added to cart"), announced to screen readers by the toast host. */
export const toasts = {
  state,
  show(text: string, kind: Toast['kind'] = 'info', ms = 3500) {
    const id = next++;
    state.items.push({ id, text, kind });
    setTimeout(() => toasts.dismiss(id), ms);
  },
  dismiss(id: number) {
    const i = state.items.findIndex((t) => t.id === id);
    if (i >= 0) state.items.splice(i, 1);
  },
};
