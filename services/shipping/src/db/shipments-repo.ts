import type { Shipment, ShipmentStatus } from '@mercato/contracts';
import { selectPage, type Queryable, type Tx } from '@mercato/kernel';

/** A tracking event as stored: with the id of the scan it came from, so a repeated scan is recorded once. */
export type StoredEvent = Shipment['events'][number] & { id: string };

export interface StoredShipment extends Omit<Shipment, 'events'> {
  events: StoredEvent[];
}

interface ShipmentRow {
  id: string;
  order_id: string;
  customer_id: string;
  carrier: string;
  tracking_number: string;
  tracking_url: string | null;
  status: ShipmentStatus;
  shipping_address: Shipment['shippingAddress'];
  items: Shipment['items'];
  events: StoredEvent[];
  created_at: Date;
  updated_at: Date;
  delivered_at: Date | null;
}

const COLUMNS =
  'id, order_id, customer_id, carrier, tracking_number, tracking_url, status, shipping_address, items, events, ' +
  'created_at, updated_at, delivered_at';

const toShipment = (r: ShipmentRow): StoredShipment => ({
  id: r.id,
  orderId: r.order_id,
  customerId: r.customer_id,
  carrier: r.carrier,
  trackingNumber: r.tracking_number,
  trackingUrl: r.tracking_url,
  status: r.status,
  shippingAddress: r.shipping_address,
  items: r.items,
  events: r.events,
  createdAt: new Date(r.created_at).toISOString(),
  updatedAt: new Date(r.updated_at).toISOString(),
  deliveredAt: r.delivered_at ? new Date(r.delivered_at).toISOString() : null,
});

export type NewShipment = Omit<StoredShipment, 'status' | 'createdAt' | 'updatedAt' | 'deliveredAt'>;

/** Inserts the order's shipment, LABEL_CREATED; null, and nothing written, when the order has one already. */
export async function insertShipment(tx: Tx, s: NewShipment): Promise<StoredShipment | null> {
  const rows = await tx.query<ShipmentRow>(
    `INSERT INTO shipping.shipments
       (id, order_id, customer_id, carrier, tracking_number, tracking_url, status, shipping_address, items, events)
     VALUES ($1, $2, $3, $4, $5, $6, 'LABEL_CREATED', $7, $8, $9)
     ON CONFLICT (order_id) DO NOTHING
     RETURNING ${COLUMNS}`,
    [
      s.id,
      s.orderId,
      s.customerId,
      s.carrier,
      s.trackingNumber,
      s.trackingUrl,
      JSON.stringify(s.shippingAddress),
      JSON.stringify(s.items),
      JSON.stringify(s.events),
    ],
  );
  return rows[0] ? toShipment(rows[0]) : null;
}

export async function findShipment(db: Queryable, id: string, forUpdate = false): Promise<StoredShipment | null> {
  const rows = await db.query<ShipmentRow>(`SELECT ${COLUMNS} FROM shipping.shipments WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [
    id,
  ]);
  return rows[0] ? toShipment(rows[0]) : null;
}

export interface ShipmentFilter {
  customerId?: string;
  orderId?: string;
  status?: ShipmentStatus;
  page: number;
  pageSize: number;
}

export async function listShipments(db: Queryable, f: ShipmentFilter): Promise<{ items: StoredShipment[]; total: number }> {
  const { rows, total } = await selectPage<ShipmentRow>(db, {
    columns: COLUMNS,
    table: 'shipping.shipments',
    equal: { customer_id: f.customerId, order_id: f.orderId, status: f.status },
    orderBy: 'created_at DESC, id DESC',
    page: f.page,
    pageSize: f.pageSize,
  });
  return { items: rows.map(toShipment), total };
}

/** Parcels still on their way, the longest unasked first, locked so that replicas split them. */
export async function lockOpenShipments(tx: Tx, checkedBefore: string, limit: number): Promise<StoredShipment[]> {
  const rows = await tx.query<ShipmentRow>(
    `SELECT ${COLUMNS} FROM shipping.shipments WHERE status <> 'DELIVERED' AND checked_at < $1::timestamptz
     ORDER BY checked_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
    [checkedBefore, limit],
  );
  return rows.map(toShipment);
}

/** Appends scans and sets the status they lead to, with the time of delivery when one of them delivered. */
export async function recordScans(
  tx: Tx,
  id: string,
  status: ShipmentStatus,
  added: StoredEvent[],
  deliveredAt: string | null,
): Promise<StoredShipment> {
  const rows = await tx.query<ShipmentRow>(
    `UPDATE shipping.shipments
     SET status = $2, events = events || $3::jsonb, updated_at = now(), delivered_at = coalesce(delivered_at, $4::timestamptz)
     WHERE id = $1
     RETURNING ${COLUMNS}`,
    [id, status, JSON.stringify(added), deliveredAt],
  );
  return toShipment(rows[0]);
}

/** Marks parcels as just asked about, so that the next poll asks about the others first. */
export async function markChecked(tx: Tx, ids: string[]): Promise<void> {
  if (ids.length) await tx.query(`UPDATE shipping.shipments SET checked_at = now() WHERE id = ANY($1::uuid[])`, [ids]);
}
