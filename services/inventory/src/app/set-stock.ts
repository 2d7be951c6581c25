import { conflict, type Queryable } from '@mercato/kernel';
import { setOnHand } from '../db/stock-repo.ts';
import { canSetOnHand, type Stock } from '../domain/reservation.ts';

/** Sets a product's on-hand stock, never below what open orders have reserved (409 stock_below_reserved). */
export async function setStock(db: Queryable, productId: string, onHand: number): Promise<Stock> {
  const stock = await setOnHand(db, productId, onHand);
  if (!stock || !canSetOnHand(stock.onHand, stock.reserved)) {
    throw conflict('stock_below_reserved', 'On-hand cannot go below the quantity reserved for open orders');
  }
  return stock;
}
