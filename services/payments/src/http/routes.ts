import { idParams, pageOf, payment, paymentListQuery } from '@mercato/contracts';
import { isStaff, requireOwner, requireUser, signedIn, type HttpApp, type ServiceContext } from '@mercato/kernel';
import { findVisiblePayment, listPayments } from '../db/payments-repo.ts';
import { payerScope, paymentView } from '../domain/payment-view.ts';

const tags = ['payments'];
const security = [{ bearerAuth: [] }];

export function paymentsRoutes(app: HttpApp, ctx: ServiceContext) {
  const { db } = ctx;

  app.get(
    '/api/payments',
    {
      ...signedIn,
      schema: {
        tags,
        summary: "The caller's payments (every customer's for admins and ops)",
        security,
        querystring: paymentListQuery,
        response: { 200: pageOf(payment) },
      },
    },
    async (req) => {
      const p = requireUser(req);
      const { items, total } = await listPayments(db, { ...req.query, customerId: payerScope(p) });
      return { items: items.map((i) => paymentView(i, p)), page: req.query.page, pageSize: req.query.pageSize, total };
    },
  );

  app.get(
    '/api/payments/:id',
    { ...signedIn, schema: { tags, summary: 'One payment (owner, admin or ops)', security, params: idParams, response: { 200: payment } } },
    async (req) => {
      const found = await findVisiblePayment(db, req.params.id);
      return paymentView(found!, requireOwner(req, found?.customerId, 'Payment', isStaff));
    },
  );
}
