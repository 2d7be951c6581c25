import type { EventSchemas } from '@mercato/contracts';
import type { ServiceContext } from '@mercato/kernel';
import type { ReturnsSettings } from '../settings.ts';

/** What the returns service's commands are given: its ports, its settings and the orders client. */
export type ReturnsContext = ServiceContext<EventSchemas, ReturnsSettings, 'orders'>;
