import type { Tx } from '@mercato/kernel';
import { settle } from './settle-reservation.ts';

/** A cancelled order gives back what it reserved, or restocks what it had committed. */
export const releaseReservation = (tx: Tx, orderId: string): Promise<void> => settle(tx, orderId, 'order.cancelled');
