import { stepReturn } from './advance-return.ts';
import type { ReturnsContext } from './context.ts';

/** Staff reject a requested return, with a note the customer reads: its items are theirs to keep. */
export const rejectReturn = (ctx: ReturnsContext, returnId: string, note: string | null) => stepReturn(ctx, returnId, 'reject', note);
