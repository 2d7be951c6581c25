/** The typed API client: one function per call in the endpoint table. */
import { endpoints as ep } from './endpoints.ts';
import { call, urlFor } from './http.ts';
import type {
  Cart,
  DeadLetter,
  Dispute,
  DisputeReason,
  DisputeStatus,
  Notification,
  NotificationPage,
  Order,
  OrderStats,
  OrderStatus,
  Page,
  Payment,
  PlaceOrderInput,
  Product,
  ProductInput,
  ProductSort,
  ProductRating,
  Promotion,
  PromotionInput,
  PromotionPatch,
  PromotionQuote,
  RegisterInput,
  Review,
  ReviewInput,
  ReviewPage,
  ReviewSort,
  Return,
  ReturnRequestInput,
  ReturnStatus,
  Shipment,
  ShipmentStatus,
  StockLevel,
  TokenPair,
  TrackingUpdateInput,
  User,
  Wishlist,
} from './types.ts';

const id = (value: string) => ({ id: value });

export const api = {
  auth: {
    register: (body: RegisterInput) => call<User>(ep.register, { body }),
    login: (body: { email: string; password: string }) => call<TokenPair>(ep.login, { body }),
    refresh: (refreshToken: string) => call<TokenPair>(ep.refresh, { body: { refreshToken } }),
    logout: (refreshToken: string) => call<void>(ep.logout, { body: { refreshToken } }),
    me: () => call<User>(ep.me),
  },

  products: {
    list: (query: { q?: string; category?: string; ids?: string[]; page?: number; pageSize?: number; sort?: ProductSort }) =>
      call<Page<Product>>(ep.listProducts, { query: { ...query, ids: query.ids?.join(',') } }),
    get: (productId: string) => call<Product>(ep.getProduct, { params: id(productId) }),
    create: (body: ProductInput) => call<Product>(ep.createProduct, { body }),
    update: (productId: string, body: Partial<ProductInput>) => call<Product>(ep.updateProduct, { params: id(productId), body }),
    remove: (productId: string) => call<void>(ep.deleteProduct, { params: id(productId) }),
  },

  reviews: {
    list: (productId: string, query: { page?: number; pageSize?: number; sort?: ReviewSort }) =>
      call<ReviewPage>(ep.listReviews, { params: id(productId), query }),
    /** The rating summaries of a catalog page's products, in one call (at most 100 ids). */
    ratings: async (productIds: string[]): Promise<ProductRating[]> => {
      if (productIds.length === 0) return [];
      return (await call<{ items: ProductRating[] }>(ep.productRatings, { query: { ids: productIds.join(',') } })).items;
    },
    create: (productId: string, body: ReviewInput) => call<Review>(ep.createReview, { params: id(productId), body }),
    /** The caller's review of the product, or null when they have written none (the API answers 204). */
    mine: async (productId: string): Promise<Review | null> =>
      (await call<Review | undefined>(ep.getMyReview, { params: id(productId) })) ?? null,
    updateMine: (productId: string, body: ReviewInput) => call<Review>(ep.updateMyReview, { params: id(productId), body }),
    removeMine: (productId: string) => call<void>(ep.deleteMyReview, { params: id(productId) }),
  },

  inventory: {
    get: (productId: string) => call<StockLevel>(ep.getStock, { params: { productId } }),
    list: async (productIds: string[]): Promise<StockLevel[]> => {
      if (productIds.length === 0) return [];
      const res = await call<{ items: StockLevel[] }>(ep.listStock, { query: { productIds: productIds.join(',') } });
      return res.items;
    },
    set: (productId: string, onHand: number) => call<StockLevel>(ep.setStock, { params: { productId }, body: { onHand } }),
    low: (threshold = 5, limit = 20) => call<{ items: StockLevel[] }>(ep.lowStock, { query: { threshold, limit } }),
  },

  cart: {
    get: () => call<Cart>(ep.getCart),
    add: (productId: string, quantity: number) => call<Cart>(ep.addCartItem, { body: { productId, quantity } }),
    set: (productId: string, quantity: number) => call<Cart>(ep.setCartItem, { params: { productId }, body: { quantity } }),
    remove: (productId: string) => call<Cart>(ep.removeCartItem, { params: { productId } }),
    clear: () => call<Cart | undefined>(ep.clearCart),
    merge: (cartId: string) => call<Cart>(ep.mergeCart, { body: { cartId } }),
  },

  orders: {
    place: (body: PlaceOrderInput, idempotencyKey: string) =>
      call<Order>(ep.placeOrder, { body, headers: { 'idempotency-key': idempotencyKey } }),
    list: (query: { page?: number; pageSize?: number; status?: OrderStatus | ''; all?: boolean; from?: string; to?: string }) =>
      call<Page<Order>>(ep.listOrders, { query: { ...query, all: query.all ? 'true' : undefined } }),
    get: (orderId: string) => call<Order>(ep.getOrder, { params: id(orderId) }),
    cancel: (orderId: string) => call<Order>(ep.cancelOrder, { params: id(orderId) }),
    ship: (orderId: string) => call<Order>(ep.shipOrder, { params: id(orderId) }),
  },

  shipments: {
    list: (query: { status?: ShipmentStatus | ''; page?: number; pageSize?: number }) => call<Page<Shipment>>(ep.listShipments, { query }),
    /** The order's shipment; null until shipping has bought its label, a moment after the order ships. */
    forOrder: async (orderId: string): Promise<Shipment | null> =>
      (await call<Page<Shipment>>(ep.listShipments, { query: { orderId } })).items[0] ?? null,
    track: (shipmentId: string, body: TrackingUpdateInput) => call<Shipment>(ep.recordTracking, { params: id(shipmentId), body }),
  },

  returns: {
    request: (body: ReturnRequestInput, idempotencyKey: string) =>
      call<Return>(ep.requestReturn, { body, headers: { 'idempotency-key': idempotencyKey } }),
    list: (query: { orderId?: string; status?: ReturnStatus | ''; page?: number; pageSize?: number }) =>
      call<Page<Return>>(ep.listReturns, { query }),
    /** Every return of one order (an order has a handful at most: one page of the largest size). */
    forOrder: async (orderId: string): Promise<Return[]> =>
      (await call<Page<Return>>(ep.listReturns, { query: { orderId, pageSize: 100 } })).items,
    get: (returnId: string) => call<Return>(ep.getReturn, { params: id(returnId) }),
    // Staff decisions take a JSON body even without a note: the shop refuses an empty one.
    approve: (returnId: string, note?: string) => call<Return>(ep.approveReturn, { params: id(returnId), body: note ? { note } : {} }),
    reject: (returnId: string, note?: string) => call<Return>(ep.rejectReturn, { params: id(returnId), body: note ? { note } : {} }),
    receive: (returnId: string, note?: string) => call<Return>(ep.receiveReturn, { params: id(returnId), body: note ? { note } : {} }),
    /** The customer withdraws it (until the items are received). */
    cancel: (returnId: string) => call<Return>(ep.cancelReturn, { params: id(returnId) }),
  },

  promotions: {
    /** What `code` takes off this subtotal for the caller now; 404 for no such code, 409 saying why it does not apply. */
    quote: (code: string, subtotalCents: number, currency: string) =>
      call<PromotionQuote>(ep.quotePromotion, { params: { code }, query: { subtotalCents, currency } }),
  },

  payments: {
    forOrder: (orderId: string) => call<{ items: Payment[] }>(ep.listPayments, { query: { orderId } }),
  },

  wishlist: {
    get: () => call<Wishlist>(ep.getWishlist),
    /** 201 when added, 200 when it was saved already: either way it is saved. */
    add: (productId: string) => call<unknown>(ep.saveToWishlist, { params: { productId } }),
    remove: (productId: string) => call<void>(ep.removeFromWishlist, { params: { productId } }),
  },

  notifications: {
    list: (query: { unread?: boolean; page?: number; pageSize?: number } = {}) =>
      call<NotificationPage>(ep.listNotifications, { query: { ...query, unread: query.unread ? 'true' : undefined } }),
    markRead: (notificationId: string) => call<Notification | void>(ep.markNotificationRead, { params: id(notificationId) }),
    markAllRead: () => call<void>(ep.markAllNotificationsRead),
  },

  admin: {
    orderStats: (hours = 24) => call<OrderStats>(ep.orderStats, { query: { hours } }),
    promotions: (query: { active?: 'true' | 'false'; page?: number; pageSize?: number }) =>
      call<Page<Promotion>>(ep.adminPromotions, { query }),
    createPromotion: (body: PromotionInput) => call<Promotion>(ep.createPromotion, { body }),
    updatePromotion: (promotionId: string, body: PromotionPatch) => call<Promotion>(ep.updatePromotion, { params: id(promotionId), body }),
    /** What the provider's webhook reports: the card's bank opened a dispute on the payment. */
    recordDispute: (paymentId: string, body: { reason: DisputeReason; amountCents?: number }) =>
      call<Dispute>(ep.recordDispute, { params: id(paymentId), body }),
    disputes: (query: { status?: DisputeStatus; page?: number; pageSize?: number }) => call<Page<Dispute>>(ep.disputes, { query }),
    disputeEvidence: (disputeId: string, text: string) => call<Dispute>(ep.disputeEvidence, { params: id(disputeId), body: { text } }),
    resolveDispute: (disputeId: string, outcome: 'won' | 'lost') =>
      call<Dispute>(ep.resolveDispute, { params: id(disputeId), body: { outcome } }),
    deadLetters: () => call<{ items: DeadLetter[] }>(ep.deadLetters),
    replayDeadLetter: (deadLetterId: string) => call<unknown>(ep.replayDeadLetter, { params: id(deadLetterId) }),
  },

  /** The URL of the live order stream for EventSource (which cannot send headers). */
  eventsUrl: (accessToken: string) => urlFor(ep.events, {}, { access_token: accessToken }),
};
