import {
  dispute,
  disputeEvidenceInput,
  disputeInput,
  disputeListQuery,
  disputeResolutionInput,
  idParams,
  pageOf,
  type EventSchemas,
} from '@mercato/contracts';
import { adminOnly, type HttpApp, type ServiceContext } from '@mercato/kernel';
import { openDispute } from '../app/open-dispute.ts';
import { resolveDispute } from '../app/resolve-dispute.ts';
import { submitDisputeEvidence } from '../app/submit-dispute-evidence.ts';
import { listDisputes } from '../db/disputes-repo.ts';
import type { PaymentProvider } from '../provider/provider.ts';

const tags = ['payments'];
const security = [{ bearerAuth: [] }];

/**
 * Chargebacks, as the payment provider reports them (these routes stand in for its webhook) and as
 * the shop answers them: evidence, then the bank's decision. A lost dispute's amount is gone from
 * the payment, so it can no longer be refunded.
 */
export function disputesRoutes(app: HttpApp, ctx: ServiceContext<EventSchemas>, provider: PaymentProvider) {
  const { db } = ctx;

  app.post(
    '/api/admin/payments/:id/disputes',
    {
      ...adminOnly,
      schema: {
        tags,
        summary: "Record a dispute the card's bank opened on a payment (admin, or the provider's webhook)",
        security,
        params: idParams,
        body: disputeInput,
        response: { 201: dispute },
      },
    },
    async (req, reply) => reply.code(201).send(await openDispute(ctx, req.params.id, req.body)),
  );

  app.get(
    '/api/admin/disputes',
    {
      ...adminOnly,
      schema: {
        tags,
        summary: 'Disputes, newest first; filter by status and payment (admin)',
        security,
        querystring: disputeListQuery,
        response: { 200: pageOf(dispute) },
      },
    },
    async (req) => {
      const { items, total } = await listDisputes(db, req.query);
      return { items, page: req.query.page, pageSize: req.query.pageSize, total };
    },
  );

  app.post(
    '/api/admin/disputes/:id/evidence',
    {
      ...adminOnly,
      schema: {
        tags,
        summary: "Answer a dispute with the shop's evidence (admin): it goes to the bank for review",
        security,
        params: idParams,
        body: disputeEvidenceInput,
        response: { 200: dispute },
      },
    },
    async (req) => submitDisputeEvidence(ctx, provider, req.params.id, req.body.text),
  );

  app.post(
    '/api/admin/disputes/:id/resolve',
    {
      ...adminOnly,
      schema: {
        tags,
        summary: "Record the bank's decision (admin, or the provider's webhook): won keeps the money, lost gives it up",
        security,
        params: idParams,
        body: disputeResolutionInput,
        response: { 200: dispute },
      },
    },
    async (req) => resolveDispute(ctx, req.params.id, req.body.outcome),
  );
}
