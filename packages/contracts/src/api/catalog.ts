import { z } from 'zod';
import { currency, pageQuery, uuid } from './common.ts';

const attributes = z.record(z.string().max(64), z.union([z.string().max(500), z.number(), z.boolean()]));

export const productInput = z.object({
  sku: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, dot, dash and underscore only'),
  name: z.string().trim().min(1).max(200),
  description: z.string().max(5000).default(''),
  priceCents: z.number().int().min(0).max(100_000_000),
  currency,
  category: z.string().trim().min(1).max(100),
  attributes: attributes.refine((a) => Object.keys(a).length <= 50, 'at most 50 attributes').default({}),
});
export type ProductInput = z.infer<typeof productInput>;

export const productPatch = productInput.partial().refine((p) => Object.keys(p).length > 0, 'give at least one field');

export const product = z.object({
  id: uuid,
  sku: z.string(),
  name: z.string(),
  description: z.string(),
  priceCents: z.number().int(),
  currency: z.string(),
  category: z.string(),
  attributes: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Product = z.infer<typeof product>;

export const productSort = z.enum(['name', '-name', 'price', '-price', 'newest', 'oldest']);

export const productQuery = z
  .object({
    q: z.string().trim().max(200).optional(),
    category: z.string().trim().max(100).optional(),
    ids: z
      .string()
      .max(40 * 100)
      .transform((s) => s.split(',').filter(Boolean))
      .pipe(z.array(uuid).max(100))
      .optional(),
    sort: productSort.default('name'),
  })
  .extend(pageQuery.shape);
