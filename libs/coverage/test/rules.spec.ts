import fc from 'fast-check';
import { parseNik } from '@sigap/domain';
import {
  decideCoverage,
  fastNikMatches,
  monthlyContribution,
  monthsBegun,
  RosterCsvReader,
  RosterFileError,
  RosterRowValidator,
  ROSTER_COLUMNS,
  type RegistryAppointment,
} from '@sigap/coverage';

describe('monthsBegun (contribution months: every month begun)', () => {
  it.each([
    ['2024-01-25', '2024-01-25', 1],
    ['2024-01-25', '2024-02-24', 1],
    ['2024-01-25', '2024-02-25', 2], // KPPS term Pemilu 2024 (facts.md §6)
    ['2023-01-24', '2024-03-31', 15],
    ['2024-01-31', '2024-02-29', 2], // anniversary clamped to the end of February
    ['2024-02-01', '2024-01-31', 0],
  ])('%s .. %s = %i', (a, b, n) => expect(monthsBegun(a, b)).toBe(n));
});

describe('contribution rates (facts.md §3, Lampiran I PP 44/2015)', () => {
  it.each([
    // [segment, program, wage, expected]
    ['PU', 'JKK', 2_500_000, 6_000],
    ['PU', 'JKM', 2_500_000, 7_500], // ketua PPK Sulsel: 13.500 in total
    ['PU', 'JKK', 1_200_000, 2_880],
    ['PU', 'JKM', 1_200_000, 3_600], // anggota PPS Sulsel 6.480 in total
    ['PU', 'JKK', 2_111_111, 5_067], // half-up
    ['PU', 'JKM', 2_111_111, 6_333], // NTT ~Rp11.400 per person per month on a UMP basis
    ['BPU', 'JKK', 500_000, 10_000], // minimum
    ['BPU', 'JKK', 30_000_000, 207_000], // maximum
    ['BPU', 'JKK', 2_500_000, 25_000],
    ['BPU', 'JKM', 2_500_000, 6_800],
  ] as const)('%s %s on %i = %i', (seg, prog, wage, expected) =>
    expect(monthlyContribution(seg, prog, wage)).toBe(expected),
  );
});

describe('decideCoverage', () => {
  const appt = (over: Partial<RegistryAppointment> = {}): RegistryAppointment => ({
    organisation: 'KPU',
    role: 'KPPS_ANGGOTA',
    regionCode: '5301012001',
    tpsNumber: 1,
    electionEvent: 'PEMILU_2024',
    termStart: '2024-01-25',
    termEnd: '2024-02-25',
    coverage: {
      participantNumber: '24000000001',
      jkk: true,
      jkm: true,
      start: '2024-01-25',
      end: '2024-02-25',
      wageBase: 1_100_000,
      wageBaseSource: 'HONORARIUM',
      segment: 'PU',
      fundingSource: 'APBD',
      contributionStatus: 'PAID',
    },
    ...over,
  });
  it('NO_RECORD without a worker; OUTSIDE_TERM for a worker without appointments', () => {
    expect(decideCoverage(null, '2024-02-14', 'JKK').outcome).toBe('NO_RECORD');
    expect(decideCoverage([], '2024-02-14', 'JKK')).toMatchObject({
      outcome: 'OUTSIDE_TERM',
      reasons: [{ code: 'NO_APPOINTMENT' }],
    });
  });
  it('inclusive bounds of term and period', () => {
    for (const d of ['2024-01-25', '2024-02-14', '2024-02-25'])
      expect(decideCoverage([appt()], d, 'JKM').outcome).toBe('COVERED');
    for (const d of ['2024-01-24', '2024-02-26'])
      expect(decideCoverage([appt()], d, 'JKM').outcome).toBe('OUTSIDE_TERM');
  });
  it('coverage of another appointment of the same person covers an on-duty date', () => {
    const base = appt();
    const pps = appt({
      role: 'PPS_ANGGOTA',
      termStart: '2023-01-24',
      termEnd: '2024-01-31',
      tpsNumber: null,
      coverage: { ...base.coverage!, start: '2024-01-01', end: '2024-03-31' },
    });
    const kpps = appt({ coverage: null });
    const d = decideCoverage([kpps, pps], '2024-02-14', 'JKK');
    expect(d.outcome).toBe('COVERED');
    expect(d.appointment?.role).toBe('KPPS_ANGGOTA');
    expect(d.reasons.map((r) => r.code)).toContain('COVERED_THROUGH_OTHER_APPOINTMENT');
  });
  it('property: with a period equal to the term, COVERED exactly on the days of the term', () => {
    fc.assert(
      fc.property(fc.integer({ min: -40, max: 70 }), (offset) => {
        const d = new Date(Date.UTC(2024, 0, 25 + offset)).toISOString().slice(0, 10);
        const inside = d >= '2024-01-25' && d <= '2024-02-25';
        return decideCoverage([appt()], d, 'JKK').outcome === (inside ? 'COVERED' : 'OUTSIDE_TERM');
      }),
    );
  });
});

