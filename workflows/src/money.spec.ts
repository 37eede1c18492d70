import {
  approvalsRequired,
  commitment,
  committedByPayer,
  itemKeyOf,
  penaltyAllowance,
  unpaidItems,
} from './money';
import { DEFAULT_CLAIM_POLICY, type BenefitSummary, type PaymentState } from './types';

const line = (key: string, amount: number, payer = 'BPJS_TK') => ({
  key,
  code: key.split(':')[0],
  label: key,
  amount,
  payer,
});
const benefit = (lines: [string, number][], scheduled: [string, number, string][] = []): BenefitSummary => ({
  version: 1,
  determination: 'JKK_DEATH',
  ruleSet: 'test',
  lineItems: lines.map(([k, a]) => line(k, a)),
  scheduled: scheduled.map(([k, a, d]) => ({ ...line(k, a), dueDate: d })),
  total: lines.reduce((t, [, a]) => t + a, 0),
  scheduledTotal: scheduled.reduce((t, [, a]) => t + a, 0),
  notes: [],
});
const paid = (key: string, amount = 1): PaymentState => ({
  key,
  amount,
  idempotencyKey: key,
  accountId: 'a',
  status: 'PAID',
});

describe('money rules of the claim core', () => {
  it('scholarship years stay apart: paying the first year does not mark later years paid (found while adding the ledger)', () => {
    expect(itemKeyOf('SCHOLARSHIP:child-1@2025-07-01')).toBe('SCHOLARSHIP:child-1@2025-07-01');
    const b = benefit(
      [['SCHOLARSHIP:child-1', 1_500_000]],
      [
        ['SCHOLARSHIP:child-1@2025-07-01', 1_500_000, '2025-07-01'],
        ['SCHOLARSHIP:child-1@2026-07-01', 1_500_000, '2026-07-01'],
      ],
    );
    expect(unpaidItems(b.scheduled, [paid('SCHOLARSHIP:child-1', 1_500_000)])).toHaveLength(2);
  });

  it('commitment: what was paid at its amount (also items the new benefit dropped), what is unpaid, the allowance', () => {
    const b = benefit(
      [
        ['JKK_DEATH', 100],
        ['STMB:month-1', 10],
      ],
      [['SCHOLARSHIP:c@2025-01-01', 7, '2025-01-01']],
    );
    const payments = [
      paid('STMB:month-1', 12),
      { ...paid('LATE_PAYMENT_PENALTY', 3), payer: 'BPJS_TK' },
      { ...paid('KPU_FUNERAL', 5), payer: 'KPU' },
      { ...paid('JKK_DEATH', 100), status: 'INVALID_ACCOUNT' as const },
    ];
    expect(commitment(b, payments, 4)).toEqual({ BPJS_TK: 12 + 3 + 100 + 7 + 4, KPU: 5 });
  });

  it('itemKeyOf strips the due date of a scheduled key only', () => {
    expect(itemKeyOf('STMB:month-2@2024-04-14')).toBe('STMB:month-2');
    expect(itemKeyOf('STMB:month-2')).toBe('STMB:month-2');
    expect(itemKeyOf('JKM_LUMP_SUM')).toBe('JKM_LUMP_SUM');
  });

  it('hole 2: a paid scheduled STMB instalment counts as paid for the same month as a line after escalation', () => {
    const items = [line('STMB:month-2', 3_000_000), line('JKK_DEATH_LUMP_SUM', 120_000_000)];
    const open = unpaidItems(items, [paid('STMB:month-2@2024-04-14', 3_000_000)]);
    expect(open.map((i) => i.key)).toEqual(['JKK_DEATH_LUMP_SUM']);
    // a payment that did not complete does not count
    expect(
      unpaidItems(items, [{ ...paid('STMB:month-2@2024-04-14'), status: 'INVALID_ACCOUNT' }]),
    ).toHaveLength(2);
  });

  it('hole 4: scheduled items and the penalty allowance count towards the second-approval threshold', () => {
    // Rp60 juta of lines + Rp50 juta of scholarships: only the lines were compared before (one approver)
    const b = benefit(
      [['JKK_DEATH_LUMP_SUM', 60_000_000]],
      [['SCHOLARSHIP:c1@2027-07-01', 50_000_000, '2027-07-01']],
    );
    expect(b.total).toBeLessThanOrEqual(DEFAULT_CLAIM_POLICY.secondApprovalAboveRupiah);
    expect(approvalsRequired(b, DEFAULT_CLAIM_POLICY)).toBe(2);
    // Rp95 juta of lines alone: the 10% penalty allowance takes it above Rp100 juta
    expect(approvalsRequired(benefit([['X', 95_000_000]]), DEFAULT_CLAIM_POLICY)).toBe(2);
    expect(approvalsRequired(benefit([['JKM_LUMP_SUM', 42_000_000]]), DEFAULT_CLAIM_POLICY)).toBe(1);
    expect(
      approvalsRequired(benefit([['X', 95_000_000]]), {
        ...DEFAULT_CLAIM_POLICY,
        penaltyAllowancePercent: 0,
      }),
    ).toBe(1);
  });

  it('commits line items, scheduled items and the penalty allowance per payer', () => {
    const b = benefit([['A', 10_000_000]], [['S@2027-01-01', 5_000_000, '2027-01-01']]);
    b.lineItems.push(line('KPU_X', 7_000_000, 'KPU'));
    b.total += 7_000_000;
    const allowance = penaltyAllowance(b, DEFAULT_CLAIM_POLICY);
    expect(allowance).toBe(2_200_000);
    expect(committedByPayer(b, allowance)).toEqual({ BPJS_TK: 17_200_000, KPU: 7_000_000 });
  });
});
