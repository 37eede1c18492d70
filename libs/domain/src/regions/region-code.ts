/**
 * Kemendagri region codes (Permendagri 58/2021; Kepmendagri 300.2.2-2138/2025; facts.md §7, Conf. HIGH):
 * province 2 digits, kabupaten/kota 4 (kabupaten 01–69, kota 71–99), kecamatan 6, desa/kelurahan 10 digits,
 * where the first of the 4 village digits is 1 = kelurahan, 2 = desa, 3 = desa adat. Dotted form 11.01.01.2001.
 * Note: BPS codes (7-digit kecamatan) are a different system and are rejected here.
 */
import { RegionCodeError } from '../errors';

export type RegionLevel = 'PROVINCE' | 'REGENCY' | 'DISTRICT' | 'VILLAGE';

export interface RegionCode {
  /** Undotted digits, e.g. '1101012001'. */
  code: string;
  /** Dotted form, e.g. '11.01.01.2001'. */
  dotted: string;
  level: RegionLevel;
  provinceCode: string;
  regencyCode?: string;
  districtCode?: string;
  villageCode?: string;
  regencyType?: 'KABUPATEN' | 'KOTA';
  villageType?: 'KELURAHAN' | 'DESA' | 'DESA_ADAT';
}

const LEVEL_BY_LENGTH: Record<number, RegionLevel> = {
  2: 'PROVINCE',
  4: 'REGENCY',
  6: 'DISTRICT',
  10: 'VILLAGE',
};
const SEGMENTS = [2, 2, 2, 4];

/** Normalise dotted or undotted input to undotted digits, validating the structure. */
export function normaliseRegionCode(input: string, field = 'regionCode'): string {
  return parseRegionCode(input, field).code;
}

export function parseRegionCode(input: string, field = 'regionCode'): RegionCode {
  if (typeof input !== 'string')
    throw new RegionCodeError('REGION_CODE_FORMAT', `${field} must be a string`, field);
  const trimmed = input.trim();
  let digits: string;
  if (trimmed.includes('.')) {
    const parts = trimmed.split('.');
    if (parts.length > 4 || parts.some((p, i) => p.length !== SEGMENTS[i] || !/^\d+$/.test(p))) {
      throw new RegionCodeError(
        'REGION_CODE_FORMAT',
        `${field} "${input}" must look like 11, 11.01, 11.01.01 or 11.01.01.2001`,
        field,
      );
    }
    digits = parts.join('');
  } else {
    if (!/^\d+$/.test(trimmed))
      throw new RegionCodeError('REGION_CODE_FORMAT', `${field} "${input}" must contain digits only`, field);
    digits = trimmed;
  }
  const level = LEVEL_BY_LENGTH[digits.length];
  if (!level)
    throw new RegionCodeError(
      'REGION_CODE_LENGTH',
      `${field} "${input}" must have 2, 4, 6 or 10 digits (Kemendagri); BPS codes are not accepted`,
      field,
    );
  const prov = digits.slice(0, 2);
  if (Number(prov) < 11)
    throw new RegionCodeError(
      'REGION_CODE_PROVINCE',
      `${field}: province code ${prov} is not valid (11..99)`,
      field,
    );
  const result: RegionCode = { code: digits, dotted: toDotted(digits), level, provinceCode: prov };
  if (digits.length >= 4) {
    const kk = Number(digits.slice(2, 4));
    if (kk >= 1 && kk <= 69) result.regencyType = 'KABUPATEN';
    else if (kk >= 71 && kk <= 99) result.regencyType = 'KOTA';
    else
      throw new RegionCodeError(
        'REGION_CODE_REGENCY',
        `${field}: kab/kota segment ${digits.slice(2, 4)} must be 01–69 (kabupaten) or 71–99 (kota)`,
        field,
      );
    result.regencyCode = digits.slice(0, 4);
  }
  if (digits.length >= 6) {
    if (digits.slice(4, 6) === '00')
      throw new RegionCodeError('REGION_CODE_DISTRICT', `${field}: kecamatan segment must not be 00`, field);
    result.districtCode = digits.slice(0, 6);
  }
  if (digits.length === 10) {
    const v = digits.slice(6);
    const type = v[0] === '1' ? 'KELURAHAN' : v[0] === '2' ? 'DESA' : v[0] === '3' ? 'DESA_ADAT' : undefined;
    if (!type || v.slice(1) === '000') {
      throw new RegionCodeError(
        'REGION_CODE_VILLAGE',
        `${field}: village segment ${v} must start with 1 (kelurahan), 2 (desa) or 3 (desa adat)`,
        field,
      );
    }
    result.villageType = type;
    result.villageCode = digits;
  }
  return result;
}

export function toDotted(digits: string): string {
  const parts: string[] = [];
  let i = 0;
  for (const len of SEGMENTS) {
    if (i >= digits.length) break;
    parts.push(digits.slice(i, i + len));
    i += len;
  }
  return parts.join('.');
}

/** Parent code (undotted), or null for a province. */
export function parentRegionCode(code: string, field = 'regionCode'): string | null {
  const r = parseRegionCode(code, field);
  switch (r.level) {
    case 'PROVINCE':
      return null;
    case 'REGENCY':
      return r.provinceCode;
    case 'DISTRICT':
      return r.regencyCode as string;
    case 'VILLAGE':
      return r.districtCode as string;
  }
}

export function isValidRegionCode(code: string): boolean {
  try {
    parseRegionCode(code);
    return true;
  } catch {
    return false;
  }
}
