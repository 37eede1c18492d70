import {
  addWorkingDays,
  allocateDeathBenefits,
  CalendarRangeError,
  calculateJkm,
  checkEligibility,
  checklistFor,
  DomainError,
  determineHeirs,
  isWorkingDay,
  latePaymentPenalty,
  NikError,
  parentRegionCode,
  parseNik,
  parseRegionCode,
  paymentDeadline,
  RegionCodeError,
  RegionDirectory,
  WorkingDayCalendar,
} from '@sigap/domain';

const fieldOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e.field;
    throw e;
  }
  return undefined;
};

describe('eligibility (facts.md §1, §2, §4, §5)', () => {
  const base = {
    program: 'JKK' as const,
    incidentDate: '2024-02-14',
    claimDate: '2024-03-01',
    coveragePeriods: [{ start: '2024-01-25', end: '2024-02-25' }],
    termOfDuty: { oathDate: '2024-01-25', endDate: '2024-02-25' },
  };
  const status = (r: ReturnType<typeof checkEligibility>, code: string) =>
    r.checks.find((c) => c.code === code)?.status;

  it('coverage active and within term of duty (inclusive bounds) -> eligible', () => {
    const r = checkEligibility({ ...base, incidentDate: '2024-02-25' });
    expect(r.eligible).toBe(true);
    expect(status(r, 'WITHIN_TERM_OF_DUTY')).toBe('PASS');
  });

  it('incident after term end fails WITHIN_TERM_OF_DUTY and COVERAGE_ACTIVE', () => {
    const r = checkEligibility({ ...base, incidentDate: '2024-02-26' });
    expect(r.eligible).toBe(false);
    expect(status(r, 'WITHIN_TERM_OF_DUTY')).toBe('FAIL');
    expect(status(r, 'COVERAGE_ACTIVE')).toBe('FAIL');
  });

  it.each([
    // PP 82/2019 amending Pasal 26: 5 years; PP 44/2015: 2 years (facts.md §2)
    ['2024-02-14', '2029-02-14', 'PASS'],
    ['2024-02-14', '2029-02-15', 'FAIL'],
    ['2018-03-01', '2020-03-01', 'PASS'],
    ['2018-03-01', '2020-03-02', 'FAIL'],
  ])('JKK incident %s claimed %s -> %s', (incidentDate, claimDate, expected) => {
    const r = checkEligibility({
      ...base,
      incidentDate,
      claimDate,
      coveragePeriods: [{ start: incidentDate, end: incidentDate }],
      termOfDuty: { oathDate: incidentDate, endDate: incidentDate },
    });
    expect(status(r, 'JKK_CLAIM_NOT_EXPIRED')).toBe(expected);
  });

  it('late first report (> 2×24 h) is a WARN with the employer consequence, not a rejection (Permenaker 1/2025 Pasal 8(2a)–(2c))', () => {
    const r = checkEligibility({
      ...base,
      incidentAt: '2024-02-14T13:00:00+07:00',
      firstReportedAt: '2024-02-16T13:00:01+07:00',
    });
    expect(status(r, 'FIRST_REPORT_ON_TIME')).toBe('WARN');
    expect(r.eligible).toBe(true);
    expect(r.employerLiable).toBe(true);
    const onTime = checkEligibility({
      ...base,
      incidentAt: '2024-02-14T13:00:00+07:00',
      firstReportedAt: '2024-02-16T13:00:00+07:00',
    });
    expect(status(onTime, 'FIRST_REPORT_ON_TIME')).toBe('PASS');
  });

  it('JKM needs active coverage only (no minimum period, no term-of-duty check)', () => {
    const r = checkEligibility({
      program: 'JKM',
      incidentDate: '2024-02-15',
      claimDate: '2024-02-20',
      coveragePeriods: [{ start: '2024-01-01', end: '2024-03-31' }],
    });
    expect(r.eligible).toBe(true);
    expect(status(r, 'WITHIN_TERM_OF_DUTY')).toBe('NOT_APPLICABLE');
  });

  it('invalid input names the field', () => {
    expect(fieldOf(() => checkEligibility({ ...base, termOfDuty: undefined }))).toBe('termOfDuty');
    expect(
      fieldOf(() =>
        checkEligibility({
          ...base,
          incidentAt: '2024-02-14 13:00',
          firstReportedAt: '2024-02-14T13:00:00Z',
        }),
      ),
    ).toBe('incidentAt');
  });
});

