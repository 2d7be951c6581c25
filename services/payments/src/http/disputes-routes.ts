import { dispute, disputeEvidenceInput, disputeInput, disputeListQuery, disputeResolutionInput, idParams, pageOf, type Dispute } from '@mercato/contracts';
import { adminOnly, conflict, newId, notFound, type HttpApp, type ServiceContext } from '@mercato/kernel';
import { findDispute, insertDispute, listDisputes, updateDispute } from '../db/disputes-repo.ts';
import { findByOrder, findVisiblePayment, lockOrder } from '../db/payments-repo.ts';
import { disputable, disputeTransition, type DisputeStep } from '../domain/dispute.ts';

const tags = ['payments'];
const security = [{ bearerAuth: [] }];

/**
 * Chargebacks, as the payment provider reports them (these routes stand in for its webhook) and as
 * the shop answers them: evidence, then the bank's decision. A lost dispute's amount is gone from
 * the payment, so it can no longer be refunded.
 */
export function disputesRoutes(app: HttpApp, ctx: ServiceContext) {
  const { db } = ctx;

  app.post(
    '/api/admin/payments/:id/disputes',
    {
      ...adminOnly,
      schema: { tags, summary: "Record a dispute the card's bank opened on a payment (admin, or the provider's webhook)", security, params: idParams, body: disputeInput, response: { 201: dispute } },
    },
    async (req, reply) => {
      const created = await db.transaction(async (tx) => {
        const visible = await findVisiblePayment(tx, req.params.id);
        if (!visible) throw notFound('Payment');
        await lockOrder(tx, visible.orderId);
        const payment = (await findByOrder(tx, visible.orderId))!;
        const amountCents = disputable(payment, req.body.amountCents);
        if (amountCents === null) throw conflict('payment_not_disputable', 'Nothing of this payment is left to dispute, or the bank claims more than is left');
        const opened = await insertDispute(tx, {
          id: newId(),
          paymentId: payment.id,
          orderId: payment.orderId,
          customerId: payment.customerId,
          amountCents,
          currency: payment.currency,
          reason: req.body.reason,
          providerDisputeId: req.body.providerDisputeId ?? null,
        });
        if (!opened) throw conflict('dispute_open', 'This payment has an open dispute, or the bank reported this one already');
        const { id: disputeId, paymentId, orderId, customerId, currency, reason } = opened;
        ctx.outbox.emit(tx, 'payment.disputed', orderId, { disputeId, paymentId, orderId, customerId, amountCents, currency, reason });
        return opened;
      });
      return reply.code(201).send(created);
    },
  );

  app.get(
    '/api/admin/disputes',
    { ...adminOnly, schema: { tags, summary: 'Disputes, newest first; filter by status and payment (admin)', security, querystring: disputeListQuery, response: { 200: pageOf(dispute) } } },
    async (req) => {
      const { items, total } = await listDisputes(db, req.query);
      return { items, page: req.query.page, pageSize: req.query.pageSize, total };
    },
  );

  async function step(id: string, s: DisputeStep, evidence: string | null): Promise<Dispute> {
    return db.transaction(async (tx) => {
      const found = await findDispute(tx, id, true);
      if (!found) throw notFound('Dispute');
      const next = disputeTransition(found.status, s);
      if (!next) throw conflict('dispute_closed', `A dispute ${found.status} cannot take this step`);
      const updated = await updateDispute(tx, id, next, evidence);
      if (next === 'WON' || next === 'LOST') {
        const { id: disputeId, paymentId, orderId, customerId, amountCents, currency } = updated;
        ctx.outbox.emit(tx, 'dispute.closed', orderId, { disputeId, paymentId, orderId, customerId, amountCents, currency, outcome: s as 'won' | 'lost' });
      }
      return updated;
    });
  }

  app.post(
    '/api/admin/disputes/:id/evidence',
    { ...adminOnly, schema: { tags, summary: "Answer a dispute with the shop's evidence (admin): it goes to the bank for review", security, params: idParams, body: disputeEvidenceInput, response: { 200: dispute } } },
    async (req) => step(req.params.id, 'evidence', req.body.text),
  );

  app.post(
    '/api/admin/disputes/:id/resolve',
    { ...adminOnly, schema: { tags, summary: "Record the bank's decision (admin, or the provider's webhook): won keeps the money, lost gives it up", security, params: idParams, body: disputeResolutionInput, response: { 200: dispute } } },
    async (req) => step(req.params.id, req.body.outcome, null),
  );
}
