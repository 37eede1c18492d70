import {
  applyBasisPoints,
  DomainError,
  formatRupiah,
  MoneyError,
  mulDivRoundHalfUp,
  NoRuleSetError,
  PP_44_2015,
  PP_82_2019,
  ruleSetFor,
  rupiah,
} from '@sigap/domain';

describe('money', () => {
  it.each([
    [42_000_000, 'Rp42.000.000'],
    [0, 'Rp0'],
    [999, 'Rp999'],
    [1_000, 'Rp1.000'],
    [174_000_000, 'Rp174.000.000'],
  ])('formatRupiah(%d) = %s', (n, s) => expect(formatRupiah(n)).toBe(s));

  it.each([
    // daily STMB = monthly wage / 30, rounded half-up (facts.md §2 "Daily rate = monthly wage / 30 (practice)")
    [2_500_000, 1, 30, 83_333],
    [1_000_000, 1, 30, 33_333],
    [5, 1, 2, 3], // 2.5 -> 3 (half-up)
    [7, 1, 2, 4], // 3.5 -> 4
    [1, 1, 3, 0], // 0.33 -> 0
  ])('mulDivRoundHalfUp(%d, %d, %d) = %d', (a, n, d, r) => expect(mulDivRoundHalfUp(a, n, d)).toBe(r));

  it('basis points avoid float error: 0.54% of Rp2.500.000 = Rp13.500 (facts.md §3, KPU Sulsel)', () => {
    expect(applyBasisPoints(rupiah(2_500_000), 54)).toBe(13_500);
  });

  it.each([[-1], [1.5], [Number.MAX_SAFE_INTEGER + 1], [NaN]])('rupiah(%p) throws MoneyError', (v) => {
    expect(() => rupiah(v, 'monthlyWage')).toThrow(MoneyError);
    try {
      rupiah(v, 'monthlyWage');
    } catch (e) {
      expect((e as DomainError).field).toBe('monthlyWage');
    }
  });
});

describe('ruleSetFor (effective dates)', () => {
  it.each([
    // source: facts.md §0 — PP 44/2015 in force 1 Jul 2015; PP 82/2019 promulgated 2 Dec 2019
    ['2015-07-01', 'PP_44_2015'],
    ['2019-12-01', 'PP_44_2015'],
    ['2019-12-02', 'PP_82_2019'],
    ['2024-02-14', 'PP_82_2019'],
  ])('%s -> %s', (date, id) => expect(ruleSetFor(date).id).toBe(id));

  it('before 2015-07-01 throws NoRuleSetError on incidentDate', () => {
    expect(() => ruleSetFor('2015-06-30')).toThrow(NoRuleSetError);
    try {
      ruleSetFor('2015-06-30');
    } catch (e) {
      expect((e as DomainError).field).toBe('incidentDate');
      expect((e as DomainError).code).toBe('NO_RULE_SET_IN_FORCE');
    }
  });

  it('invalid date names the field', () => {
    expect(() => ruleSetFor('2024-02-30')).toThrow(expect.objectContaining({ field: 'incidentDate' }));
  });

  // facts.md §1 and §2: old vs new amounts
  it.each([
    ['JKM lump sum', (r: typeof PP_82_2019) => r.jkm.lumpSum.amount, 16_200_000, 20_000_000],
    [
      'JKM periodic total',
      (r: typeof PP_82_2019) => r.jkm.periodic.monthlyAmount * r.jkm.periodic.months,
      4_800_000,
      12_000_000,
    ],
    ['JKM funeral', (r: typeof PP_82_2019) => r.jkm.funeral.amount, 3_000_000, 10_000_000],
    ['transport LAND cap', (r: typeof PP_82_2019) => r.jkk.transportCaps.LAND.amount, 1_000_000, 5_000_000],
    ['transport SEA cap', (r: typeof PP_82_2019) => r.jkk.transportCaps.SEA.amount, 1_500_000, 2_000_000],
    ['transport AIR cap', (r: typeof PP_82_2019) => r.jkk.transportCaps.AIR.amount, 2_500_000, 10_000_000],
    ['JKK expiry years', (r: typeof PP_82_2019) => r.jkk.claimExpiryYears, 2, 5],
    [
      'JKM scholarship min contribution months',
      (r: typeof PP_82_2019) => r.jkm.scholarship.jkmMinContributionMonths,
      60,
      36,
    ],
  ])('%s: PP 44/2015 %d vs PP 82/2019 %d', (_name, get, old, neu) => {
    expect(get(PP_44_2015)).toBe(old);
    expect(get(PP_82_2019)).toBe(neu);
  });

  it('every rule row names its legal basis', () => {
    for (const rs of [PP_44_2015, PP_82_2019]) {
      const rows = [
        rs.jkm.lumpSum,
        rs.jkm.periodic,
        rs.jkm.funeral,
        rs.jkm.scholarship,
        rs.jkk.death,
        rs.jkk.funeral,
        rs.jkk.stmb,
        ...Object.values(rs.jkk.transportCaps),
      ];
      for (const r of rows) expect(r.legalBasis).toMatch(/PP (44\/2015|82\/2019)/);
    }
  });
});
