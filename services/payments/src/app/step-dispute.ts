import { conflict, notFound, type Tx } from '@mercato/kernel';
import type { Dispute } from '@mercato/contracts';
import { findDispute, updateDispute } from '../db/disputes-repo.ts';
import { lockOrder } from '../db/payments-repo.ts';
import { disputeMachine, type DisputeStep } from '../domain/dispute-machine.ts';

/**
 * Moves a found dispute by one step of its table; null, and nothing written, for a step its status
 * does not take. A decision may take money off the payment, so it waits for the order's other changes (lockOrder).
 */
export async function tryStepDispute(tx: Tx, found: Dispute, step: DisputeStep, evidence: string | null) {
  const rule = disputeMachine.next(found.status, step);
  if (!rule) return null;
  if (disputeMachine.isTerminal(rule.to)) await lockOrder(tx, found.orderId);
  const updated = await updateDispute(tx, found.id, rule.to, evidence);
  return { updated, emits: rule.emits };
}

/** Moves a dispute by one step of its table, or refuses (409) a step its status does not take. */
export async function stepDispute(tx: Tx, id: string, step: DisputeStep, evidence: string | null) {
  const found = await findDispute(tx, id, true);
  if (!found) throw notFound('Dispute');
  const stepped = await tryStepDispute(tx, found, step, evidence);
  if (!stepped) throw conflict('dispute_closed', `A dispute ${found.status} cannot take this step`);
  return stepped;
}
