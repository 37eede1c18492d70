import {
  calculateBenefits,
  calculateJkk,
  calculateJkm,
  createDisabilityTable,
  DomainError,
  formatRupiah,
  InvalidInputError,
  maxScholarshipPerChild,
  PolicyRefusalError,
  PP_82_2019,
  type JkkClaimInput,
} from '@sigap/domain';

const jkk = (over: Partial<JkkClaimInput>): JkkClaimInput => ({
  program: 'JKK',
  incidentDate: '2024-02-14',
  calculationDate: '2024-03-01',
  monthlyWage: 2_500_000,
  outcome: { kind: 'RECOVERED' },
  ...over,
});

function fieldOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e.field;
    throw e;
  }
  return undefined;
}

describe('worked examples (docs/domain.md)', () => {
  it('KPPS member JKM death in Feb 2024 = Rp42.000.000 (facts.md §1; titiknol.co.id Cilegon example)', () => {
    const r = calculateJkm({
      program: 'JKM',
      incidentDate: '2024-02-15',
      calculationDate: '2024-02-20',
      contributionMonths: 1,
    });
    expect(r.ruleSet.id).toBe('PP_82_2019');
    expect(r.lineItems.map((i) => [i.code, i.amount])).toEqual([
      ['JKM_LUMP_SUM', 20_000_000],
      ['JKM_PERIODIC', 12_000_000],
      ['JKM_FUNERAL', 10_000_000],
    ]);
    expect(r.total).toBe(42_000_000);
    expect(formatRupiah(r.total)).toBe('Rp42.000.000');
  });

  it('JKK death of a PPK chair on Rp2.500.000: 120jt + 10jt + 12jt = Rp142.000.000 (facts.md §2, detik d-5759152; §6 honoraria)', () => {
    const r = calculateJkk(jkk({ outcome: { kind: 'DEATH', deathDate: '2024-02-14' } }));
    const death = r.lineItems.find((i) => i.code === 'JKK_DEATH');
    expect(death?.amount).toBe(120_000_000);
    expect(death?.formula).toContain('60% × 80 × Rp2.500.000 = Rp120.000.000');
    expect(death?.formula).toContain('floor Rp20.000.000');
    expect(r.total).toBe(142_000_000);
  });

  it('transport claim over its cap is capped: LAND Rp6.000.000 -> Rp5.000.000 (PP 82/2019 poster, facts.md §2)', () => {
    const r = calculateJkk(
      jkk({
        transport: [
          { mode: 'LAND', amount: 4_000_000 },
          { mode: 'LAND', amount: 2_000_000 },
        ],
      }),
    );
    expect(r.lineItems).toHaveLength(1);
    expect(r.lineItems[0]?.amount).toBe(5_000_000);
    expect(r.lineItems[0]?.formula).toBe(
      'min(claimed Rp6.000.000, LAND cap Rp5.000.000) = Rp5.000.000 (capped)',
    );
  });
});

