import { reactive } from 'vue';
import { api } from '../api/client.ts';

/** The unread count shown in the header; the notifications page reads the list itself. */
const state = reactive({ unread: 0 });

let inFlight: Promise<void> | null = null;

export const notifications = {
  state,
  refresh(): Promise<void> {
    inFlight ??= api.notifications
      .list({ unread: true, pageSize: 1 })
      .then((page) => {
        state.unread = page.unreadCount;
      })
      .catch(() => undefined)
      .finally(() => {
        inFlight = null;
      });
    return inFlight;
  },
  reset() {
    state.unread = 0;
  },
};
