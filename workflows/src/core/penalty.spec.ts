import type { PaymentState } from '../types';
import { isPenaltyKey, PENALTY_KEY, penaltyToPay } from './penalty';

const pay = (key: string, amount: number, extra: Partial<PaymentState> = {}): PaymentState => ({
  key,
  amount,
  idempotencyKey: key,
  accountId: 'a',
  status: 'PAID',
  ...extra,
});

describe('late-payment penalty (moneySafety)', () => {
  it('sums what each paid line owes at its own payment, less the penalty already paid', () => {
    const payments = [
      pay('JKM_LUMP_SUM', 20_000_000, { penaltyDue: 600_000 }),
      pay('JKM_FUNERAL', 10_000_000),
    ];
    expect(penaltyToPay(payments, 4_200_000, 0)).toEqual({ due: 600_000, amount: 600_000, key: PENALTY_KEY });
    // a later round (days in ACCOUNT_INVALID, or the escalated death benefit): only the new lines' penalty
    const later = [
      ...payments,
      pay(PENALTY_KEY, 600_000),
      pay('JKK_DEATH', 100_000_000, { penaltyDue: 5_000_000 }),
    ];
    expect(penaltyToPay(later, 20_000_000, 0)).toEqual({
      due: 5_000_000,
      amount: 5_000_000,
      key: `${PENALTY_KEY}:2`,
    });
  });

  it('never pays beyond the allowance the last approval committed (penalty paid before it does not count)', () => {
    const payments = [pay('JKK_DEATH', 100_000_000, { penaltyDue: 9_000_000 }), pay(PENALTY_KEY, 1_000_000)];
    expect(penaltyToPay(payments, 3_000_000, 1_000_000).amount).toBe(3_000_000);
    expect(penaltyToPay(payments, 3_000_000, 0).amount).toBe(2_000_000);
  });

  it('a penalty transfer not completed keeps its key; lines not paid owe nothing yet', () => {
    const payments = [
      pay('JKM_LUMP_SUM', 20_000_000, { penaltyDue: 600_000 }),
      pay(PENALTY_KEY, 600_000, { status: 'INVALID_ACCOUNT' }),
      pay('JKM_FUNERAL', 10_000_000, { status: 'INVALID_ACCOUNT', penaltyDue: 300_000 }),
    ];
    expect(penaltyToPay(payments, 4_200_000, 0)).toEqual({ due: 600_000, amount: 600_000, key: PENALTY_KEY });
    expect(isPenaltyKey(`${PENALTY_KEY}:3`)).toBe(true);
    expect(isPenaltyKey('LATE_PAYMENT')).toBe(false);
  });
});