describe('JKM', () => {
  it('PP 44/2015 death (2018): 16.2jt + 4.8jt + 3jt = Rp24.000.000 (facts.md §1 "before PP 82/2019")', () => {
    const r = calculateJkm({
      program: 'JKM',
      incidentDate: '2018-05-01',
      calculationDate: '2018-05-10',
      contributionMonths: 12,
    });
    expect(r.total).toBe(24_000_000);
  });

  it('scholarship withheld when contribution < 36 months (PP 82/2019)', () => {
    const r = calculateJkm({
      program: 'JKM',
      incidentDate: '2024-02-15',
      calculationDate: '2024-03-01',
      contributionMonths: 35,
      children: [{ birthDate: '2015-01-01', schoolLevel: 'SD', yearInLevel: 3 }],
    });
    expect(r.total).toBe(42_000_000);
    expect(r.notes.map((n) => n.code)).toContain('SCHOLARSHIP_MIN_CONTRIBUTION_NOT_MET');
  });

  it.each([
    // PP 82/2019 per-level table (facts.md §1, star.grid.id 453622624)
    ['TK', 1, 1_500_000],
    ['SD', 1, 1_500_000],
    ['SMP', 1, 2_000_000],
    ['SMA', 1, 3_000_000],
    ['HIGHER_ED', 1, 12_000_000],
  ] as const)('scholarship first installment for %s = %d', (level, year, amount) => {
    const r = calculateJkm({
      program: 'JKM',
      incidentDate: '2024-02-15',
      calculationDate: '2024-03-01',
      contributionMonths: 36,
      children: [{ birthDate: '2010-06-01', schoolLevel: level, yearInLevel: year }],
    });
    const sch = r.lineItems.filter((i) => i.code === 'SCHOLARSHIP');
    expect(sch).toHaveLength(1);
    expect(sch[0]?.amount).toBe(amount);
    expect(r.total).toBe(42_000_000 + amount);
  });

  it('full projection for a TK child born 2020 = Rp87.000.000 per child, annual dates, max 2 children (facts.md §1)', () => {
    const r = calculateJkm({
      program: 'JKM',
      incidentDate: '2024-02-15',
      calculationDate: '2024-03-01',
      contributionMonths: 40,
      children: [
        { id: 'a', birthDate: '2020-01-01', schoolLevel: 'TK' },
        { id: 'b', birthDate: '2019-01-01', schoolLevel: 'TK' },
        { id: 'c', birthDate: '2018-01-01', schoolLevel: 'SD' },
      ],
    });
    const perChild = (ref: string): number =>
      [...r.lineItems, ...r.scheduled]
        .filter((i) => i.code === 'SCHOLARSHIP' && i.ref === ref)
        .reduce((s, i) => s + i.amount, 0);
    expect(perChild('a')).toBe(87_000_000);
    // b is a year older: the last higher-ed installment (2042-03-01) falls at age 23, so it is cut (age limit)
    expect(perChild('b')).toBe(75_000_000);
    expect(perChild('c')).toBe(0);
    expect(maxScholarshipPerChild(PP_82_2019)).toBe(87_000_000);
    expect(r.notes.map((n) => n.code)).toContain('SCHOLARSHIP_MAX_CHILDREN');
    const aDates = r.scheduled.filter((i) => i.ref === 'a').map((i) => i.dueDate);
    expect(aDates[0]).toBe('2025-03-01');
    expect(aDates).toHaveLength(18); // 19 years (2+6+3+3+5), first paid now
  });

  it('scholarship stops before age 23 (facts.md §1)', () => {
    const r = calculateJkm({
      program: 'JKM',
      incidentDate: '2024-02-15',
      calculationDate: '2024-03-01',
      contributionMonths: 40,
      children: [{ id: 'x', birthDate: '2002-06-01', schoolLevel: 'HIGHER_ED', yearInLevel: 1 }],
    });
    // age 21 on 2024-03-01, 22 on 2025-03-01, 23 on 2026-03-01 -> installments 2024 and 2025 only
    expect([...r.lineItems, ...r.scheduled].filter((i) => i.code === 'SCHOLARSHIP')).toHaveLength(2);
  });

  it('not-yet-in-school child: deferred with a note, nothing projected', () => {
    const r = calculateJkm({
      program: 'JKM',
      incidentDate: '2024-02-15',
      calculationDate: '2024-03-01',
      contributionMonths: 40,
      children: [{ birthDate: '2023-01-01', schoolLevel: 'NOT_YET_IN_SCHOOL' }],
    });
    expect(r.total).toBe(42_000_000);
    expect(r.notes.map((n) => n.code)).toContain('SCHOLARSHIP_DEFERRED');
  });

  it('PP 44/2015 scholarship: flat Rp12 juta for 1 child with >= 60 months (facts.md §1)', () => {
    const base = {
      program: 'JKM' as const,
      incidentDate: '2018-05-01',
      calculationDate: '2018-05-10',
      children: [{ birthDate: '2010-01-01', schoolLevel: 'SD' as const }],
    };
    expect(calculateJkm({ ...base, contributionMonths: 60 }).total).toBe(36_000_000);
    expect(calculateJkm({ ...base, contributionMonths: 59 }).total).toBe(24_000_000);
  });

  it('unknown school level throws naming schoolLevel', () => {
    expect(
      fieldOf(() =>
        calculateJkm({
          program: 'JKM',
          incidentDate: '2024-02-15',
          calculationDate: '2024-03-01',
          contributionMonths: 40,
          children: [{ birthDate: '2015-01-01', schoolLevel: 'KULIAH' as never }],
        }),
      ),
    ).toBe('schoolLevel');
  });
});

