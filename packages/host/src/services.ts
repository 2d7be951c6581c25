import type { ServiceModule } from '@mercato/kernel';

/**
 * Every service behind the gateway, by name: the registry. The host is the composition root, the one
 * place that knows them all; a process that runs one service loads only that one.
 */
export const SERVICE_LOADERS: Record<string, () => Promise<ServiceModule>> = {
  identity: async () => (await import('@mercato/identity')).identityService,
  catalog: async () => (await import('@mercato/catalog')).catalogService,
  inventory: async () => (await import('@mercato/inventory')).inventoryService,
  orders: async () => (await import('@mercato/orders')).ordersService,
  promotions: async () => (await import('@mercato/promotions')).promotionsService,
  payments: async () => (await import('@mercato/payments')).paymentsService,
  shipping: async () => (await import('@mercato/shipping')).shippingService,
  returns: async () => (await import('@mercato/returns')).returnsService,
  reviews: async () => (await import('@mercato/reviews')).reviewsService,
  notifications: async () => (await import('@mercato/notifications')).notificationsService,
  cart: async () => (await import('@mercato/cart')).cartService,
  wishlists: async () => (await import('@mercato/wishlists')).wishlistsService,
};

export const SERVICE_NAMES = Object.keys(SERVICE_LOADERS);

export async function loadService(name: string): Promise<ServiceModule> {
  const load = SERVICE_LOADERS[name];
  if (!load) throw new Error(`unknown service ${name}; one of: ${SERVICE_NAMES.join(', ')}, gateway`);
  return load();
}
