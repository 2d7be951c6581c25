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
  type ReviewStatus,
} from '@mercato/contracts';
import { adminOnly, conflict, newId, notFound, requireUser, signedIn, type HttpApp, type ServiceContext } from '@mercato/kernel';
import { hasReceived } from '../db/customers-repo.ts';
import { findTallies } from '../db/ratings-repo.ts';
import { deleteOwnReview, findOwnReview, findReview, insertReview, listReviews, moderateReview, updateReview, type StoredReview } from '../db/reviews-repo.ts';
import { summarize } from '../domain/rating-tally.ts';
import { recount } from '../steps.ts';

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
      return { items: items.map(view), page: req.query.page, pageSize: req.query.pageSize, total, summary: summarize(tallies.get(productId)!) };
    },
  );

  app.post(
    '/api/products/:id/reviews',
    {
      ...signedIn,
      schema: {
        tags,
        summary: 'Review a product you received',
        description: 'Only a customer to whom an order delivered the product may review it (else 409 review_needs_purchase), once (else 409 review_exists).',
        security,
        params: idParams,
        body: reviewInput,
        response: { 201: review },
      },
    },
    async (req, reply) => {
      const { userId } = requireUser(req);
      const productId = req.params.id;
      const created = await db.transaction(async (tx) => {
        if (!(await hasReceived(tx, userId, productId))) throw conflict('review_needs_purchase', 'Only a customer who received this product may review it');
        const inserted = await insertReview(tx, newId(), productId, userId, req.body);
        if (!inserted) throw conflict('review_exists', 'You have reviewed this product already; change your review instead');
        await recount(tx, productId, null, inserted);
        return inserted;
      });
      return reply.code(201).header('location', `/api/products/${productId}/reviews/mine`).send(view(created));
    },
  );

  app.get(
    '/api/products/:id/reviews/mine',
    { ...signedIn, schema: { tags, summary: 'Your review of a product, hidden or not', security, params: idParams, response: { 200: review } } },
    async (req) => {
      const found = await findOwnReview(db, req.params.id, requireUser(req).userId);
      if (!found) throw notFound('Review');
      return view(found);
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
    async (req) => {
      const { userId } = requireUser(req);
      const productId = req.params.id;
      return db.transaction(async (tx) => {
        const before = await findOwnReview(tx, productId, userId, true);
        if (!before) throw notFound('Review');
        const after = await updateReview(tx, before.id, req.body);
        await recount(tx, productId, before, after);
        return view(after);
      });
    },
  );

  app.delete(
    '/api/products/:id/reviews/mine',
    { ...signedIn, schema: { tags, summary: 'Delete your review of a product', security, params: idParams } },
    async (req, reply) => {
      const { userId } = requireUser(req);
      const productId = req.params.id;
      await db.transaction(async (tx) => {
        const own = await findOwnReview(tx, productId, userId, true);
        if (!own) throw notFound('Review');
        // Else deleting a hidden review and writing it again would undo the moderators' decision.
        if (own.status === 'hidden') throw conflict('review_hidden', 'A review our moderators hid cannot be deleted; you may still change it');
        const deleted = (await deleteOwnReview(tx, productId, userId))!;
        await recount(tx, productId, deleted, null);
      });
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

  const MODERATION: Array<[action: string, status: ReviewStatus, summary: string]> = [
    ['hide', 'hidden', "Hide a review (admin): it leaves the product's page and its summary"],
    ['show', 'visible', 'Show a hidden review again (admin)'],
  ];
  for (const [action, status, summary] of MODERATION) {
    app.post(
      `/api/admin/reviews/:id/${action}`,
      { ...adminOnly, schema: { tags, summary, description: 'A review that is so already is answered as it is.', security, params: idParams, response: { 200: adminReview } } },
      async (req) => {
        const admin = requireUser(req);
        return db.transaction(async (tx) => {
          const before = await findReview(tx, req.params.id, true);
          if (!before) throw notFound('Review');
          if (before.status === status) return before;
          const after = await moderateReview(tx, before.id, status, admin.userId);
          await recount(tx, before.productId, before, after);
          return after;
        });
      },
    );
  }
}