describe('JKK', () => {
  it.each([
    // floor: JKM santunan kematian Rp20 juta (policy JKM_LUMP_SUM, default); 48 × 400k = 19.2jt < 20jt
    [400_000, 'JKM_LUMP_SUM', 20_000_000],
    [700_000, 'JKM_LUMP_SUM', 33_600_000],
    // stricter reading: whole JKM benefit Rp42 juta
    [700_000, 'JKM_TOTAL', 42_000_000],
    [1_000_000, 'JKM_TOTAL', 48_000_000],
  ] as const)('death benefit for wage %d with floor policy %s = %d (facts.md §2)', (wage, floor, amount) => {
    const r = calculateJkk(jkk({ monthlyWage: wage, outcome: { kind: 'DEATH', deathDate: '2024-02-14' } }), {
      policy: { jkkDeathFloor: floor },
    });
    expect(r.lineItems.find((i) => i.code === 'JKK_DEATH')?.amount).toBe(amount);
  });

  it('death: scholarship with no minimum contribution period (facts.md §2)', () => {
    const r = calculateJkk(
      jkk({
        outcome: { kind: 'DEATH', deathDate: '2024-02-14' },
        children: [{ birthDate: '2012-01-01', schoolLevel: 'SMP' }],
      }),
    );
    expect(r.total).toBe(142_000_000 + 2_000_000);
  });

  it('permanent total disability = 56 × wage + Rp12 juta (facts.md §2, metrosulteng "56 kali upah")', () => {
    const r = calculateJkk(jkk({ outcome: { kind: 'TOTAL_DISABILITY' } }));
    expect(r.lineItems.map((i) => [i.code, i.amount])).toEqual([
      ['JKK_TOTAL_DISABILITY', 140_000_000],
      ['JKK_PERIODIC', 12_000_000],
    ]);
  });

  it.each([
    // % table × 80 × wage (facts.md §2 seputarpabrik 2018/12)
    [[{ code: 'EYE_ONE_OR_DIPLOPIA' }], false, 70_000_000], // 35% × 80 × 2.5jt
    [[{ code: 'ARM_RIGHT_FROM_SHOULDER' }], false, 80_000_000], // 40%
    [[{ code: 'ARM_RIGHT_FROM_SHOULDER' }], true, 70_000_000], // left-handed: reversed -> 35%
    [[{ code: 'SCALP_AVULSION', assessedPercent: 20 }], false, 40_000_000],
    [[{ code: 'HEARING_REDUCTION_ONE_EAR', decibelLoss: 35 }], false, 18_000_000], // 3 steps × 3% = 9%
    [[{ code: 'EARLOBE_ONE' }, { code: 'SMELL_LOSS' }], false, 30_000_000], // 5% + 10%
  ])('partial anatomical %j leftHanded=%p = %d', (impairments, leftHanded, total) => {
    const r = calculateJkk(jkk({ outcome: { kind: 'PARTIAL_ANATOMICAL', impairments, leftHanded } }));
    expect(r.total).toBe(total);
  });

  it('partial functional: policy choice changes the result (formula unconfirmed, facts.md §2)', () => {
    const input = jkk({
      outcome: {
        kind: 'PARTIAL_FUNCTIONAL',
        impairments: [{ code: 'EYE_ONE_OR_DIPLOPIA', lossOfFunctionPercent: 50 }],
      },
    });
    expect(calculateJkk(input).total).toBe(35_000_000); // default: 50% × 35% × 80 × 2.5jt
    expect(calculateJkk(input, { policy: { functionalDisability: 'TABLE_PCT_x_80' } }).total).toBe(
      70_000_000,
    );
    expect(() => calculateJkk(input, { policy: { functionalDisability: 'REQUIRE_MANUAL_REVIEW' } })).toThrow(
      PolicyRefusalError,
    );
    expect(calculateJkk(input).lineItems[0]?.confidence).toBe('LOW');
  });

  it('disability table is extendable with validated rows', () => {
    const table = createDisabilityTable([
      {
        code: 'LEG_BOTH',
        group: 'LEG',
        label: { id: 'Kedua kaki', en: 'Both legs' },
        value: { kind: 'FIXED', percent: 70 },
        legalBasis: 'Lampiran (to load)',
        confidence: 'LOW',
      },
    ]);
    const r = calculateJkk(
      jkk({ outcome: { kind: 'PARTIAL_ANATOMICAL', impairments: [{ code: 'LEG_BOTH' }] } }),
      { disabilityTable: table },
    );
    expect(r.total).toBe(140_000_000);
    expect(() =>
      createDisabilityTable([
        {
          code: 'EYES_BOTH',
          group: 'HEAD_SENSES',
          label: { id: 'x', en: 'x' },
          value: { kind: 'FIXED', percent: 1 },
          legalBasis: 'x',
          confidence: 'LOW',
        },
      ]),
    ).toThrow(InvalidInputError);
    expect(
      fieldOf(() =>
        createDisabilityTable([
          {
            code: 'BAD',
            group: 'LEG',
            label: { id: 'x', en: 'x' },
            value: { kind: 'FIXED', percent: 120 },
            legalBasis: 'x',
            confidence: 'LOW',
          },
        ]),
      ),
    ).toBe('disabilityRows[0].value');
  });

  it.each([
    // PP 82/2019: 12 months 100%, then 50% (facts.md §2)
    ['2024-02-14', '2024-03-13', '2024-04-01', [2_500_000]],
    ['2024-02-14', '2024-02-23', '2024-04-01', [833_330]], // 10 days × 83.333
  ])('STMB %s..%s', (from, to, calc, amounts) => {
    const r = calculateJkk(jkk({ calculationDate: calc, stmb: { from, to } }));
    expect(r.lineItems.map((i) => i.amount)).toEqual(amounts);
  });

  it('STMB 14 months under PP 82/2019: 12 × 100% then 2 × 50%, later months scheduled', () => {
    const r = calculateJkk(
      jkk({ calculationDate: '2024-08-13', stmb: { from: '2024-02-14', to: '2025-04-13' } }),
    );
    const all = [...r.lineItems, ...r.scheduled];
    expect(all).toHaveLength(14);
    expect(all.slice(0, 12).every((i) => i.amount === 2_500_000)).toBe(true);
    expect(all.slice(12).map((i) => i.amount)).toEqual([1_250_000, 1_250_000]);
    expect(r.lineItems).toHaveLength(6);
    expect(r.scheduled[0]?.dueDate).toBe('2024-09-13');
  });

  it('STMB under PP 44/2015: 6 × 100%, 6 × 75%, then 50%', () => {
    const r = calculateJkk({
      ...jkk({}),
      incidentDate: '2018-01-01',
      calculationDate: '2020-01-01',
      monthlyWage: 2_000_000,
      stmb: { from: '2018-01-01', to: '2019-01-31' },
    });
    const amounts = r.lineItems.map((i) => i.amount);
    expect(amounts.slice(0, 6)).toEqual(Array(6).fill(2_000_000));
    expect(amounts.slice(6, 12)).toEqual(Array(6).fill(1_500_000));
    expect(amounts[12]).toBe(1_000_000);
  });

  it('medical at cost; home care capped at Rp20 juta (PP 82/2019); not a benefit under PP 44/2015', () => {
    const r = calculateJkk(
      jkk({
        medicalCosts: [{ description: 'RSUD', amount: 73_250_000 }],
        homeCare: { amount: 25_000_000, from: '2024-03-01', to: '2024-12-31' },
      }),
    );
    expect(r.lineItems.map((i) => [i.code, i.amount])).toEqual([
      ['MEDICAL_CARE', 73_250_000],
      ['HOME_CARE', 20_000_000],
    ]);
    expect(
      fieldOf(() => calculateJkk(jkk({ homeCare: { amount: 1, from: '2024-03-01', to: '2025-03-01' } }))),
    ).toBe('homeCare.to');
    const old = calculateJkk({
      ...jkk({}),
      incidentDate: '2018-01-01',
      calculationDate: '2018-02-01',
      homeCare: { amount: 1_000_000, from: '2018-01-02', to: '2018-01-30' },
    });
    expect(old.total).toBe(0);
    expect(old.notes[0]?.code).toBe('HOME_CARE_NOT_IN_RULE_SET');
  });

  it.each([
    ['SEA', 3_000_000, 2_000_000],
    ['AIR', 9_000_000, 9_000_000],
    ['AIR', 12_500_000, 10_000_000],
  ] as const)('transport %s claimed %d -> %d (PP 82/2019 caps)', (mode, claimed, paid) => {
    expect(calculateJkk(jkk({ transport: [{ mode, amount: claimed }] })).total).toBe(paid);
  });

  it('late first report: payer becomes the employer (reimbursable), amounts unchanged', () => {
    const r = calculateJkk(jkk({ outcome: { kind: 'DEATH', deathDate: '2024-02-14' }, reportedLate: true }));
    expect(r.total).toBe(142_000_000);
    expect(r.lineItems.every((i) => i.payer === 'EMPLOYER_REIMBURSABLE')).toBe(true);
  });

  it.each([
    [{ monthlyWage: -1 }, 'monthlyWage'],
    [{ monthlyWage: 1_500_000.5 }, 'monthlyWage'],
    [{ incidentDate: '2015-06-30', calculationDate: '2015-07-01' }, 'incidentDate'],
    [{ calculationDate: '2024-01-01' }, 'calculationDate'],
    [{ transport: [{ mode: 'TRAIN' as never, amount: 1 }] }, 'transport[0].mode'],
    [{ medicalCosts: [{ description: 'x', amount: -5 }] }, 'medicalCosts[0].amount'],
    [
      { outcome: { kind: 'PARTIAL_ANATOMICAL' as const, impairments: [{ code: 'NOPE' }] } },
      'outcome.impairments[0].code',
    ],
    [
      {
        outcome: {
          kind: 'PARTIAL_ANATOMICAL' as const,
          impairments: [{ code: 'EYES_BOTH' }, { code: 'EYE_ONE_OR_DIPLOPIA' }],
        },
      },
      'outcome.impairments',
    ],
    [{ stmb: { from: '2024-02-10', to: '2024-02-20' } }, 'stmb.from'],
  ])('invalid input %j throws DomainError on %s', (over, field) => {
    expect(fieldOf(() => calculateJkk(jkk(over as Partial<JkkClaimInput>)))).toBe(field);
  });
});

