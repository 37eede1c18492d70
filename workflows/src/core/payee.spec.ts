import { ClaimStage, type ClaimState, type DesignateAccountCommand } from '../types';
import { Refusal } from './refusal';
import { designateOutcome, validateDesignate, validateProposer } from './payee';

type S = Pick<ClaimState, 'stage' | 'payoutAccount' | 'proposal' | 'approvals'>;
const state = (stage: ClaimStage, extra: Partial<S> = {}): S => ({ stage, approvals: [], ...extra });
const cmd = (extra: Partial<DesignateAccountCommand> = {}): DesignateAccountCommand => ({
  actor: 'kpu-1',
  accountId: '0b8f4d2e-7c1a-4e5b-9a3d-2f6e8c1b0a79',
  masked: 'BNI ******7890',
  ...extra,
});
const refusal = (fn: () => void) => {
  try {
    fn();
  } catch (e) {
    if (e instanceof Refusal) return e.type;
    throw e;
  }
  return undefined;
};
const on = { moneySafety: true };
const off = { moneySafety: false };

describe('payee designation (core)', () => {
  it('refuses bad input, PAYOUT/PAID, the same account again', () => {
    expect(refusal(() => validateDesignate(state(ClaimStage.DOCUMENTS), cmd({ accountId: 'x' }), on))).toBe(
      'InvalidCommand',
    );
    expect(
      refusal(() => validateDesignate(state(ClaimStage.DOCUMENTS), cmd({ masked: '1234567890' }), on)),
    ).toBe('InvalidCommand');
    expect(refusal(() => validateDesignate(state(ClaimStage.PAYOUT), cmd(), on))).toBe('NotAllowedInStage');
    expect(refusal(() => validateDesignate(state(ClaimStage.PAID), cmd(), on))).toBe('NotAllowedInStage');
    const same = state(ClaimStage.DOCUMENTS, { payoutAccount: { accountId: cmd().accountId, masked: 'm' } });
    expect(refusal(() => validateDesignate(same, cmd(), on))).toBe('InvalidCommand');
    expect(refusal(() => validateDesignate(state(ClaimStage.DOCUMENTS), cmd(), on))).toBeUndefined();
  });

  it('four-eyes: the proposer does not designate, the designator does not propose (moneySafety only)', () => {
    const proposed = state(ClaimStage.AWAITING_APPROVAL, {
      proposal: { actor: 'officer-1', adjustments: [], facts: {} },
    });
    expect(refusal(() => validateDesignate(proposed, cmd({ actor: 'officer-1' }), on))).toBe('FourEyes');
    expect(refusal(() => validateDesignate(proposed, cmd({ actor: 'officer-1' }), off))).toBeUndefined();
    const designated = state(ClaimStage.BENEFIT_PROPOSAL, {
      payoutAccount: { accountId: 'a', masked: 'm', designatedBy: 'officer-1' },
    });
    expect(refusal(() => validateProposer(designated, 'officer-1', on))).toBe('FourEyes');
    expect(refusal(() => validateProposer(designated, 'officer-2', on))).toBeUndefined();
  });

  it('hole 3: a payee change after an approval resets the approvals and returns to AWAITING_APPROVAL', () => {
    const between = state(ClaimStage.AWAITING_APPROVAL, {
      approvals: [{ actor: 's1', role: 'BPJS_SUPERVISOR' }],
    });
    expect(designateOutcome(between, on)).toMatchObject({
      stage: ClaimStage.AWAITING_APPROVAL,
      resetApprovals: true,
    });
    expect(designateOutcome(state(ClaimStage.ACCOUNT_INVALID), on)).toEqual({
      event: 'PAYOUT_ACCOUNT_CORRECTED',
      stage: ClaimStage.AWAITING_APPROVAL,
      resetApprovals: true,
      stopInstallments: false,
    });
    expect(designateOutcome(state(ClaimStage.INSTALLMENTS), on)).toMatchObject({
      stage: ClaimStage.AWAITING_APPROVAL,
      stopInstallments: true,
    });
    // before any approval nothing is reset
    expect(designateOutcome(state(ClaimStage.DOCUMENTS), on)).toMatchObject({
      stage: ClaimStage.DOCUMENTS,
      resetApprovals: false,
    });
    // workflows started before moneySafety keep their behaviour: a correction goes straight to PAYOUT
    expect(designateOutcome(state(ClaimStage.ACCOUNT_INVALID), off).stage).toBe(ClaimStage.PAYOUT);
    expect(designateOutcome(between, off).resetApprovals).toBe(false);
  });
});
