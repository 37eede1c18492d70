import type { BenefitSummary, ClaimPolicy, PaymentState } from './types';

/**
 * The economic benefit item of a payment key, independent of its due date where the due date is not what identifies
 * it: an STMB month is keyed `STMB:month-2@2024-04-14` when scheduled and `STMB:month-2` as a line after a
 * recalculation; both are the item `STMB:month-2`, so a month paid as an instalment is never paid again as a line.
 * A scholarship year is identified by its due date (`SCHOLARSHIP:child-1` is the first year, paid now;
 * `SCHOLARSHIP:child-1@2025-07-01` a later year), so its key stays whole: stripping it would make every later year
 * look paid once the first was.
 */
export function itemKeyOf(lineKey: string): string {
  return lineKey.startsWith('STMB:') ? lineKey.replace(/@\d{4}-\d{2}-\d{2}$/, '') : lineKey;
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

/**
 * What an approval commits per payer, given what the claim already paid: every paid item at the amount it was paid
 * (also items the new benefit no longer has, e.g. a penalty or an STMB month before an escalation), every unpaid item
 * of the benefit, and the penalty allowance (BPJS_TK). The ledger holds Σ paid + in flight per payer to it.
 */
export function commitment(
  benefit: BenefitSummary,
  payments: readonly PaymentState[],
  allowance: number,
): Record<string, number> {
  const out: Record<string, number> = {};
  const add = (payer: string, amount: number) => {
    if (amount > 0) out[payer] = (out[payer] ?? 0) + amount;
  };
  const paid = new Map<string, PaymentState>();
  for (const p of payments) if (p.status === 'PAID') paid.set(itemKeyOf(p.key), p);
  const payerOf = new Map<string, string>();
  for (const l of [...benefit.lineItems, ...benefit.scheduled]) payerOf.set(itemKeyOf(l.key), l.payer);
  for (const [key, p] of paid) add(p.payer ?? payerOf.get(key) ?? 'BPJS_TK', p.amount);
  for (const l of unpaidItems([...benefit.lineItems, ...benefit.scheduled], payments)) add(l.payer, l.amount);
  add('BPJS_TK', allowance);
  return out;
}
