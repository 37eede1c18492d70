import type { BenefitSummary, ClaimPolicy, PaymentState } from './types';

/**
 * The economic benefit item of a payment key, independent of its due date: a scheduled instalment is keyed
 * `<item>@<dueDate>` (e.g. `STMB:month-2@2024-04-14`), the same item as a line is keyed `STMB:month-2`. Payments are
 * matched on it, so an item paid as an instalment is never paid again as a line after a recalculation.
 */
export function itemKeyOf(lineKey: string): string {
  return lineKey.replace(/@\d{4}-\d{2}-\d{2}$/, '');
}

/** Items already paid (by item key, whichever form they were paid in). */
export function paidItemKeys(payments: readonly PaymentState[]): Set<string> {
  return new Set(payments.filter((p) => p.status === 'PAID').map((p) => itemKeyOf(p.key)));
}

/** Line items and scheduled items with an amount that were not paid yet (matched by item key). */
export function unpaidItems<T extends { key: string; amount: number }>(
  items: readonly T[],
  payments: readonly PaymentState[],
): T[] {
  const paid = paidItemKeys(payments);
  return items.filter((i) => i.amount > 0 && !paid.has(itemKeyOf(i.key)));
}

/**
 * What the late-payment penalty may reach for a benefit: penaltyAllowancePercent of the line items + scheduled items
 * (the penalty is 1% of the benefit per day late, PP 44/2015 Pasal 37(3) / 40(3), facts.md "Payment deadlines";
 * libs/domain latePaymentPenalty). The approval commits it; the penalty paid is capped at it.
 */
export function penaltyAllowance(
  benefit: BenefitSummary,
  policy: Pick<ClaimPolicy, 'penaltyAllowancePercent'>,
): number {
  const base = benefit.total + benefit.scheduledTotal;
  return Math.floor((base * policy.penaltyAllowancePercent) / 100);
}

/** Everything an approval commits, per payer: line items + scheduled items + the penalty allowance (paid by BPJS_TK). */
export function committedByPayer(benefit: BenefitSummary, allowance: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const l of [...benefit.lineItems, ...benefit.scheduled]) {
    if (l.amount > 0) out[l.payer] = (out[l.payer] ?? 0) + l.amount;
  }
  if (allowance > 0) out.BPJS_TK = (out.BPJS_TK ?? 0) + allowance;
  return out;
}

/**
 * Approvals a proposal needs: two when everything it commits (line items + scheduled items + penalty allowance)
 * exceeds policy.secondApprovalAboveRupiah, else one.
 */
export function approvalsRequired(
  benefit: BenefitSummary,
  policy: Pick<ClaimPolicy, 'secondApprovalAboveRupiah' | 'penaltyAllowancePercent'>,
): 1 | 2 {
  const committed = Object.values(committedByPayer(benefit, penaltyAllowance(benefit, policy))).reduce(
    (t, n) => t + n,
    0,
  );
  return committed > policy.secondApprovalAboveRupiah ? 2 : 1;
}

/** The penalty actually payable: the computed one, capped at the allowance minus what was already paid as penalty. */
export function cappedPenalty(computed: number, allowance: number, alreadyPaid: number): number {
  return Math.max(0, Math.min(computed, allowance - alreadyPaid));
}