describe('KPU santunan (facts.md §5: S-647/MK.02/2022, Kep. KPU 472/2022, 59/2023)', () => {
  it.each([
    ['DEATH', undefined, 46_000_000],
    ['PERMANENT_DISABILITY', 100, 30_800_000],
    ['PERMANENT_DISABILITY', 50, 15_400_000],
    ['SERIOUS_INJURY', undefined, 16_500_000],
    ['MODERATE_INJURY', undefined, 8_250_000],
  ] as const)('%s (%p%%) for an unenrolled worker = %d, payer KPU', (event, pct, total) => {
    const r = calculateBenefits({
      program: 'KPU_SANTUNAN',
      incidentDate: '2024-02-15',
      event,
      disabilityPercent: pct,
      coveredByBpjs: false,
    });
    expect(r.total).toBe(total);
    expect(r.lineItems.every((i) => i.payer === 'KPU')).toBe(true);
  });

  it('stacking policy: EXCLUSIVE (default) pays nothing to a BPJS-covered worker; STACK pays', () => {
    const input = {
      program: 'KPU_SANTUNAN' as const,
      incidentDate: '2024-02-15',
      event: 'DEATH' as const,
      coveredByBpjs: true,
    };
    const ex = calculateBenefits(input);
    expect(ex.total).toBe(0);
    expect(ex.notes[0]?.code).toBe('KPU_SANTUNAN_EXCLUSIVE');
    expect(calculateBenefits(input, { policy: { kpuSantunanStacking: 'STACK' } }).total).toBe(46_000_000);
  });

  it('disability percent is required', () => {
    expect(
      fieldOf(() =>
        calculateBenefits({
          program: 'KPU_SANTUNAN',
          incidentDate: '2024-02-15',
          event: 'PERMANENT_DISABILITY',
          coveredByBpjs: false,
        }),
      ),
    ).toBe('disabilityPercent');
  });

  it('unknown policy value is rejected', () => {
    expect(
      fieldOf(() =>
        calculateBenefits(
          { program: 'KPU_SANTUNAN', incidentDate: '2024-02-15', event: 'DEATH', coveredByBpjs: false },
          { policy: { kpuSantunanStacking: 'MAYBE' as never } },
        ),
      ),
    ).toBe('policy.kpuSantunanStacking');
  });
});

