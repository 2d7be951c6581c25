export * from './events.ts';
export * from './api/common.ts';
export * from './api/catalog.ts';
export * from './api/inventory.ts';
export * from './api/orders.ts';
export * from './api/payments.ts';
export * from './api/notifications.ts';
export * from './api/identity.ts';
