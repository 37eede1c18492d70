import type { PaymentState } from '../types';

/** Penalty payments carry these keys: `LATE_PAYMENT_PENALTY`, then `LATE_PAYMENT_PENALTY:2`, `:3`, … */
export const PENALTY_KEY = 'LATE_PAYMENT_PENALTY';
export const isPenaltyKey = (key: string) => key === PENALTY_KEY || key.startsWith(`${PENALTY_KEY}:`);

/**
 * The late-payment penalty still to pay (moneySafety): each line paid after the deadline owes 1% of its amount per
 * day counted to its actual payment (its `penaltyDue`, fixed when it was paid, escalated benefits included); minus
 * the penalty already paid; capped so that the penalty paid since the last approval stays within the allowance it
 * committed.
 */
export function penaltyToPay(
  payments: readonly PaymentState[],
  allowance: number,
  penaltyPaidAtApproval: number,
): { due: number; amount: number; key: string } {
  const owed = payments
    .filter((p) => p.status === 'PAID' && !isPenaltyKey(p.key))
    .reduce((t, p) => t + (p.penaltyDue ?? 0), 0);
  const paidPenalties = payments.filter((p) => p.status === 'PAID' && isPenaltyKey(p.key));
  const paid = paidPenalties.reduce((t, p) => t + p.amount, 0);
  const due = Math.max(0, owed - paid);
  const room = Math.max(0, allowance - (paid - penaltyPaidAtApproval));
  const n = new Set(payments.filter((p) => isPenaltyKey(p.key)).map((p) => p.key)).size;
  // a penalty transfer refused or sent to an invalid account keeps its key (and its idempotency key per account)
  const pending = payments.find((p) => isPenaltyKey(p.key) && p.status !== 'PAID');
  return {
    due,
    amount: Math.min(due, room),
    key: pending ? pending.key : n === 0 ? PENALTY_KEY : `${PENALTY_KEY}:${n + 1}`,
  };
}
