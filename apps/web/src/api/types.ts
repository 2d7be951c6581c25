/**
 * The DTOs the app sees. Most come from @mercato/contracts, the same zod schemas the services validate
 * with and generate their OpenAPI document from, so a change on the server is a type error here.
 */
import type { z } from 'zod';
import type {
  Cart,
  DeadLetterView,
  Dispute,
  DISPUTE_REASONS,
  DISPUTE_STATUSES,
  productSort,
  CartLineView,
  Notification,
  OrderStats,
  Order,
  OrderStatus,
  Payment,
  PaymentMethod,
  TestPaymentMethod,
  Product,
  Promotion,
  PromotionQuote,
  RatingSummary,
  Review,
  ReviewInput,
  ReviewSort,
  ReturnStatus,
  ReturnView,
  Shipment,
  ShipmentStatus,
  StockLevel,
  TokenPair,
  User,
  Wishlist,
  WishlistItem,
  placeOrderInput,
  promotionInput,
  promotionPatch,
  productInput,
  registerInput,
  returnRequestInput,
  returnReason,
  shippingAddress,
  trackingUpdateInput,
} from '@mercato/contracts';

export type {
  Dispute,
  Cart,
  Notification,
  Order,
  OrderStats,
  OrderStatus,
  Payment,
  PaymentMethod,
  TestPaymentMethod,
  Product,
  Promotion,
  PromotionQuote,
  RatingSummary,
  Review,
  ReviewInput,
  ReviewSort,
  ReturnStatus,
  Shipment,
  ShipmentStatus,
  StockLevel,
  TokenPair,
  User,
  Wishlist,
  WishlistItem,
};
export type Return = ReturnView;
export type ReturnReason = z.infer<typeof returnReason>;
export type PaymentStatus = Payment['status'];
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];
export type DisputeReason = (typeof DISPUTE_REASONS)[number];
export type CartLine = CartLineView;

export type ProductInput = z.input<typeof productInput>;
export type RegisterInput = z.input<typeof registerInput>;
export type PlaceOrderInput = z.input<typeof placeOrderInput>;
export type PromotionInput = z.input<typeof promotionInput>;
export type PromotionPatch = z.input<typeof promotionPatch>;
export type ShippingAddress = z.input<typeof shippingAddress>;
export type TrackingUpdateInput = z.input<typeof trackingUpdateInput>;
export type ReturnRequestInput = z.input<typeof returnRequestInput>;

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

export interface ReviewPage extends Page<Review> {
  summary: RatingSummary;
}
export type ProductRating = RatingSummary & { productId: string };

export type ProductSort = z.infer<typeof productSort>;

export interface NotificationPage extends Page<Notification> {
  unreadCount: number;
}

export type DeadLetter = DeadLetterView;

/** What the gateway pushes on /api/events (event name `order`). */
export interface OrderEvent {
  orderId: string;
  status: OrderStatus;
  statusReason: string | null;
}

/** RFC 9457 problem details as Mercato sends them. */
export interface Problem {
  status: number;
  code: string;
  title?: string;
  detail: string;
  errors?: Array<{ field: string; message: string }>;
}
