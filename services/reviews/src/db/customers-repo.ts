import type { Queryable } from '@mercato/kernel';

/** Records that the order delivered these products to the customer; a product they had received already keeps its first order. */
export async function recordPurchases(db: Queryable, customerId: string, orderId: string, productIds: string[]): Promise<void> {
  await db.query(
    `INSERT INTO reviews.purchases (customer_id, product_id, order_id)
     SELECT $1, product_id, $2 FROM unnest($3::uuid[]) AS product_id
     ON CONFLICT (customer_id, product_id) DO NOTHING`,
    [customerId, orderId, productIds],
  );
}

export async function hasReceived(db: Queryable, customerId: string, productId: string): Promise<boolean> {
  const rows = await db.query('SELECT 1 FROM reviews.purchases WHERE customer_id = $1 AND product_id = $2', [customerId, productId]);
  return rows.length > 0;
}

/** Keeps the name a user registered with, to sign their reviews; a repeated registration changes nothing. */
export async function addAuthor(db: Queryable, userId: string, name: string): Promise<void> {
  await db.query('INSERT INTO reviews.authors (user_id, name) VALUES ($1, $2) ON CONFLICT (user_id) DO NOTHING', [userId, name]);
}
