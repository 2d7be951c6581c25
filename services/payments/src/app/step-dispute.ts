import { conflict, notFound, type Tx } from '@mercato/kernel';
import { findDispute, updateDispute } from '../db/disputes-repo.ts';
import { lockOrder } from '../db/payments-repo.ts';
import { disputeMachine, type DisputeStep } from '../domain/dispute-machine.ts';

/**
 * Moves a dispute by one step of its table, or refuses (409) a step its status does not take. A
 * decision may take money off the payment, so it waits for the order's other changes (lockOrder).
 */
export async function stepDispute(tx: Tx, id: string, step: DisputeStep, evidence: string | null) {
  const found = await findDispute(tx, id, true);
  if (!found) throw notFound('Dispute');
  const rule = disputeMachine.next(found.status, step);
  if (!rule) throw conflict('dispute_closed', `A dispute ${found.status} cannot take this step`);
  if (disputeMachine.isTerminal(rule.to)) await lockOrder(tx, found.orderId);
  const updated = await updateDispute(tx, id, rule.to, evidence);
  return { updated, emits: rule.emits };
}
