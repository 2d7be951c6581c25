import type { EventSchemas } from '@mercato/contracts';
import type { ServiceContext } from '@mercato/kernel';
import type { ShippingSettings } from '../settings.ts';

/** What the shipping service's commands are given: its ports and its settings; it calls no other service. */
export type ShippingContext = ServiceContext<EventSchemas, ShippingSettings, never>;