describe('fastNikMatches agrees with parseNik', () => {
  it('property: fast acceptance implies parseNik accepts with the same birth date and sex', () => {
    const digits = fc.stringMatching(/^[0-9]{16}$/);
    const date = fc
      .date({ min: new Date('1930-01-01T00:00:00Z'), max: new Date('2010-12-31T00:00:00Z'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    const aligned = fc.tuple(fc.integer({ min: 11, max: 99 }), fc.integer({ min: 0, max: 99 }), date, fc.boolean(), fc.integer({ min: 0, max: 9999 }))
      .map(([p, k, b, female, serial]) => ({
        nik:
          String(p) + String(k).padStart(2, '0') + '01' +
          String(Number(b.slice(8, 10)) + (female ? 40 : 0)).padStart(2, '0') + b.slice(5, 7) + b.slice(2, 4) +
          String(serial).padStart(4, '0'),
        birth: b,
        female,
      }));
    fc.assert(
      fc.property(fc.oneof(aligned, fc.record({ nik: digits, birth: date, female: fc.boolean() })), ({ nik, birth, female }) => {
        if (!fastNikMatches(nik, birth, female)) return true;
        const p = parseNik(nik, birth);
        return p.birthDate.slice(2) === birth.slice(2) && (p.sex === 'FEMALE') === female;
      }),
      { numRuns: 5000 },
    );
  });
});

describe('RosterCsvReader', () => {
  const read = (text: string | Buffer, chunk = 7, max?: number) => {
    const rows: [number, string[] | null][] = [];
    const r = new RosterCsvReader({ expectedColumns: ['a', 'b', 'c'], maxRecordChars: max, onRecord: (n, f) => rows.push([n, f]) });
    const buf = Buffer.isBuffer(text) ? text : Buffer.from(text);
    for (let i = 0; i < buf.length; i += chunk) r.push(buf.subarray(i, i + chunk));
    r.end();
    return rows;
  };
  it('reads quoted fields, CRLF, columns in any order, across chunk boundaries', () => {
    expect(read('\uFEFFc,a,b\r\n3,1,2\r\n"x,""y""",é,"multi\nline"\n')).toEqual([
      [2, ['1', '2', '3']],
      [3, ['é', 'multi\nline', 'x,"y"']],
    ]);
  });
  it('a row with the wrong number of fields is handed over as null (a reject), not dropped', () => {
    expect(read('a,b,c\n1,2\n\n1,2,3')).toEqual([
      [2, null],
      [3, null],
      [4, ['1', '2', '3']],
    ]);
  });
  it.each([
    ['a;b;c\n1;2;3\n', 'WRONG_DELIMITER'],
    ['a\tb\tc\n', 'WRONG_DELIMITER'],
    ['a,b\n1,2\n', 'MISSING_COLUMNS'],
    ['a,b,c,d\n', 'UNKNOWN_COLUMNS'],
    ['a,b,c,a\n', 'DUPLICATE_COLUMNS'],
    ['', 'EMPTY_FILE'],
    ['a,b,c\n"1,2,3\n', 'UNTERMINATED_QUOTE'],
  ])('%j is refused: %s', (text, code) => {
    expect(() => read(text)).toThrow(expect.objectContaining({ code }));
  });
  it('refuses bytes that are not UTF-8, and an overlong line early', () => {
    expect(() => read(Buffer.from([0x61, 0x2c, 0x62, 0x2c, 0x63, 0x0a, 0xff, 0x0a]))).toThrow(RosterFileError);
    expect(() => read('a,b,c\n' + 'x'.repeat(5000), 1024, 1000)).toThrow(expect.objectContaining({ code: 'LINE_TOO_LONG' }));
  });
});

describe('RosterRowValidator', () => {
  const v = new RosterRowValidator();
  const good = {
    nik: '5301011205900001', full_name: 'Yohanes Ndun', sex: 'L', birth_date: '1990-05-12', phone: '081234567801',
    organisation: 'KPU', role: 'KPPS_KETUA', region_code: '53.01.01.2001', tps_number: '1', election_event: 'PEMILU_2024',
    sk_number: 'KPU-5301/KPPS/2024', term_start: '2024-01-25', term_end: '2024-02-25', honorarium: '1200000',
    participant_number: '24000000001', programs: 'JKK+JKM', coverage_start: '2024-01-25', coverage_end: '2024-02-25',
    wage_base: '1200000', wage_base_source: 'HONORARIUM', segment: 'PU', funding_source: 'APBD',
    contribution_status: 'PAID', pks_number: 'PKS/1', bpjs_branch: 'Waingapu',
  };
  const fields = (o: Record<string, string>) => ROSTER_COLUMNS.map((c) => o[c] ?? '');
  it('a good row becomes a COPY line with the undotted region code', () => {
    const out = v.validate(2, fields(good));
    expect(typeof out).toBe('string');
    expect((out as string).split('\t')).toHaveLength(27);
    expect(out).toContain('\t5301012001\t');
  });
  it('reports every wrong field of a row', () => {
    const out = v.validate(2, fields({ ...good, organisation: 'BAWASLU', programs: 'JKK+JHT', coverage_end: '2024-01-01', honorarium: '1.200.000' }));
    expect((out as { field: string }[]).map((e) => e.field).sort()).toEqual(['coverage_end', 'honorarium', 'organisation', 'programs']);
  });
  it('coverage is all or nothing', () => {
    const out = v.validate(2, fields({ ...good, wage_base: '' }));
    expect(out).toEqual([{ field: 'wage_base', reason: expect.any(String) }]);
    const none = Object.fromEntries(Object.entries(good).map(([k, x]) => [k, ['participant_number', 'programs', 'coverage_start', 'coverage_end', 'wage_base', 'wage_base_source', 'segment', 'funding_source', 'contribution_status', 'pks_number', 'bpjs_branch'].includes(k) ? '' : x]));
    expect(typeof v.validate(2, fields(none))).toBe('string');
  });
});
