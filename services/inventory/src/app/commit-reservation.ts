import type { Tx } from '@mercato/kernel';
import { settle } from './settle-reservation.ts';

/** A confirmed order takes what it reserved off the shelf. */
export const commitReservation = (tx: Tx, orderId: string): Promise<void> => settle(tx, orderId, 'order.confirmed');
