import { cartService } from '@mercato/cart';
import { catalogService } from '@mercato/catalog';
import { identityService } from '@mercato/identity';
import { inventoryService } from '@mercato/inventory';
import { notificationsService } from '@mercato/notifications';
import { ordersService } from '@mercato/orders';
import { paymentsService } from '@mercato/payments';
import type { ServiceModule } from '@mercato/kernel';

/** Every service behind the gateway. The gateway is the composition root, the one place that knows them all. */
export const SERVICES: ServiceModule<any>[] = [
  identityService,
  catalogService,
  inventoryService,
  ordersService,
  paymentsService,
  notificationsService,
  cartService,
];
