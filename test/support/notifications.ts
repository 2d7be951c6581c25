import { waitFor, type Call, type SignedIn } from './http.ts';

/** A page of the customer's in-app notices, through the whole shop or notifications alone. */
export const notices = async (target: { call: Call }, token: string, query = '') =>
  (await target.call('GET', `/api/notifications${query}`, { token })).body;

/** Waits for the customer's notices of one order until `kinds` have all arrived, newest first. */
export const noticesOf = (target: { call: Call }, customer: SignedIn, orderId: string, kinds: string[]) =>
  waitFor(async () => {
    const mine = (await notices(target, customer.token, '?pageSize=100')).items.filter((n: any) => n.orderId === orderId);
    return kinds.every((k) => mine.some((n: any) => n.kind === k)) && mine;
  });
