import type { EventSchemas } from '@mercato/contracts';
import { defineService } from '@mercato/kernel';
import { fileURLToPath } from 'node:url';
import { reviewMachine } from './domain/review-machine.ts';
import { onOrderDelivered } from './handlers/order-delivered.ts';
import { onUserRegistered } from './handlers/user-registered.ts';
import { reviewsRoutes } from './http/routes.ts';

/**
 * Reviews: customers rate and review the products their orders delivered, once each; shoppers read
 * them with a summary kept up to date in the transaction of every change; admins hide and show them.
 */
export const reviewsService = defineService<EventSchemas>()({
  name: 'reviews',
  // Route patterns inside catalog's /api/products: a static or parametric route wins over its wildcard.
  publicPaths: ['/api/products/ratings', '/api/products/:id/reviews', '/api/admin/reviews'],
  migrationsDir: fileURLToPath(new URL('../migrations', import.meta.url)),
  stateMachines: [reviewMachine],
  create(ctx) {
    return {
      routes: (app) => reviewsRoutes(app, ctx),
      handlers: { 'order.delivered': onOrderDelivered, 'user.registered': onUserRegistered },
    };
  },
});
