/**
 * Every HTTP call the web app makes, in one table: the client builds its requests from it, and the
 * end-to-end suite checks each entry (method, path, query parameters) against the gateway's live
 * OpenAPI document (`/docs/json`), so the app and the API cannot drift apart unnoticed.
 *
 * Paths use OpenAPI's `{param}` form. Plain data only: the test imports this file under Node.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Endpoint {
  readonly method: HttpMethod;
  readonly path: string;
  /** Query parameters the app may send. */
  readonly query?: readonly string[];
  /** Owned by a cart: sent with X-Cart-Id when nobody is signed in. */
  readonly cart?: boolean;
  /** The auth calls themselves: sent without the access token (a stale one would be refused) and never retried. */
  readonly anonymous?: boolean;
}

const e = <T extends Endpoint>(x: T) => x;

export const endpoints = {
  // identity
  register: e({ method: 'POST', path: '/api/auth/register', anonymous: true }),
  login: e({ method: 'POST', path: '/api/auth/login', anonymous: true }),
  refresh: e({ method: 'POST', path: '/api/auth/refresh', anonymous: true }),
  logout: e({ method: 'POST', path: '/api/auth/logout', anonymous: true }),
  me: e({ method: 'GET', path: '/api/users/me' }),

  // catalog
  listProducts: e({ method: 'GET', path: '/api/products', query: ['q', 'category', 'ids', 'page', 'pageSize', 'sort'] }),
  getProduct: e({ method: 'GET', path: '/api/products/{id}' }),
  createProduct: e({ method: 'POST', path: '/api/products' }),
  updateProduct: e({ method: 'PATCH', path: '/api/products/{id}' }),
  deleteProduct: e({ method: 'DELETE', path: '/api/products/{id}' }),

  // reviews
  productRatings: e({ method: 'GET', path: '/api/products/ratings', query: ['ids'] }),
  listReviews: e({ method: 'GET', path: '/api/products/{id}/reviews', query: ['page', 'pageSize', 'sort'] }),
  createReview: e({ method: 'POST', path: '/api/products/{id}/reviews' }),
  getMyReview: e({ method: 'GET', path: '/api/products/{id}/reviews/mine' }),
  updateMyReview: e({ method: 'PUT', path: '/api/products/{id}/reviews/mine' }),
  deleteMyReview: e({ method: 'DELETE', path: '/api/products/{id}/reviews/mine' }),

  // inventory
  getStock: e({ method: 'GET', path: '/api/inventory/{productId}' }),
  listStock: e({ method: 'GET', path: '/api/inventory', query: ['productIds'] }),
  setStock: e({ method: 'PUT', path: '/api/inventory/{productId}' }),
  lowStock: e({ method: 'GET', path: '/api/admin/inventory/low-stock', query: ['threshold', 'limit'] }),

  // cart
  getCart: e({ method: 'GET', path: '/api/cart', cart: true }),
  addCartItem: e({ method: 'POST', path: '/api/cart/items', cart: true }),
  setCartItem: e({ method: 'PUT', path: '/api/cart/items/{productId}', cart: true }),
  removeCartItem: e({ method: 'DELETE', path: '/api/cart/items/{productId}', cart: true }),
  clearCart: e({ method: 'DELETE', path: '/api/cart', cart: true }),
  mergeCart: e({ method: 'POST', path: '/api/cart/merge' }),

  // orders
  placeOrder: e({ method: 'POST', path: '/api/orders' }),
  listOrders: e({ method: 'GET', path: '/api/orders', query: ['page', 'pageSize', 'status', 'all', 'from', 'to'] }),
  getOrder: e({ method: 'GET', path: '/api/orders/{id}' }),
  cancelOrder: e({ method: 'POST', path: '/api/orders/{id}/cancel' }),
  shipOrder: e({ method: 'POST', path: '/api/orders/{id}/ship' }),

  // promotions
  quotePromotion: e({ method: 'GET', path: '/api/promotions/{code}/quote', query: ['subtotalCents', 'currency'] }),

  // payments
  listPayments: e({ method: 'GET', path: '/api/payments', query: ['orderId'] }),

  // shipping
  listShipments: e({ method: 'GET', path: '/api/shipments', query: ['orderId', 'status', 'page', 'pageSize'] }),
  recordTracking: e({ method: 'POST', path: '/api/shipments/{id}/tracking' }),

  // returns
  requestReturn: e({ method: 'POST', path: '/api/returns' }),
  listReturns: e({ method: 'GET', path: '/api/returns', query: ['orderId', 'status', 'page', 'pageSize'] }),
  getReturn: e({ method: 'GET', path: '/api/returns/{id}' }),
  approveReturn: e({ method: 'POST', path: '/api/returns/{id}/approve' }),
  rejectReturn: e({ method: 'POST', path: '/api/returns/{id}/reject' }),
  receiveReturn: e({ method: 'POST', path: '/api/returns/{id}/receive' }),
  cancelReturn: e({ method: 'POST', path: '/api/returns/{id}/cancel' }),

  // wishlists
  getWishlist: e({ method: 'GET', path: '/api/wishlist' }),
  saveToWishlist: e({ method: 'PUT', path: '/api/wishlist/items/{productId}' }),
  removeFromWishlist: e({ method: 'DELETE', path: '/api/wishlist/items/{productId}' }),

  // notifications
  listNotifications: e({ method: 'GET', path: '/api/notifications', query: ['unread', 'page', 'pageSize'] }),
  markNotificationRead: e({ method: 'POST', path: '/api/notifications/{id}/read' }),
  markAllNotificationsRead: e({ method: 'POST', path: '/api/notifications/read-all' }),

  // admin
  orderStats: e({ method: 'GET', path: '/api/admin/orders/stats', query: ['hours'] }),
  adminPromotions: e({ method: 'GET', path: '/api/admin/promotions', query: ['active', 'page', 'pageSize'] }),
  createPromotion: e({ method: 'POST', path: '/api/admin/promotions' }),
  updatePromotion: e({ method: 'PATCH', path: '/api/admin/promotions/{id}' }),
  recordDispute: e({ method: 'POST', path: '/api/admin/payments/{id}/disputes' }),
  disputes: e({ method: 'GET', path: '/api/admin/disputes', query: ['status', 'page', 'pageSize'] }),
  disputeEvidence: e({ method: 'POST', path: '/api/admin/disputes/{id}/evidence' }),
  resolveDispute: e({ method: 'POST', path: '/api/admin/disputes/{id}/resolve' }),
  deadLetters: e({ method: 'GET', path: '/api/admin/dead-letters' }),
  replayDeadLetter: e({ method: 'POST', path: '/api/admin/dead-letters/{id}/replay' }),

  // live order updates (Server-Sent Events, opened with EventSource rather than fetch)
  events: e({ method: 'GET', path: '/api/events', query: ['access_token'] }),
} as const satisfies Record<string, Endpoint>;

export type EndpointName = keyof typeof endpoints;
