import type { Product, ProductInput } from '@mercato/contracts';
import type { Queryable } from '@mercato/kernel';

export interface StoredProduct extends Product {
  version: number;
}

interface ProductRow {
  id: string;
  sku: string;
  name: string;
  description: string;
  price_cents: number;
  currency: string;
  category: string;
  attributes: Record<string, unknown>;
  version: number;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = 'id, sku, name, description, price_cents, currency, category, attributes, version, created_at, updated_at';

const toProduct = (r: ProductRow): StoredProduct => ({
  id: r.id,
  sku: r.sku,
  name: r.name,
  description: r.description,
  priceCents: r.price_cents,
  currency: r.currency,
  category: r.category,
  attributes: r.attributes,
  version: r.version,
  createdAt: new Date(r.created_at).toISOString(),
  updatedAt: new Date(r.updated_at).toISOString(),
});

const SORTS: Record<string, string> = {
  name: 'name ASC, id',
  '-name': 'name DESC, id',
  price: 'price_cents ASC, id',
  '-price': 'price_cents DESC, id',
  newest: 'created_at DESC, id',
  oldest: 'created_at ASC, id',
};

export interface ProductSearch {
  q?: string;
  category?: string;
  ids?: string[];
  page: number;
  pageSize: number;
  sort: keyof typeof SORTS;
}

export async function insertProduct(db: Queryable, id: string, p: ProductInput): Promise<StoredProduct | null> {
  const rows = await db.query<ProductRow>(
    `INSERT INTO catalog.products (id, sku, name, description, price_cents, currency, category, attributes)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (lower(sku)) WHERE deleted_at IS NULL DO NOTHING
     RETURNING ${COLUMNS}`,
    [id, p.sku, p.name, p.description, p.priceCents, p.currency, p.category, JSON.stringify(p.attributes)],
  );
  return rows[0] ? toProduct(rows[0]) : null;
}

export async function findProduct(db: Queryable, id: string, forUpdate = false): Promise<StoredProduct | null> {
  const rows = await db.query<ProductRow>(
    `SELECT ${COLUMNS} FROM catalog.products WHERE id = $1 AND deleted_at IS NULL${forUpdate ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return rows[0] ? toProduct(rows[0]) : null;
}

export async function skuTaken(db: Queryable, sku: string, exceptId: string): Promise<boolean> {
  const rows = await db.query('SELECT 1 FROM catalog.products WHERE lower(sku) = lower($1) AND id <> $2 AND deleted_at IS NULL', [
    sku,
    exceptId,
  ]);
  return rows.length > 0;
}

export async function saveProduct(db: Queryable, p: StoredProduct): Promise<StoredProduct> {
  const rows = await db.query<ProductRow>(
    `UPDATE catalog.products SET sku = $2, name = $3, description = $4, price_cents = $5, currency = $6,
       category = $7, attributes = $8, version = version + 1, updated_at = now()
     WHERE id = $1 RETURNING ${COLUMNS}`,
    [p.id, p.sku, p.name, p.description, p.priceCents, p.currency, p.category, JSON.stringify(p.attributes)],
  );
  return toProduct(rows[0]);
}

export async function softDeleteProduct(db: Queryable, id: string): Promise<boolean> {
  const rows = await db.query(
    'UPDATE catalog.products SET deleted_at = now(), version = version + 1 WHERE id = $1 AND deleted_at IS NULL RETURNING id',
    [id],
  );
  return rows.length > 0;
}

export async function searchProducts(db: Queryable, s: ProductSearch): Promise<{ items: StoredProduct[]; total: number }> {
  const where = ['deleted_at IS NULL'];
  const params: unknown[] = [];
  if (s.q) {
    params.push(s.q);
    where.push(
      `(search @@ websearch_to_tsquery('simple', $${params.length})
        OR name ILIKE '%' || $${params.length} || '%' OR sku ILIKE $${params.length})`,
    );
  }
  if (s.category) {
    params.push(s.category);
    where.push(`lower(category) = lower($${params.length})`);
  }
  if (s.ids) {
    params.push(s.ids);
    where.push(`id = ANY($${params.length}::uuid[])`);
  }
  params.push(s.pageSize, (s.page - 1) * s.pageSize);
  const rows = await db.query<ProductRow & { total: number }>(
    `SELECT ${COLUMNS}, count(*) OVER () AS total FROM catalog.products
     WHERE ${where.join(' AND ')} ORDER BY ${SORTS[s.sort]} LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && s.page > 1) {
    const counted = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM catalog.products WHERE ${where.join(' AND ')}`,
      params.slice(0, -2),
    );
    total = counted[0].n;
  }
  return { items: rows.map(toProduct), total };
}

export async function countProducts(db: Queryable): Promise<number> {
  const rows = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM catalog.products WHERE deleted_at IS NULL');
  return rows[0].n;
}
