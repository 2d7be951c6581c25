import type { AdminReview, ReviewInput, ReviewSort, ReviewStatus } from '@mercato/contracts';
import { selectPage, type Queryable, type Tx } from '@mercato/kernel';
import { displayName } from '../domain/display-name.ts';

/** A review as stored, with its author's display name: the admin's view; shoppers see less of it. */
export type StoredReview = AdminReview;

interface ReviewRow {
  id: string;
  product_id: string;
  customer_id: string;
  author_name: string | null;
  rating: number;
  title: string;
  body: string;
  status: ReviewStatus;
  moderated_by: string | null;
  moderated_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

/** Columns of a review `r` with its author `a` (LEFT JOIN: an author whose registration has not arrived is null). */
const COLUMNS =
  'r.id, r.product_id, r.customer_id, a.name AS author_name, r.rating, r.title, r.body, r.status, r.moderated_by, r.moderated_at, ' +
  'r.created_at, r.updated_at';
const WITH_AUTHOR = 'LEFT JOIN reviews.authors a ON a.user_id = r.customer_id';

/** A statement that writes reviews, answered with the rows it wrote and their authors. */
const returningWithAuthor = (write: string) => `WITH r AS (${write} RETURNING *) SELECT ${COLUMNS} FROM r ${WITH_AUTHOR}`;

const toReview = (r: ReviewRow): StoredReview => ({
  id: r.id,
  productId: r.product_id,
  customerId: r.customer_id,
  authorName: displayName(r.author_name),
  rating: r.rating,
  title: r.title,
  body: r.body,
  status: r.status,
  moderatedBy: r.moderated_by,
  moderatedAt: r.moderated_at ? new Date(r.moderated_at).toISOString() : null,
  createdAt: new Date(r.created_at).toISOString(),
  updatedAt: new Date(r.updated_at).toISOString(),
});

/** Inserts the customer's review of the product, visible; null, and nothing written, when they have one already. */
export async function insertReview(
  tx: Tx,
  id: string,
  productId: string,
  customerId: string,
  input: ReviewInput,
): Promise<StoredReview | null> {
  const rows = await tx.query<ReviewRow>(
    returningWithAuthor(
      `INSERT INTO reviews.reviews (id, product_id, customer_id, rating, title, body) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (product_id, customer_id) DO NOTHING`,
    ),
    [id, productId, customerId, input.rating, input.title, input.body],
  );
  return rows[0] ? toReview(rows[0]) : null;
}

export async function findReview(db: Queryable, id: string, forUpdate = false): Promise<StoredReview | null> {
  const rows = await db.query<ReviewRow>(
    `SELECT ${COLUMNS} FROM reviews.reviews r ${WITH_AUTHOR} WHERE r.id = $1${forUpdate ? ' FOR UPDATE OF r' : ''}`,
    [id],
  );
  return rows[0] ? toReview(rows[0]) : null;
}

export async function findOwnReview(db: Queryable, productId: string, customerId: string, forUpdate = false): Promise<StoredReview | null> {
  const rows = await db.query<ReviewRow>(
    `SELECT ${COLUMNS} FROM reviews.reviews r ${WITH_AUTHOR}
     WHERE r.product_id = $1 AND r.customer_id = $2${forUpdate ? ' FOR UPDATE OF r' : ''}`,
    [productId, customerId],
  );
  return rows[0] ? toReview(rows[0]) : null;
}

/** Replaces what the review says; its status is the moderators' and stays as it is. */
export async function updateReview(tx: Tx, id: string, input: ReviewInput): Promise<StoredReview> {
  const rows = await tx.query<ReviewRow>(
    returningWithAuthor(`UPDATE reviews.reviews SET rating = $2, title = $3, body = $4, updated_at = now() WHERE id = $1`),
    [id, input.rating, input.title, input.body],
  );
  return toReview(rows[0]);
}

/** Hides or shows a review, noting the moderator. */
export async function moderateReview(tx: Tx, id: string, status: ReviewStatus, moderatorId: string): Promise<StoredReview> {
  const rows = await tx.query<ReviewRow>(
    returningWithAuthor(
      `UPDATE reviews.reviews SET status = $2, moderated_by = $3, moderated_at = now(), updated_at = now() WHERE id = $1`,
    ),
    [id, status, moderatorId],
  );
  return toReview(rows[0]);
}

/** Deletes the customer's review of the product and answers what it was; null when there was none. */
export async function deleteOwnReview(tx: Tx, productId: string, customerId: string): Promise<StoredReview | null> {
  const rows = await tx.query<ReviewRow>(returningWithAuthor(`DELETE FROM reviews.reviews WHERE product_id = $1 AND customer_id = $2`), [
    productId,
    customerId,
  ]);
  return rows[0] ? toReview(rows[0]) : null;
}

const ORDER: Record<ReviewSort, string> = {
  newest: 'r.created_at DESC, r.id DESC',
  rating: 'r.rating ASC, r.created_at DESC, r.id DESC',
  '-rating': 'r.rating DESC, r.created_at DESC, r.id DESC',
};

export interface ReviewFilter {
  productId?: string;
  status?: ReviewStatus;
  sort: ReviewSort;
  page: number;
  pageSize: number;
}

export async function listReviews(db: Queryable, f: ReviewFilter): Promise<{ items: StoredReview[]; total: number }> {
  const { rows, total } = await selectPage<ReviewRow>(db, {
    columns: COLUMNS,
    table: `reviews.reviews r ${WITH_AUTHOR}`,
    equal: { 'r.product_id': f.productId, 'r.status': f.status },
    orderBy: ORDER[f.sort],
    page: f.page,
    pageSize: f.pageSize,
  });
  return { items: rows.map(toReview), total };
}
