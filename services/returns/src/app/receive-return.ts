import { stepReturn } from './advance-return.ts';
import type { ReturnsContext } from './context.ts';

/** Staff record that the returned items arrived: return.received has inventory restock them and payments refund them. */
export const receiveReturn = (ctx: ReturnsContext, returnId: string, note: string | null) => stepReturn(ctx, returnId, 'receive', note);
