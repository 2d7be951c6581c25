export * from './events.ts';
export * from './api/common.ts';
export * from './api/catalog.ts';
export * from './api/inventory.ts';
export * from './api/orders.ts';
