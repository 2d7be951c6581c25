import { stepReturn } from './advance-return.ts';
import type { ReturnsContext } from './context.ts';

/** Staff approve a requested return: the customer may send the items back. */
export const approveReturn = (ctx: ReturnsContext, returnId: string, note: string | null) => stepReturn(ctx, returnId, 'approve', note);
