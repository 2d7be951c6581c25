import { order as orderSchema, type Order, type ReturnRequestInput, type ReturnView } from '@mercato/contracts';
import {
  AppError,
  conflict,
  idempotentCommand,
  newId,
  notFound,
  unprocessable,
  type IdempotentOutcome,
  type Principal,
} from '@mercato/kernel';
import { claimedLines, findByIdempotencyKey, insertReturn, lockOrderReturns, viewOf } from '../db/returns-repo.ts';
import { planReturn } from '../domain/returnable.ts';
import type { ReturnsContext } from './context.ts';

export interface ReturnRequest {
  customer: Principal;
  /** The customer's own credential: orders decides whose order it shows. */
  authorization: string;
  idempotencyKey: string;
  body: ReturnRequestInput;
}

/** The order as its owner sees it: orders decides who may read it, so another customer's is a 404 here too. */
async function orderOf(ctx: ReturnsContext, customer: Principal, authorization: string, orderId: string): Promise<Order> {
  const order = await ctx.clients.orders
    .call(orderSchema, { method: 'GET', path: `/api/orders/${orderId}`, headers: { authorization } })
    .catch((e: unknown) => {
      throw e instanceof AppError && e.status === 404 ? notFound('Order') : e;
    });
  if (order.customerId !== customer.userId) throw notFound('Order');
  return order;
}

async function recorded(ctx: ReturnsContext, customerId: string, key: string) {
  const found = await findByIdempotencyKey(ctx.db, customerId, key);
  return found ? { result: viewOf(found), fingerprint: found.requestHash } : null;
}

/**
 * A customer asks to return items of a delivered order within RETURN_WINDOW of its delivery. The
 * order's returns are serialised by a lock, under which the key is looked up again and what other
 * returns claim is counted, so that two requests at once can neither both claim the last item nor
 * both use one key.
 */
export function requestReturn(
  ctx: ReturnsContext,
  { customer, authorization, idempotencyKey, body }: ReturnRequest,
): Promise<IdempotentOutcome<ReturnView>> {
  // Made per request: the order is read with the customer's credential, which the key's fingerprint leaves out.
  const command = idempotentCommand<ReturnRequestInput, ReturnView>({
    lookup: (owner, key) => recorded(ctx, owner, key),
    async execute(input, request) {
      const order = await orderOf(ctx, customer, authorization, input.orderId);
      return ctx.db.transaction(async (tx) => {
        await lockOrderReturns(tx, order.id);
        if (await findByIdempotencyKey(tx, request.owner, request.key)) return null;
        const plan = planReturn(order, input.items, await claimedLines(tx, order.id), Date.now(), ctx.settings.RETURN_WINDOW);
        if (!plan.ok) throw 'errors' in plan ? unprocessable(plan.code, plan.message, plan.errors) : conflict(plan.code, plan.message);
        const created = await insertReturn(tx, {
          id: newId(),
          orderId: order.id,
          customerId: request.owner,
          reason: input.reason,
          comment: input.comment ?? null,
          items: plan.lines,
          refundCents: plan.refundCents,
          currency: plan.currency,
          idempotencyKey: request.key,
          requestHash: request.fingerprint,
        });
        return created && viewOf(created);
      });
    },
  });
  return command(customer.userId, idempotencyKey, body);
}
