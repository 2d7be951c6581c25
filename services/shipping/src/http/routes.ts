import { idParams, pageOf, shipment, shipmentListQuery, trackingUpdateInput } from '@mercato/contracts';
import { isStaff, requireOwner, requireUser, signedIn, staffOnly, type HttpApp } from '@mercato/kernel';
import type { ShippingContext } from '../app/context.ts';
import { updateTracking } from '../app/update-tracking.ts';
import { findShipment, listShipments, type StoredShipment } from '../db/shipments-repo.ts';

const tags = ['shipping'];
const security = [{ bearerAuth: [] }];

/** The API's view of a shipment: scans without the ids they are deduplicated by. */
const view = (s: StoredShipment) => ({ ...s, events: s.events.map(({ id: _, ...e }) => e) });

export function shippingRoutes(app: HttpApp, ctx: ShippingContext) {
  const { db } = ctx;

  app.get(
    '/api/shipments',
    {
      ...signedIn,
      schema: {
        tags,
        summary: "The caller's shipments, newest first (every customer's for admins and ops); filter by order and status",
        security,
        querystring: shipmentListQuery,
        response: { 200: pageOf(shipment) },
      },
    },
    async (req) => {
      const caller = requireUser(req);
      const { items, total } = await listShipments(db, { ...req.query, customerId: isStaff(caller) ? undefined : caller.userId });
      return { items: items.map(view), page: req.query.page, pageSize: req.query.pageSize, total };
    },
  );

  app.get(
    '/api/shipments/:id',
    {
      ...signedIn,
      schema: {
        tags,
        summary: 'One shipment with its tracking events (owner, admin or ops)',
        security,
        params: idParams,
        response: { 200: shipment },
      },
    },
    async (req) => {
      const found = await findShipment(db, req.params.id);
      requireOwner(req, found?.customerId, 'Shipment', isStaff);
      return view(found!);
    },
  );

  app.post(
    '/api/shipments/:id/tracking',
    {
      ...staffOnly,
      schema: {
        tags,
        summary: "Record a carrier's scan (admin or ops): in transit, out for delivery, delivered, or a delivery problem",
        description:
          'A scan after delivery, or one that would move the parcel backwards, answers 409. DELIVERED moves the order to DELIVERED.',
        security,
        params: idParams,
        body: trackingUpdateInput,
        response: { 200: shipment },
      },
    },
    async (req) => view(await updateTracking(ctx, req.params.id, req.body)),
  );
}
