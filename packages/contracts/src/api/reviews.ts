import { z } from 'zod';
import { pageOf, pageQuery, uuid } from './common.ts';

/** How many products one ratings request may ask about: a catalog page's worth. */
export const RATINGS_MAX_IDS = 100;

/** A hidden review stays with its author but leaves the product's page and its summary. */
export const REVIEW_STATUSES = ['visible', 'hidden'] as const;
export const reviewStatus = z.enum(REVIEW_STATUSES);
export type ReviewStatus = z.infer<typeof reviewStatus>;

/** What a customer writes; a change replaces all three. */
export const reviewInput = z.object({
  rating: z.number().int().min(1).max(5),
  title: z.string().trim().min(1).max(120),
  body: z.string().trim().min(1).max(5000),
});
export type ReviewInput = z.infer<typeof reviewInput>;

export const review = z.object({
  id: uuid,
  productId: uuid,
  /** The author as other shoppers see them; null until their registration has reached reviews. */
  authorName: z.string().nullable(),
  rating: z.number().int(),
  title: z.string(),
  body: z.string(),
  status: reviewStatus,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Review = z.infer<typeof review>;

/** A review as moderators see it: whose it is and who last hid or showed it. */
export const adminReview = review.extend({
  customerId: uuid,
  moderatedBy: uuid.nullable(),
  moderatedAt: z.string().nullable(),
});
export type AdminReview = z.infer<typeof adminReview>;

/** The visible reviews of a product: how many of each rating, and their average to one decimal (null without any). */
export const ratingSummary = z.object({
  average: z.number().nullable(),
  count: z.number().int(),
  histogram: z.object({ 1: z.number().int(), 2: z.number().int(), 3: z.number().int(), 4: z.number().int(), 5: z.number().int() }),
});
export type RatingSummary = z.infer<typeof ratingSummary>;

/** `rating`: lowest first; `-rating`: highest first; ties newest first. */
export const reviewSort = z.enum(['newest', 'rating', '-rating']);
export type ReviewSort = z.infer<typeof reviewSort>;

export const reviewListQuery = pageQuery.extend({ sort: reviewSort.default('newest') });

export const reviewPage = pageOf(review).extend({ summary: ratingSummary });

export const adminReviewQuery = pageQuery.extend({ status: reviewStatus.optional(), productId: uuid.optional() });

export const ratingsQuery = z.object({
  ids: z
    .string()
    .max(40 * RATINGS_MAX_IDS)
    .transform((s) => [...new Set(s.split(',').filter(Boolean))])
    .pipe(z.array(uuid).min(1).max(RATINGS_MAX_IDS)),
});

export const productRatings = z.object({ items: z.array(ratingSummary.extend({ productId: uuid })) });
