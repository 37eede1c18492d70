import { ClaimStage, type ClaimState, type PaymentState } from '../types';
import { Refusal } from './refusal';
import { validateWithdraw } from './withdraw';

const state = (o: Partial<ClaimState> = {}) =>
  ({ stage: ClaimStage.ACCOUNT_INVALID, payments: [], paidTotal: 0, ...o }) as ClaimState;
const paid: PaymentState = {
  key: 'JKM_LUMP_SUM',
  amount: 20_000_000,
  idempotencyKey: 'k',
  accountId: 'a',
  status: 'PAID',
};
const cmd = { actor: 'family-1', reason: 'we withdraw the claim' };
const refusal = (fn: () => void) => {
  try {
    fn();
  } catch (e) {
    return e instanceof Refusal ? { type: e.type, message: e.message } : e;
  }
  return undefined;
};

describe('validateWithdraw', () => {
  it('allows a withdrawal with a reason when nothing was paid', () => {
    expect(refusal(() => validateWithdraw(state(), cmd, { moneySafety: true }))).toBeUndefined();
  });

  it('refuses without a reason', () => {
    expect(
      refusal(() => validateWithdraw(state(), { ...cmd, reason: 'no' }, { moneySafety: true })),
    ).toMatchObject({
      type: 'InvalidCommand',
      message: expect.stringMatching(/reason is required/),
    });
  });

  it.each([ClaimStage.PAYOUT, ClaimStage.PAID, ClaimStage.INSTALLMENTS])('refuses in %s', (stage) => {
    expect(refusal(() => validateWithdraw(state({ stage }), cmd, { moneySafety: false }))).toMatchObject({
      type: 'NotAllowedInStage',
      message: expect.stringMatching(/money has moved or is moving/),
    });
  });

  it('withdraw rule: refused in ACCOUNT_INVALID (and any stage) once a line was paid', () => {
    const s = state({ payments: [paid], paidTotal: 20_000_000 });
    expect(refusal(() => validateWithdraw(s, cmd, { moneySafety: true }))).toMatchObject({
      type: 'NotAllowedInStage',
      message: expect.stringMatching(/already paid \(Rp20000000\)/),
    });
    expect(
      refusal(() => validateWithdraw({ ...s, stage: ClaimStage.DOCUMENTS }, cmd, { moneySafety: true })),
    ).toMatchObject({
      type: 'NotAllowedInStage',
    });
    // an instalment paid by the child counts too
    const inst = state({ installments: { workflowId: 'w', paid: 1, cancelled: 0, done: false } });
    expect(refusal(() => validateWithdraw(inst, cmd, { moneySafety: true }))).toMatchObject({
      type: 'NotAllowedInStage',
    });
  });

  it('workflows started before the rule keep the old behaviour (patched)', () => {
    const s = state({ payments: [paid], paidTotal: 20_000_000 });
    expect(refusal(() => validateWithdraw(s, cmd, { moneySafety: false }))).toBeUndefined();
  });
});
