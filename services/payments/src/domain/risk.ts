/** What payments knows of a customer when a charge is asked for, read in one query. */
export interface RiskSignals {
  amountCents: number;
  /** The customer's payments (any outcome) in the last hour. */
  paymentsLastHour: number;
  /** Of those, how many the bank declined. */
  declinesLastHour: number;
  /** Whether the customer ever paid before. */
  paidBefore: boolean;
}

export interface RiskThresholds {
  /** Payments an hour past which a customer orders like a card tester. */
  velocityPerHour: number;
  /** Declines an hour past which the cards tried look stolen. */
  declinesPerHour: number;
  /** An amount that is large for this shop. */
  largeAmountCents: number;
  /** The score from which a charge is not even tried. */
  blockScore: number;
}

export interface RiskAssessment {
  score: number;
  reasons: string[];
  blocked: boolean;
}

/**
 * Scores a charge before it goes to the provider: each signal adds to a score out of 100, and a
 * charge at or over the block score is declined as `fraud_suspected` without reaching the card's
 * bank. One signal alone never blocks with the default weights; two together do.
 */
export function assessRisk(s: RiskSignals, t: RiskThresholds): RiskAssessment {
  const found: Array<[string, number]> = [];
  if (s.paymentsLastHour >= t.velocityPerHour) found.push(['velocity', 50]);
  if (s.declinesLastHour >= t.declinesPerHour) found.push(['repeated_declines', 40]);
  if (s.amountCents >= t.largeAmountCents) found.push(['large_amount', 30]);
  if (!s.paidBefore && s.amountCents >= t.largeAmountCents / 2) found.push(['large_first_purchase', 20]);
  const score = Math.min(
    100,
    found.reduce((a, [, w]) => a + w, 0),
  );
  return { score, reasons: found.map(([r]) => r), blocked: score >= t.blockScore };
}
