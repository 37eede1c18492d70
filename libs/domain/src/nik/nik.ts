/**
 * NIK (Nomor Induk Kependudukan), 16 digits: PP KK CC DD MM YY SSSS (facts.md §7, Conf. HIGH).
 * - PP province, KK kab/kota, CC kecamatan where the NIK was first registered (never changes on moving);
 * - DD day of birth, +40 for women (41–71); MM month; YY two-digit year; SSSS serial from 0001.
 * Century: YY alone is ambiguous. We choose 20YY when that date is on or before `referenceDate`, else 19YY,
 * i.e. the most recent century in which the person is not born in the future. A person aged 100+ would be
 * mis-dated by a century; the caller can cross-check with another document.
 * Region: the prefix is structurally checked only (province 11–99, kab/kota 01–69 or 71–99, kecamatan not 00);
 * it is never rejected for being absent from today's region list (splits, new Papua provinces).
 */
import { assertIsoDate, compareDates, formatYmd, isValidYmd, type IsoDate } from '../date';
import { NikError } from '../errors';

export type Sex = 'MALE' | 'FEMALE';

export interface ParsedNik {
  nik: string;
  provinceCode: string;
  /** 4 digits (province + kab/kota). */
  regencyCode: string;
  /** 6 digits (province + kab/kota + kecamatan of first registration). */
  districtCode: string;
  regencyType: 'KABUPATEN' | 'KOTA';
  sex: Sex;
  birthDate: IsoDate;
  serial: number;
}

/** Parse and validate; spaces and dots are ignored. Throws NikError (field 'nik') with a specific code. */
export function parseNik(input: string, referenceDate: IsoDate, field = 'nik'): ParsedNik {
  assertIsoDate(referenceDate, 'referenceDate');
  if (typeof input !== 'string') throw new NikError('NIK_FORMAT', `${field} must be a string`, field);
  const nik = input.replace(/[\s.]/g, '');
  if (!/^\d{16}$/.test(nik)) throw new NikError('NIK_FORMAT', `${field} must be exactly 16 digits`, field);
  const prov = Number(nik.slice(0, 2));
  const kk = Number(nik.slice(2, 4));
  const cc = Number(nik.slice(4, 6));
  if (prov < 11)
    throw new NikError('NIK_PROVINCE', `${field}: province code ${nik.slice(0, 2)} is not valid`, field);
  let regencyType: 'KABUPATEN' | 'KOTA';
  if (kk >= 1 && kk <= 69) regencyType = 'KABUPATEN';
  else if (kk >= 71 && kk <= 99) regencyType = 'KOTA';
  else
    throw new NikError(
      'NIK_REGENCY',
      `${field}: kab/kota code ${nik.slice(2, 4)} is not valid (01–69, 71–99)`,
      field,
    );
  if (cc === 0) throw new NikError('NIK_DISTRICT', `${field}: kecamatan code 00 is not valid`, field);

  const dd = Number(nik.slice(6, 8));
  const mm = Number(nik.slice(8, 10));
  const yy = Number(nik.slice(10, 12));
  const serial = Number(nik.slice(12, 16));
  let sex: Sex;
  let day: number;
  if (dd >= 1 && dd <= 31) {
    sex = 'MALE';
    day = dd;
  } else if (dd >= 41 && dd <= 71) {
    sex = 'FEMALE';
    day = dd - 40;
  } else
    throw new NikError(
      'NIK_BIRTH_DATE',
      `${field}: day field ${nik.slice(6, 8)} must be 01–31 (male) or 41–71 (female)`,
      field,
    );
  if (mm < 1 || mm > 12)
    throw new NikError('NIK_BIRTH_DATE', `${field}: month field ${nik.slice(8, 10)} must be 01–12`, field);

  let birthDate: IsoDate | undefined;
  for (const century of [2000, 1900]) {
    const year = century + yy;
    if (!isValidYmd(year, mm, day)) continue;
    const candidate = formatYmd(year, mm, day);
    if (compareDates(candidate, referenceDate) <= 0) {
      birthDate = candidate;
      break;
    }
  }
  if (!birthDate)
    throw new NikError(
      'NIK_BIRTH_DATE',
      `${field}: birth date ${nik.slice(6, 12)} is not a real date on or before ${referenceDate}`,
      field,
    );
  if (serial === 0) throw new NikError('NIK_SERIAL', `${field}: serial must start at 0001`, field);

  return {
    nik,
    provinceCode: nik.slice(0, 2),
    regencyCode: nik.slice(0, 4),
    districtCode: nik.slice(0, 6),
    regencyType,
    sex,
    birthDate,
    serial,
  };
}

export function isValidNik(input: string, referenceDate: IsoDate): boolean {
  try {
    parseNik(input, referenceDate);
    return true;
  } catch {
    return false;
  }
}

/** Mask for logs and UIs: keep the region prefix, hide birth date and serial. */
export function maskNik(nik: string): string {
  const d = nik.replace(/[\s.]/g, '');
  return d.length === 16 ? `${d.slice(0, 6)}**********` : '****************';
}