describe('document checklists (facts.md §4, §5)', () => {
  const codes = (ctx: Parameters<typeof checklistFor>[0]) => checklistFor(ctx).map((d) => d.code);

  it('JKM death, base list (riau.antaranews 317166)', () => {
    expect(codes({ caseType: 'JKM_DEATH' })).toEqual([
      'BPJS_MEMBERSHIP_CARD',
      'DECEASED_EKTP',
      'HEIRS_KTP',
      'FAMILY_CARD_KK',
      'DEATH_CERTIFICATE',
      'HEIRSHIP_CERTIFICATE',
      'HEIR_BANK_ACCOUNT',
    ]);
  });

  it.each([
    // police report only for road accidents (Permenaker 5/2021 jo. 1/2025 Pasal 19)
    ['JKK_RECOVERED', { roadAccident: true }, 'POLICE_REPORT', true],
    ['JKK_RECOVERED', { roadAccident: false }, 'POLICE_REPORT', false],
    // marriage book only when a spouse is the heir
    ['JKM_DEATH', { heirIsSpouse: true }, 'MARRIAGE_BOOK', true],
    ['JKM_DEATH', {}, 'MARRIAGE_BOOK', false],
    // notarial deed for a will beneficiary; court determination for a non-listed heir (Permenaker 1/2025 Pasal 79(2a)–(2b))
    ['JKK_DEATH', { heirIsWillBeneficiary: true }, 'NOTARIAL_DEED_WILL', true],
    ['JKK_DEATH', { heirNotListedInRegulation: true }, 'COURT_HEIRSHIP_DETERMINATION', true],
    ['JKK_DEATH', {}, 'COURT_HEIRSHIP_DETERMINATION', false],
    // KPU santunan: e-KTP or Dukcapil letter (Kep. KPU 59/2023)
    ['KPU_SANTUNAN_DEATH', {}, 'EKTP_DECEASED_AND_HEIRS', true],
    ['KPU_SANTUNAN_DEATH', { deceasedHasNoEKtp: true }, 'DUKCAPIL_LETTER', true],
    ['KPU_SANTUNAN_DEATH', { deceasedHasNoEKtp: true }, 'EKTP_DECEASED_AND_HEIRS', false],
  ] as const)('%s with %j includes %s: %p', (caseType, facts, code, present) => {
    expect(codes({ caseType, facts }).includes(code)).toBe(present);
  });

  it('each document has a supplier and legal basis; conditional ones say why', () => {
    for (const d of checklistFor({
      caseType: 'JKK_DEATH',
      facts: { roadAccident: true, heirIsSpouse: true, transportClaimed: true },
    })) {
      expect(['KPU', 'FAMILY', 'HOSPITAL', 'POLICE', 'BPJS', 'WORKER']).toContain(d.supplier);
      expect(d.legalBasis).toBeTruthy();
      if (d.requirement === 'CONDITIONAL') expect(d.because).toBeDefined();
    }
  });

  it('unknown case type / fact throws naming the field', () => {
    expect(fieldOf(() => checklistFor({ caseType: 'X' as never }))).toBe('caseType');
    expect(fieldOf(() => checklistFor({ caseType: 'JKM_DEATH', facts: { foo: true } as never }))).toBe(
      'facts.foo',
    );
  });
});

describe('heirs (PP 44/2015 Pasal 37(5); Permenaker 44/2015 Pasal 19)', () => {
  it.each([
    [{ spouses: [{ name: 'W' }], parents: [{ name: 'P' }] }, 'SPOUSE_OR_CHILD', ['SPOUSE']],
    [{ children: [{}, {}], siblings: [{}] }, 'SPOUSE_OR_CHILD', ['CHILD', 'CHILD']],
    [
      { spouses: [{ alive: false }], parents: [{}], grandchildren: [{}] },
      'LINEAL_RELATIVE_2ND_DEGREE',
      ['PARENT', 'GRANDCHILD'],
    ],
    [{ siblings: [{}], parentsInLaw: [{}] }, 'SIBLING', ['SIBLING']],
    [{ parentsInLaw: [{}], willBeneficiaries: [{}] }, 'PARENT_IN_LAW', ['PARENT_IN_LAW']],
    [{ willBeneficiaries: [{}] }, 'WILL_BENEFICIARY', ['WILL_BENEFICIARY']],
  ])('%j -> %s', (family, heirClass, relations) => {
    const r = determineHeirs(family);
    expect(r.hasHeir && r.heirClass).toBe(heirClass);
    expect(r.heirs.map((h) => h.relation)).toEqual(relations);
  });

  it('no heir: funeral -> employer/funeral organiser; lump sum and periodic -> Dana Jaminan Sosial', () => {
    const heirs = determineHeirs({});
    expect(heirs.hasHeir).toBe(false);
    const benefits = calculateJkm({
      program: 'JKM',
      incidentDate: '2024-02-15',
      calculationDate: '2024-02-20',
      contributionMonths: 1,
    });
    expect(allocateDeathBenefits(benefits, heirs).map((a) => [a.code, a.recipient])).toEqual([
      ['JKM_LUMP_SUM', 'DANA_JAMINAN_SOSIAL'],
      ['JKM_PERIODIC', 'DANA_JAMINAN_SOSIAL'],
      ['JKM_FUNERAL', 'EMPLOYER_OR_FUNERAL_ORGANISER'],
    ]);
  });
});

