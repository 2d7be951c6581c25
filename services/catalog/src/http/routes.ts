import { idParams, product, productInput, productPatch, productQuery, pageOf } from '@mercato/contracts';
import { conflict, newId, notFound, adminOnly, type HttpApp, type ServiceContext } from '@mercato/kernel';
import {
  findProduct,
  insertProduct,
  saveProduct,
  searchProducts,
  skuTaken,
  softDeleteProduct,
  type StoredProduct,
} from '../db/products-repo.ts';

const etagOf = (p: StoredProduct) => `"${p.id}.${p.version}"`;
const tags = ['catalog'];
const admin = [{ bearerAuth: [] }];

const eventPayload = (p: StoredProduct) => ({
  productId: p.id,
  sku: p.sku,
  name: p.name,
  priceCents: p.priceCents,
  currency: p.currency,
});

export function catalogRoutes(app: HttpApp, ctx: ServiceContext) {
  const { db, outbox } = ctx;

  app.get(
    '/api/products',
    { schema: { tags, summary: 'Search the catalog', querystring: productQuery, response: { 200: pageOf(product) } } },
    async (req) => {
      const { items, total } = await searchProducts(db, req.query);
      return { items, page: req.query.page, pageSize: req.query.pageSize, total };
    },
  );

  app.get(
    '/api/products/:id',
    { schema: { tags, summary: 'One product (ETag, If-None-Match)', params: idParams } },
    async (req, reply) => {
      const p = await findProduct(db, req.params.id);
      if (!p) throw notFound('Product');
      const etag = etagOf(p);
      reply.header('etag', etag).header('cache-control', 'no-cache');
      const inm = req.headers['if-none-match'];
      if (inm && inm.split(',').some((t: string) => t.trim() === etag || t.trim() === `W/${etag}`)) return reply.code(304).send();
      return p;
    },
  );

  app.post(
    '/api/products',
    { ...adminOnly, schema: { tags, summary: 'Create a product (admin)', security: admin, body: productInput, response: { 201: product } } },
    async (req, reply) => {
      const created = await db.transaction(async (tx) => {
        const p = await insertProduct(tx, newId(), req.body);
        if (!p) throw conflict('duplicate_sku', `A product with sku ${req.body.sku} already exists`);
        outbox.emit(tx, 'product.created', p.id, eventPayload(p));
        return p;
      });
      return reply.code(201).header('etag', etagOf(created)).send(created);
    },
  );

  app.patch(
    '/api/products/:id',
    { ...adminOnly, schema: { tags, summary: 'Change a product (admin)', security: admin, params: idParams, body: productPatch, response: { 200: product } } },
    async (req, reply) => {
      const updated = await db.transaction(async (tx) => {
        const current = await findProduct(tx, req.params.id, true);
        if (!current) throw notFound('Product');
        const patch = Object.fromEntries(Object.entries(req.body).filter(([, v]) => v !== undefined));
        if (patch.sku && (await skuTaken(tx, patch.sku as string, current.id)))
          throw conflict('duplicate_sku', `A product with sku ${patch.sku} already exists`);
        const p = await saveProduct(tx, { ...current, ...patch });
        outbox.emit(tx, 'product.updated', p.id, eventPayload(p));
        return p;
      });
      return reply.header('etag', etagOf(updated)).send(updated);
    },
  );

  app.delete(
    '/api/products/:id',
    { ...adminOnly, schema: { tags, summary: 'Delete a product (admin)', security: admin, params: idParams } },
    async (req, reply) => {
      await db.transaction(async (tx) => {
        if (!(await softDeleteProduct(tx, req.params.id))) throw notFound('Product');
        outbox.emit(tx, 'product.deleted', req.params.id, { productId: req.params.id });
      });
      return reply.code(204).send();
    },
  );
}
