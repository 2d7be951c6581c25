import type { Queryable, Tx } from '@mercato/kernel';
import { EMPTY_TALLY, takesAway, type RatingTally } from '../domain/rating-tally.ts';

interface RatingRow {
  product_id: string;
  rating_count: number;
  rating_sum: number;
  stars_1: number;
  stars_2: number;
  stars_3: number;
  stars_4: number;
  stars_5: number;
}

const toTally = (r: RatingRow): RatingTally => ({
  count: r.rating_count,
  sum: r.rating_sum,
  histogram: { 1: r.stars_1, 2: r.stars_2, 3: r.stars_3, 4: r.stars_4, 5: r.stars_5 },
});

/** The counters a change adds to, in the order of the parameters $2 to $8 after the product's $1. */
const COUNTERS = ['rating_count', 'rating_sum', 'stars_1', 'stars_2', 'stars_3', 'stars_4', 'stars_5'];
const COLUMNS = `product_id, ${COUNTERS.join(', ')}`;

const UPSERT = `INSERT INTO reviews.ratings AS t (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
  ON CONFLICT (product_id) DO UPDATE SET ${COUNTERS.map((c) => `${c} = t.${c} + EXCLUDED.${c}`).join(', ')}`;

const INCREMENTS = COUNTERS.map((c, i) => `${c} = ${c} + $${i + 2}`).join(', ');
const UPDATE = `UPDATE reviews.ratings SET ${INCREMENTS} WHERE product_id = $1 RETURNING product_id`;

/**
 * Adds a change to a product's tally in the caller's transaction. The increments are relative, so
 * concurrent changes to one product's reviews all count. A change that only adds may be the
 * product's first and creates its row; one that takes a rating away needs the row that rating was
 * counted in (PostgreSQL checks an upsert's proposed row, which a negative count would fail).
 */
export async function addToTally(tx: Tx, productId: string, d: RatingTally): Promise<void> {
  const params = [productId, d.count, d.sum, d.histogram[1], d.histogram[2], d.histogram[3], d.histogram[4], d.histogram[5]];
  if (!takesAway(d)) {
    await tx.query(UPSERT, params);
    return;
  }
  const rows = await tx.query(UPDATE, params);
  if (!rows.length) throw new Error(`no rating tally of product ${productId} to take a rating from`);
}

/** The tallies of the products, by id; a product without a visible review has the empty one. */
export async function findTallies(db: Queryable, productIds: string[]): Promise<Map<string, RatingTally>> {
  const rows = await db.query<RatingRow>(`SELECT ${COLUMNS} FROM reviews.ratings WHERE product_id = ANY($1::uuid[])`, [productIds]);
  const found = new Map(rows.map((r) => [r.product_id, toTally(r)]));
  return new Map(productIds.map((id) => [id, found.get(id) ?? EMPTY_TALLY]));
}