describe('NIK (facts.md §7)', () => {
  it('parses a male NIK', () => {
    expect(parseNik('3201011508900001', '2024-02-14')).toEqual({
      nik: '3201011508900001',
      provinceCode: '32',
      regencyCode: '3201',
      districtCode: '320101',
      regencyType: 'KABUPATEN',
      sex: 'MALE',
      birthDate: '1990-08-15',
      serial: 1,
    });
  });

  it.each([
    ['3273015508050002', 'FEMALE', '2005-08-15'], // day 55 -> 15, female; 2005 not in the future
    ['3273014101250003', 'FEMALE', '1925-01-01'], // 2025-01-01 is after the reference date -> 1925
    ['3273010101240004', 'MALE', '2024-01-01'],
    ['3273012902000005', 'MALE', '2000-02-29'],
  ])('%s -> %s %s (reference 2024-02-14)', (nik, sex, birth) => {
    const p = parseNik(nik, '2024-02-14');
    expect(p.sex).toBe(sex);
    expect(p.birthDate).toBe(birth);
  });

  it('accepts a region prefix not in the current list (e.g. a future split)', () => {
    expect(parseNik('9969011508900001', '2024-02-14').regencyCode).toBe('9969');
  });

  it.each([
    ['320101150890000', 'NIK_FORMAT'],
    ['32010115089000a1', 'NIK_FORMAT'],
    ['3201013208900001', 'NIK_BIRTH_DATE'], // day 32
    ['3201017208900001', 'NIK_BIRTH_DATE'], // day 72
    ['3201013102900001', 'NIK_BIRTH_DATE'], // 31 Feb
    ['3201012902010001', 'NIK_BIRTH_DATE'], // 29 Feb 2001 / 1901
    ['3201011513900001', 'NIK_BIRTH_DATE'], // month 13
    ['3201011508900000', 'NIK_SERIAL'],
    ['0901011508900001', 'NIK_PROVINCE'],
    ['3270011508900001', 'NIK_REGENCY'],
    ['3201001508900001', 'NIK_DISTRICT'],
  ])('%s -> %s on field nik', (nik, code) => {
    expect(() => parseNik(nik, '2024-02-14')).toThrow(NikError);
    try {
      parseNik(nik, '2024-02-14');
    } catch (e) {
      expect((e as NikError).code).toBe(code);
      expect((e as NikError).field).toBe('nik');
    }
  });
});

