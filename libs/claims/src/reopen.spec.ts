import { refuseReopen } from './claims.service';

describe('which claims may be reopened', () => {
  it('a rejected claim, or a withdrawn one that paid nothing', () => {
    expect(() => refuseReopen('REJECTED', false)).not.toThrow();
    expect(() => refuseReopen('WITHDRAWN', false)).not.toThrow();
  });

  it('never a paid, closed or paying claim, nor a withdrawn one that paid part of its benefit', () => {
    for (const stage of ['CLOSED', 'PAID', 'INSTALLMENTS', 'PAYOUT', 'ACCOUNT_INVALID', 'DOCUMENTS']) {
      expect(() => refuseReopen(stage, false)).toThrow(/only a rejected claim/);
    }
    expect(() => refuseReopen('WITHDRAWN', true)).toThrow(/already paid part of its benefit/);
  });
});