describe('STMB ends at death (facts.md §2: STMB is paid "until recovered, disabled or dead", PP 82/2019)', () => {
  const death = (deathDate: string, stmb: { from: string; to: string }, calculationDate = '2025-06-01') =>
    calculateJkk(jkk({ calculationDate, outcome: { kind: 'DEATH', deathDate }, stmb }));

  it('no STMB month is computed after the death date; the month of death is paid for its days up to it', () => {
    const r = death('2024-04-20', { from: '2024-02-14', to: '2025-02-13' });
    const stmb = [...r.lineItems, ...r.scheduled].filter((i) => i.code === 'STMB');
    // months 1-2 complete (02-14..03-13, 03-14..04-13), month 3 = 04-14..04-20 = 7 days × 83.333
    expect(stmb.map((i) => [i.ref, i.amount])).toEqual([
      ['month-1', 2_500_000],
      ['month-2', 2_500_000],
      ['month-3', 583_331],
    ]);
    expect(r.scheduled.filter((i) => i.code === 'STMB')).toEqual([]);
    expect(r.notes.map((n) => n.code)).toContain('STMB_ENDS_AT_DEATH');
    expect(r.lineItems.some((i) => i.code === 'JKK_DEATH')).toBe(true);
  });

  it('a death before the calculation date leaves no scheduled STMB instalment after it', () => {
    const r = death('2024-05-13', { from: '2024-02-14', to: '2025-04-13' }, '2024-04-01');
    const all = [...r.lineItems, ...r.scheduled].filter((i) => i.code === 'STMB');
    expect(all).toHaveLength(3);
    expect(all.every((i) => i.amount === 2_500_000)).toBe(true);
    expect(r.scheduled.filter((i) => i.code === 'STMB').map((i) => i.dueDate)).toEqual(['2024-04-13', '2024-05-13']);
  });

  it('an incapacity period that starts after the death pays no STMB at all', () => {
    const r = death('2024-02-20', { from: '2024-03-01', to: '2024-06-30' });
    expect([...r.lineItems, ...r.scheduled].filter((i) => i.code === 'STMB')).toEqual([]);
  });

  it('an incapacity period ending before the death is unchanged (no note)', () => {
    const r = death('2024-09-01', { from: '2024-02-14', to: '2024-03-13' });
    expect(r.lineItems.filter((i) => i.code === 'STMB').map((i) => i.amount)).toEqual([2_500_000]);
    expect(r.notes.map((n) => n.code)).not.toContain('STMB_ENDS_AT_DEATH');
  });
});
