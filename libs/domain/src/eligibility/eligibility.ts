/**
 * Eligibility checks with structured reasons (code + id/en text + legal basis).
 * - coverage active on the incident date (PP 44/2015; JKM: "dalam masa kepesertaan aktif", facts.md §1)
 * - incident within the term of duty, SK oath..end inclusive (JKK and KPU santunan; Kep. KPU 59/2023, facts.md §5)
 * - JKK claim right expires N years after the accident / PAK diagnosis (5 years PP 82/2019, 2 before; Pasal 26),
 *   per the rule set in force on the incident date
 * - first report later than 2×24 h: flagged (WARN), not a rejection: the benefit becomes the employer's obligation,
 *   reimbursable, and the worker's right is not void (Permenaker 5/2021 as amended by 1/2025 Pasal 8(2a)–(2c))
 */
import { addYears, assertIsoDate, compareDates, isWithin, parseIsoDateTime, type IsoDate } from '../date';
import { InvalidInputError } from '../errors';
import { ruleSetFor } from '../rulesets';
import type { Bilingual } from '../rulesets/types';

export type CheckStatus = 'PASS' | 'FAIL' | 'WARN' | 'NOT_APPLICABLE';

export interface EligibilityCheck {
  code: 'COVERAGE_ACTIVE' | 'WITHIN_TERM_OF_DUTY' | 'JKK_CLAIM_NOT_EXPIRED' | 'FIRST_REPORT_ON_TIME';
  status: CheckStatus;
  reason: Bilingual;
  legalBasis: string;
  /** Consequence to act on (e.g. payer becomes the employer). */
  consequence?: Bilingual;
}

export interface EligibilityInput {
  program: 'JKK' | 'JKM' | 'KPU_SANTUNAN';
  incidentDate: IsoDate;
  /** Date the claim is made/checked (for expiry). */
  claimDate: IsoDate;
  /** Coverage periods (inclusive). Empty = not enrolled. */
  coveragePeriods: { start: IsoDate; end: IsoDate }[];
  /** SK pengangkatan: oath date .. end of term (inclusive). */
  termOfDuty?: { oathDate: IsoDate; endDate: IsoDate };
  /** Accident moment and first report moment (ISO date-time with offset), JKK only. */
  incidentAt?: string;
  firstReportedAt?: string;
}

export interface EligibilityResult {
  eligible: boolean;
  checks: EligibilityCheck[];
  /** True when a late first report moved the obligation to the employer. */
  employerLiable: boolean;
}

const HOURS_48_MS = 48 * 3600 * 1000;
const REPORT_BASIS = 'Permenaker 5/2021 as amended by Permenaker 1/2025 Pasal 8(2a)–(2c)';

