import { notFound, type Principal } from '@mercato/kernel';
import { stepReturn } from './advance-return.ts';
import type { ReturnsContext } from './context.ts';

/** The customer withdraws their return; anyone else's is not found, so its existence does not leak. */
export const cancelReturn = (ctx: ReturnsContext, customer: Principal, returnId: string) =>
  stepReturn(ctx, returnId, 'cancel', null, (found) => {
    if (found.customerId !== customer.userId) throw notFound('Return');
  });
