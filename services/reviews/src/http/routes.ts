import { z } from 'zod';
import {
  adminReview,
  adminReviewQuery,
  idParams,
  pageOf,
  productRatings,
  ratingsQuery,
  review,
  reviewInput,
  reviewListQuery,
  reviewPage,
  type Review,
} from '@mercato/contracts';
import { adminOnly, requireUser, signedIn, type HttpApp, type ServiceContext } from '@mercato/kernel';
import { changeReview } from '../app/change-review.ts';
import { deleteReview } from '../app/delete-review.ts';
import { hideReview } from '../app/hide-review.ts';
import { showReview } from '../app/show-review.ts';
import { writeReview } from '../app/write-review.ts';
import { findTallies } from '../db/ratings-repo.ts';
import { findOwnReview, listReviews, type StoredReview } from '../db/reviews-repo.ts';
import { summarize } from '../domain/rating-tally.ts';

const tags = ['reviews'];
const security = [{ bearerAuth: [] }];

/** A review as shoppers see it: not whose account wrote it, nor who moderated it. */
const view = ({ customerId: _c, moderatedBy: _b, moderatedAt: _a, ...r }: StoredReview): Review => r;

export function reviewsRoutes(app: HttpApp, ctx: ServiceContext) {
  const { db } = ctx;

  app.get(
    '/api/products/ratings',
    {
      schema: {
        tags,
        summary: 'The rating summaries of several products at once (for a catalog page)',
        description: 'ids: up to 100 product ids, comma separated. A product without visible reviews has count 0 and average null.',
        querystring: ratingsQuery,
        response: { 200: productRatings },
      },
    },
    async (req) => {
      const tallies = await findTallies(db, req.query.ids);
      return { items: [...tallies].map(([productId, t]) => ({ productId, ...summarize(t) })) };
    },
  );

  app.get(
    '/api/products/:id/reviews',
    {
      schema: {
        tags,
        summary: "A product's visible reviews with their summary",
        description: 'sort: newest (default), rating (lowest first) or -rating (highest first).',
        params: idParams,
        querystring: reviewListQuery,
        response: { 200: reviewPage },
      },
    },
    async (req) => {
      const productId = req.params.id;
      const [{ items, total }, tallies] = await Promise.all([
        listReviews(db, { ...req.query, productId, status: 'visible' }),
        findTallies(db, [productId]),
      ]);
      return {
        items: items.map(view),
        page: req.query.page,
        pageSize: req.query.pageSize,
        total,
        summary: summarize(tallies.get(productId)!),
      };
    },
  );

  app.post(
    '/api/products/:id/reviews',
    {
      ...signedIn,
      schema: {
        tags,
        summary: 'Review a product you received',
        description:
          'Only a customer to whom an order delivered the product may review it (else 409 review_needs_purchase),' +
          ' once (else 409 review_exists).',
        security,
        params: idParams,
        body: reviewInput,
        response: { 201: review },
      },
    },
    async (req, reply) => {
      const productId = req.params.id;
      const created = await writeReview(db, requireUser(req).userId, productId, req.body);
      return reply.code(201).header('location', `/api/products/${productId}/reviews/mine`).send(view(created));
    },
  );

  app.get(
    '/api/products/:id/reviews/mine',
    {
      ...signedIn,
      schema: {
        tags,
        summary: 'Your review of a product, hidden or not',
        description: 'No content (204) when you have not reviewed the product: a page asks before offering the form.',
        security,
        params: idParams,
        response: { 200: review, 204: z.null().describe('You have not reviewed this product') },
      },
    },
    async (req, reply) => {
      const found = await findOwnReview(db, req.params.id, requireUser(req).userId);
      return found ? view(found) : reply.code(204).send(null);
    },
  );

  app.put(
    '/api/products/:id/reviews/mine',
    {
      ...signedIn,
      schema: {
        tags,
        summary: 'Change your review of a product',
        description: 'A hidden review stays hidden.',
        security,
        params: idParams,
        body: reviewInput,
        response: { 200: review },
      },
    },
    async (req) => view(await changeReview(db, requireUser(req).userId, req.params.id, req.body)),
  );

  app.delete(
    '/api/products/:id/reviews/mine',
    { ...signedIn, schema: { tags, summary: 'Delete your review of a product', security, params: idParams } },
    async (req, reply) => {
      await deleteReview(db, requireUser(req).userId, req.params.id);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/admin/reviews',
    {
      ...adminOnly,
      schema: {
        tags,
        summary: 'Every review, newest first (admin); filter by status and product',
        security,
        querystring: adminReviewQuery,
        response: { 200: pageOf(adminReview) },
      },
    },
    async (req) => {
      const { items, total } = await listReviews(db, { ...req.query, sort: 'newest' });
      return { items, page: req.query.page, pageSize: req.query.pageSize, total };
    },
  );

  const MODERATION = [
    ['hide', "Hide a review (admin): it leaves the product's page and its summary", hideReview],
    ['show', 'Show a hidden review again (admin)', showReview],
  ] as const;
  for (const [action, summary, command] of MODERATION) {
    app.post(
      `/api/admin/reviews/:id/${action}`,
      {
        ...adminOnly,
        schema: {
          tags,
          summary,
          description: 'A review that is so already is answered as it is.',
          security,
          params: idParams,
          response: { 200: adminReview },
        },
      },
      async (req) => command(db, requireUser(req).userId, req.params.id),
    );
  }
}