export function checkEligibility(input: EligibilityInput): EligibilityResult {
  if (!['JKK', 'JKM', 'KPU_SANTUNAN'].includes(input?.program))
    throw new InvalidInputError('program', `unknown program "${String(input?.program)}"`);
  assertIsoDate(input.incidentDate, 'incidentDate');
  assertIsoDate(input.claimDate, 'claimDate');
  if (!Array.isArray(input.coveragePeriods))
    throw new InvalidInputError('coveragePeriods', 'coveragePeriods must be an array');
  input.coveragePeriods.forEach((p, i) => {
    assertIsoDate(p?.start, `coveragePeriods[${i}].start`);
    assertIsoDate(p.end, `coveragePeriods[${i}].end`);
    if (compareDates(p.end, p.start) < 0)
      throw new InvalidInputError(`coveragePeriods[${i}].end`, 'end is before start');
  });
  const checks: EligibilityCheck[] = [];
  let employerLiable = false;

  // 1. Coverage.
  const covered = input.coveragePeriods.some((p) => isWithin(input.incidentDate, p.start, p.end));
  if (input.program === 'KPU_SANTUNAN') {
    checks.push({
      code: 'COVERAGE_ACTIVE',
      status: 'NOT_APPLICABLE',
      reason: {
        id: covered
          ? 'Terdaftar BPJS TK pada tanggal kejadian (lihat kebijakan penumpukan santunan)'
          : 'Tidak terdaftar BPJS TK pada tanggal kejadian',
        en: covered
          ? 'Covered by BPJS TK on the incident date (see the stacking policy)'
          : 'Not covered by BPJS TK on the incident date',
      },
      legalBasis: 'Keputusan KPU 59/2023',
    });
  } else {
    checks.push({
      code: 'COVERAGE_ACTIVE',
      status: covered ? 'PASS' : 'FAIL',
      reason: covered
        ? { id: 'Kepesertaan aktif pada tanggal kejadian', en: 'Coverage active on the incident date' }
        : {
            id: 'Tidak ada kepesertaan aktif pada tanggal kejadian',
            en: 'No active coverage on the incident date',
          },
      legalBasis:
        input.program === 'JKM'
          ? 'PP 44/2015 Pasal 34 as amended by PP 82/2019'
          : 'PP 44/2015 Pasal 25 as amended by PP 82/2019',
    });
  }

  // 2. Term of duty.
  if (input.program === 'JKM') {
    checks.push({
      code: 'WITHIN_TERM_OF_DUTY',
      status: 'NOT_APPLICABLE',
      reason: {
        id: 'JKM tidak mensyaratkan kejadian saat bertugas',
        en: 'JKM does not require the death to occur on duty',
      },
      legalBasis: 'PP 44/2015 Pasal 34',
    });
  } else if (!input.termOfDuty) {
    throw new InvalidInputError('termOfDuty', `termOfDuty (SK oath..end) is required for ${input.program}`);
  } else {
    assertIsoDate(input.termOfDuty.oathDate, 'termOfDuty.oathDate');
    assertIsoDate(input.termOfDuty.endDate, 'termOfDuty.endDate');
    if (compareDates(input.termOfDuty.endDate, input.termOfDuty.oathDate) < 0) {
      throw new InvalidInputError('termOfDuty.endDate', 'endDate is before oathDate');
    }
    const within = isWithin(input.incidentDate, input.termOfDuty.oathDate, input.termOfDuty.endDate);
    checks.push({
      code: 'WITHIN_TERM_OF_DUTY',
      status: within ? 'PASS' : 'FAIL',
      reason: within
        ? {
            id: 'Kejadian dalam masa tugas (SK: pelantikan s.d. akhir masa tugas)',
            en: 'Incident within the term of duty (SK: oath to end of term)',
          }
        : {
            id: 'Kejadian di luar masa tugas menurut SK pengangkatan',
            en: 'Incident outside the term of duty in the appointment decree',
          },
      legalBasis:
        input.program === 'KPU_SANTUNAN'
          ? 'Keputusan KPU 59/2023'
          : 'Permenaker 5/2021 Pasal 7 (kecelakaan dalam hubungan kerja)',
    });
  }

  // 3. JKK expiry.
  if (input.program === 'JKK') {
    const rs = ruleSetFor(input.incidentDate, 'incidentDate');
    const expiresOn = addYears(input.incidentDate, rs.jkk.claimExpiryYears);
    const expired = compareDates(input.claimDate, expiresOn) > 0;
    checks.push({
      code: 'JKK_CLAIM_NOT_EXPIRED',
      status: expired ? 'FAIL' : 'PASS',
      reason: expired
        ? {
            id: `Hak klaim JKK gugur: lewat ${rs.jkk.claimExpiryYears} tahun (sejak ${expiresOn})`,
            en: `JKK claim right expired: more than ${rs.jkk.claimExpiryYears} years (since ${expiresOn})`,
          }
        : { id: `Hak klaim JKK berlaku s.d. ${expiresOn}`, en: `JKK claim right valid until ${expiresOn}` },
      legalBasis: rs.jkk.claimExpiryLegalBasis,
    });

    // 4. First report within 2×24 h.
    if (input.incidentAt !== undefined && input.firstReportedAt !== undefined) {
      const at = parseIsoDateTime(input.incidentAt, 'incidentAt');
      const reported = parseIsoDateTime(input.firstReportedAt, 'firstReportedAt');
      if (reported < at)
        throw new InvalidInputError('firstReportedAt', 'firstReportedAt is before incidentAt');
      const late = reported - at > HOURS_48_MS;
      employerLiable = late;
      checks.push({
        code: 'FIRST_REPORT_ON_TIME',
        status: late ? 'WARN' : 'PASS',
        reason: late
          ? { id: 'Laporan tahap I melewati 2×24 jam', en: 'First (stage I) report later than 2×24 hours' }
          : { id: 'Laporan tahap I dalam 2×24 jam', en: 'First (stage I) report within 2×24 hours' },
        legalBasis: REPORT_BASIS,
        ...(late
          ? {
              consequence: {
                id: 'Manfaat JKK menjadi kewajiban pemberi kerja, yang dapat meminta penggantian ke BPJS setelah melapor; hak pekerja tidak gugur',
                en: 'The JKK benefit becomes the employer’s obligation, reimbursable by BPJS after reporting; the worker’s right is not void',
              },
            }
          : {}),
      });
    } else {
      checks.push({
        code: 'FIRST_REPORT_ON_TIME',
        status: 'NOT_APPLICABLE',
        reason: { id: 'Waktu kejadian/laporan belum diisi', en: 'Incident or report time not given' },
        legalBasis: REPORT_BASIS,
      });
    }
  }

  return { eligible: !checks.some((c) => c.status === 'FAIL'), checks, employerLiable };
}
