import { deathBenefitKey, judgeTransfer } from './ledger';

describe('ledger rules', () => {
  it('one BPJS death benefit per worker whether JKM or JKK; scholarships per child and year; KPU apart', () => {
    expect(deathBenefitKey('JKM_LUMP_SUM')).toBe(deathBenefitKey('JKK_DEATH'));
    expect(deathBenefitKey('JKM_FUNERAL')).toBe(deathBenefitKey('JKK_FUNERAL'));
    expect(deathBenefitKey('KPU_DEATH')).not.toBe(deathBenefitKey('JKM_LUMP_SUM'));
    expect(deathBenefitKey('SCHOLARSHIP:child-1@2025-07-01')).toBe('SCHOLARSHIP:child-1@2025-07-01');
    expect(deathBenefitKey('STMB:month-2')).toBeUndefined();
    expect(deathBenefitKey('MEDICAL_CARE:medical-1')).toBeUndefined();
  });

  const commitment = {
    benefitVersion: 1,
    payeeAccountId: 'acc-1',
    committedByPayer: { BPJS_TK: 100 },
    approvers: ['s'],
  };
  const req = { accountId: 'acc-1', amount: 40, payer: 'BPJS_TK' };

  it('pays the approved payee up to the commitment, in flight included', () => {
    expect(judgeTransfer(req, { approved: true, commitment }, { BPJS_TK: 60 })).toEqual({ ok: true });
    expect(judgeTransfer(req, { approved: true, commitment }, { BPJS_TK: 61 })).toMatchObject({ ok: false });
    expect(judgeTransfer({ ...req, payer: 'KPU' }, { approved: true, commitment }, {})).toMatchObject({
      ok: false,
    });
  });

  it('refuses another payee, no approval, and amounts that are not positive whole rupiah', () => {
    expect(judgeTransfer({ ...req, accountId: 'acc-2' }, { approved: true, commitment }, {})).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/payee designated before the last approval/),
    });
    expect(judgeTransfer(req, { approved: false }, {})).toMatchObject({ ok: false });
    for (const amount of [0, -1, 1.5, Number.NaN]) {
      expect(judgeTransfer({ ...req, amount }, { approved: true, commitment }, {})).toMatchObject({
        ok: false,
      });
    }
  });

  it('a legacy approval (no commitment) leaves only the uniqueness invariants', () => {
    expect(judgeTransfer({ ...req, accountId: 'x', amount: 1e9 }, { approved: true }, {})).toEqual({
      ok: true,
    });
  });
});
