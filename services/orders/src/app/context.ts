import type { EventSchemas } from '@mercato/contracts';
import type { ServiceContext } from '@mercato/kernel';
import type { OrdersSettings } from '../settings.ts';

/** What orders' commands run with: its ports, its settings and the clients of its upstreams. */
export type OrdersContext = ServiceContext<EventSchemas, OrdersSettings, 'catalog' | 'promotions'>;
