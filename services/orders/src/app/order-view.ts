import { ORDER_ACTIONS, type Order, type OrderAction } from '@mercato/contracts';
import type { StoredOrder } from '../db/orders-repo.ts';
import { orderMachine } from '../domain/order-machine.ts';

const isAction = (trigger: string): trigger is OrderAction => (ORDER_ACTIONS as readonly string[]).includes(trigger);

/** The requests the order's table allows in a status: what a screen may offer. */
export const actionsIn = (status: StoredOrder['status']): OrderAction[] => orderMachine.triggersFrom(status).filter(isAction);

/** An order as its customer and staff see it: without the request fingerprint and the promotion's id, with what may be asked of it. */
export const publicOrder = ({ requestHash: _, promotionId: __, ...order }: StoredOrder): Order => ({
  ...order,
  actions: actionsIn(order.status),
});
