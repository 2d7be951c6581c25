export { startEmbeddedShop, type EmbeddedShop, type EmbeddedOptions } from './embedded/shop.ts';
export { seedDemoShop, DEMO_CUSTOMER } from './embedded/seed.ts';
export { SERVICES } from './services.ts';