describe('region codes (Permendagri 58/2021; Kepmendagri 300.2.2-2138/2025)', () => {
  it.each([
    ['11', 'PROVINCE', '11', undefined],
    ['11.01', 'REGENCY', '11.01', 'KABUPATEN'],
    ['3171', 'REGENCY', '31.71', 'KOTA'],
    ['11.01.01', 'DISTRICT', '11.01.01', 'KABUPATEN'],
    ['1101012001', 'VILLAGE', '11.01.01.2001', 'KABUPATEN'],
  ])('%s -> %s %s', (input, level, dotted, type) => {
    const r = parseRegionCode(input);
    expect(r.level).toBe(level);
    expect(r.dotted).toBe(dotted);
    expect(r.regencyType).toBe(type);
  });

  it.each([
    ['3171011001', 'KELURAHAN'],
    ['11.01.01.2001', 'DESA'],
    ['9101013001', 'DESA_ADAT'],
  ])('%s village type %s', (code, t) => expect(parseRegionCode(code).villageType).toBe(t));

  it('parent codes', () => {
    expect(parentRegionCode('11.01.01.2001')).toBe('110101');
    expect(parentRegionCode('110101')).toBe('1101');
    expect(parentRegionCode('1101')).toBe('11');
    expect(parentRegionCode('11')).toBeNull();
  });

  it.each(['1101010', '11.1.01', '1170', '1101014001', 'ab', '0901'])('rejects %s', (c) => {
    expect(() => parseRegionCode(c)).toThrow(RegionCodeError);
  });

  it('embedded names (idn-area-data, ODbL) and rows loaded later', () => {
    const dir = RegionDirectory.withEmbedded([{ code: '32.01.01', name: 'Cibinong' }]);
    expect(dir.nameOf('32')).toBe('Jawa Barat');
    expect(dir.nameOf('3201')).toBe('Kabupaten Bogor');
    expect(dir.nameOf('11.01')).toBe('Kabupaten Aceh Selatan');
    expect(dir.path('320101').map((e) => e.name)).toEqual(['Jawa Barat', 'Kabupaten Bogor', 'Cibinong']);
    expect(dir.children('11').length).toBeGreaterThan(10);
    expect(dir.size).toBe(38 + 514 + 1);
    expect(fieldOf(() => new RegionDirectory([{ code: '1101010', name: 'x' }]))).toBe('rows[0].code');
  });
});

describe('working-day calendar and payment (SKB 3 Menteri; PP 44/2015 Pasal 37, 40)', () => {
  it.each([
    ['2024-02-14', false], // Pemilu voting day holiday
    ['2024-02-15', true],
    ['2024-04-08', false], // cuti bersama Idul Fitri
    ['2024-11-27', false], // Pilkada (Keppres 33/2024)
    ['2025-08-18', false], // cuti bersama added by SKB 933/2025
    ['2026-03-20', false],
    ['2026-03-25', true],
    ['2024-02-17', false], // Saturday
  ])('isWorkingDay(%s) = %p', (d, w) => expect(isWorkingDay(d)).toBe(w));

  it('outside the data years throws, never assumes a working day', () => {
    expect(() => isWorkingDay('2027-01-04')).toThrow(CalendarRangeError);
    expect(() => isWorkingDay('2023-12-29')).toThrow(CalendarRangeError);
  });

  it('cuti bersama can be counted as working days by option', () => {
    expect(
      new WorkingDayCalendar(undefined, { cutiBersamaIsHoliday: false }).isWorkingDay('2024-04-08'),
    ).toBe(true);
  });

  it.each([
    // JKM 3 working days (PP 44/2015 Pasal 40(3)); JKK 7 working days (Pasal 37(2)–(3))
    ['JKM', '2024-02-12', '2024-02-16'], // skips 14 Feb
    ['JKM', '2024-04-05', '2024-04-18'], // Lebaran: 8–12, 15 Apr off
    ['JKK', '2024-02-12', '2024-02-22'],
  ] as const)('%s deadline from complete file %s = %s', (p, d, deadline) => {
    expect(paymentDeadline(p, d).deadline).toBe(deadline);
  });

  it('addWorkingDays(…, 0) is the same day', () =>
    expect(addWorkingDays('2024-02-14', 0)).toBe('2024-02-14'));

  it('late penalty: 1% of the benefit per day of delay (facts.md §4)', () => {
    const p = latePaymentPenalty({ benefitAmount: 42_000_000, deadline: '2024-02-16', paidOn: '2024-02-21' });
    expect(p.daysLate).toBe(5);
    expect(p.amount).toBe(2_100_000);
    expect(p.formula).toBe('5 day(s) × 1% × Rp42.000.000 = Rp2.100.000');
    expect(
      latePaymentPenalty({ benefitAmount: 42_000_000, deadline: '2024-02-16', paidOn: '2024-02-16' }).amount,
    ).toBe(0);
    expect(
      latePaymentPenalty({
        benefitAmount: 42_000_000,
        deadline: '2024-02-16',
        paidOn: '2024-02-21',
        dayCounting: 'WORKING_DAYS',
      }).daysLate,
    ).toBe(3);
    expect(
      fieldOf(() => latePaymentPenalty({ benefitAmount: -1, deadline: '2024-02-16', paidOn: '2024-02-21' })),
    ).toBe('benefitAmount');
  });
});
