import type { Order } from '@mercato/contracts';
import type { StoredOrder } from '../db/orders-repo.ts';

/** An order as its customer and staff see it: without the request fingerprint and the promotion's id. */
export const publicOrder = ({ requestHash: _, promotionId: __, ...order }: StoredOrder): Order => order;
