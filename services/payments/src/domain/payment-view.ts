import { isStaff, type Principal } from '@mercato/kernel';

/** Whose payments a caller may list: their own, or every customer's for staff. */
export const payerScope = (caller: Principal) => (isStaff(caller) ? undefined : caller.userId);

/**
 * A customer does not learn how the fraud screening judged them (that would teach a fraudster its
 * rules), nor the method's token or the provider's reference: their card's brand and last four say enough.
 */
export const paymentView = <P extends { risk: unknown; method: string | null; providerReference: string | null }>(
  p: P,
  caller: Principal,
) => (isStaff(caller) ? p : { ...p, risk: null, method: null, providerReference: null });
