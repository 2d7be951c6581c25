import { idParams, product, productInput, productPatch, productQuery, pageOf, type EventSchemas } from '@mercato/contracts';
import { notFound, adminOnly, type HttpApp, type ServiceContext } from '@mercato/kernel';
import { createProduct } from '../app/create-product.ts';
import { deleteProduct } from '../app/delete-product.ts';
import { updateProduct } from '../app/update-product.ts';
import { findProduct, searchProducts, type StoredProduct } from '../db/products-repo.ts';

const etagOf = (p: StoredProduct) => `"${p.id}.${p.version}"`;
const tags = ['catalog'];
const admin = [{ bearerAuth: [] }];

export function catalogRoutes(app: HttpApp, ctx: ServiceContext<EventSchemas>) {
  const { db } = ctx;

  app.get(
    '/api/products',
    { schema: { tags, summary: 'Search the catalog', querystring: productQuery, response: { 200: pageOf(product) } } },
    async (req) => {
      const { items, total } = await searchProducts(db, req.query);
      return { items, page: req.query.page, pageSize: req.query.pageSize, total };
    },
  );

  app.get('/api/products/:id', { schema: { tags, summary: 'One product (ETag, If-None-Match)', params: idParams } }, async (req, reply) => {
    const p = await findProduct(db, req.params.id);
    if (!p) throw notFound('Product');
    const etag = etagOf(p);
    reply.header('etag', etag).header('cache-control', 'no-cache');
    const inm = req.headers['if-none-match'];
    if (inm && inm.split(',').some((t: string) => t.trim() === etag || t.trim() === `W/${etag}`)) return reply.code(304).send();
    return p;
  });

  app.post(
    '/api/products',
    {
      ...adminOnly,
      schema: { tags, summary: 'Create a product (admin)', security: admin, body: productInput, response: { 201: product } },
    },
    async (req, reply) => {
      const created = await createProduct(ctx, req.body);
      return reply.code(201).header('etag', etagOf(created)).send(created);
    },
  );

  app.patch(
    '/api/products/:id',
    {
      ...adminOnly,
      schema: {
        tags,
        summary: 'Change a product (admin)',
        security: admin,
        params: idParams,
        body: productPatch,
        response: { 200: product },
      },
    },
    async (req, reply) => {
      const updated = await updateProduct(ctx, req.params.id, req.body);
      return reply.header('etag', etagOf(updated)).send(updated);
    },
  );

  app.delete(
    '/api/products/:id',
    { ...adminOnly, schema: { tags, summary: 'Delete a product (admin)', security: admin, params: idParams } },
    async (req, reply) => {
      await deleteProduct(ctx, req.params.id);
      return reply.code(204).send();
    },
  );
}
