/**
 * Row-level validation of the roster CSV (pure, no I/O). A good row becomes one line of PostgreSQL COPY text for the
 * staging table; a bad row becomes its list of {field, reason} — every wrong field, not only the first.
 * Rules: NIK (parseNik: structure, birth date, sex) consistent with birth_date and sex; region codes (parseRegionCode)
 * at the level the role sits at; dates real and ordered; role known and of the organisation given; money whole rupiah.
 */
import { isValidYmd, parseNik, parseRegionCode } from '@sigap/domain';
import { ELECTION_EVENT_PATTERN, isRole, ROLE_INFO } from '../rules/roles';
import { ROSTER_COLUMNS } from './columns';

export interface RowError {
  field: string;
  reason: string;
}

const COL = Object.fromEntries(ROSTER_COLUMNS.map((c, i) => [c, i])) as Record<(typeof ROSTER_COLUMNS)[number], number>;
const DIGITS_RE = /^\d{1,15}$/;
const PHONE_RE = /^(\+62|62|0)8\d{7,12}$/;
const KPJ_RE = /^\d{8,20}$/;
// eslint-disable-next-line no-control-regex
const CONTROL_RE = /[\u0000-\u001f\u007f]/;
const PHONE_STRIP_RE = /[\s-]/;

/** Bounded memo caches: region codes and dates repeat across millions of rows. */
class Memo<V> {
  private map = new Map<string, V>();
  constructor(private readonly max = 200_000) {}
  get(k: string, f: (k: string) => V): V {
    let v = this.map.get(k);
    if (v === undefined) {
      v = f(k);
      if (this.map.size >= this.max) this.map.clear();
      this.map.set(k, v);
    }
    return v;
  }
}

type RegionCheck = { code: string; level: string } | { error: string };

export class RosterRowValidator {
  private readonly regions = new Memo<RegionCheck>();

  /** YYYY-MM-DD, a real day, not before 1900 (char codes: no regex, no allocation). */
  private date(s: string): boolean {
    if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return false;
    let y = 0;
    for (let i = 0; i < 4; i++) {
      const c = s.charCodeAt(i) - 48;
      if (c < 0 || c > 9) return false;
      y = y * 10 + c;
    }
    const m1 = s.charCodeAt(5) - 48, m2 = s.charCodeAt(6) - 48, d1 = s.charCodeAt(8) - 48, d2 = s.charCodeAt(9) - 48;
    if (m1 < 0 || m1 > 9 || m2 < 0 || m2 > 9 || d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) return false;
    return y >= 1900 && isValidYmd(y, m1 * 10 + m2, d1 * 10 + d2);
  }

  private region(v: string): RegionCheck {
    return this.regions.get(v, (s) => {
      try {
        const r = parseRegionCode(s, 'region_code');
        return { code: r.code, level: r.level };
      } catch (e) {
        return { error: (e as Error).message };
      }
    });
  }

  /** Returns the COPY text line (with its trailing newline) or the errors. */
  validate(rowNumber: number, f: string[]): string | RowError[] {
    const errors: RowError[] = [];
    const bad = (field: string, reason: string) => errors.push({ field, reason });
    const v = (c: keyof typeof COL) => {
      const x = f[COL[c]];
      return x.length && (x.charCodeAt(0) <= 32 || x.charCodeAt(x.length - 1) <= 32) ? x.trim() : x;
    };

    const termStart = v('term_start');
    const termEnd = v('term_end');
    const termStartOk = this.date(termStart);
    if (!termStartOk) bad('term_start', `"${termStart}" is not a date YYYY-MM-DD`);
    if (!this.date(termEnd)) bad('term_end', `"${termEnd}" is not a date YYYY-MM-DD`);
    else if (termStartOk && termEnd < termStart) bad('term_end', `term_end ${termEnd} is before term_start ${termStart}`);

    // NIK, sex, birth date
    const nikRaw = v('nik');
    let nik = '';
    const sex = v('sex').toUpperCase();
    const birth = v('birth_date');
    if (sex !== 'L' && sex !== 'P') bad('sex', `"${v('sex')}" must be L (laki-laki) or P (perempuan)`);
    const birthOk = this.date(birth);
    if (!birthOk) bad('birth_date', `"${birth}" is not a date YYYY-MM-DD`);
    else if (termStartOk && birth > termStart) bad('birth_date', 'birth_date is after the start of the term');
    if (birthOk && (sex === 'L' || sex === 'P') && fastNikMatches(nikRaw, birth, sex === 'P')) nik = nikRaw;
    else
      try {
        const p = parseNik(nikRaw, birthOk ? birth : '2100-01-01');
        nik = p.nik;
        if (birthOk && p.birthDate.slice(2) !== birth.slice(2))
          bad('birth_date', 'birth_date does not match the birth date encoded in the NIK (digits 7–12)');
        if ((sex === 'L' || sex === 'P') && (sex === 'P') !== (p.sex === 'FEMALE'))
          bad('sex', `sex ${sex} does not match the NIK (day of birth + 40 for women)`);
      } catch (e) {
        bad('nik', (e as Error).message);
      }

    const name = v('full_name');
    if (!name) bad('full_name', 'full_name is required');
    else if (name.length > 200) bad('full_name', 'full_name is longer than 200 characters');
    else if (CONTROL_RE.test(name)) bad('full_name', 'full_name contains control characters');
    const phoneRaw = v('phone');
    const phone = PHONE_STRIP_RE.test(phoneRaw) ? phoneRaw.replace(/[\s-]/g, '') : phoneRaw;
    if (phone && !PHONE_RE.test(phone)) bad('phone', 'phone must be an Indonesian mobile number (08…, 628… or +628…)');

    // appointment
    const org = v('organisation').toUpperCase();
    const role = v('role').toUpperCase();
    if (org !== 'KPU' && org !== 'BAWASLU') bad('organisation', `"${v('organisation')}" must be KPU or BAWASLU`);
    let info = null;
    if (!isRole(role)) bad('role', `"${v('role')}" is not a known ad-hoc role`);
    else {
      info = ROLE_INFO[role];
      if ((org === 'KPU' || org === 'BAWASLU') && info.organisation !== org)
        bad('organisation', `${role} is appointed by ${info.organisation}, not ${org}`);
    }
    const regionRaw = v('region_code');
    const region = this.region(regionRaw);
    let regionCode = '';
    if ('error' in region) bad('region_code', region.error);
    else {
      regionCode = region.code;
      if (info && info.level !== region.level)
        bad(
          'region_code',
          `${role} sits at a ${info.level === 'DISTRICT' ? 'kecamatan (6 digits)' : 'desa/kelurahan (10 digits)'}, not a ${region.level.toLowerCase()} code`,
        );
      else if (!info && region.level !== 'DISTRICT' && region.level !== 'VILLAGE')
        bad('region_code', 'region_code must be a kecamatan (6 digits) or desa/kelurahan (10 digits)');
    }
    const tps = v('tps_number');
    if (tps) {
      if (!/^\d{1,4}$/.test(tps) || Number(tps) === 0) bad('tps_number', `"${tps}" must be a TPS number 1–9999`);
    } else if (info?.tpsRequired) bad('tps_number', `tps_number is required for ${role}`);
    const event = v('election_event').toUpperCase();
    if (!ELECTION_EVENT_PATTERN.test(event)) bad('election_event', `"${v('election_event')}" must look like PEMILU_2024`);
    const sk = v('sk_number');
    if (!sk) bad('sk_number', 'sk_number (appointment decree) is required');
    else if (sk.length > 100 || CONTROL_RE.test(sk)) bad('sk_number', 'sk_number is too long or has control characters');
    const hon = v('honorarium');
    if (!DIGITS_RE.test(hon)) bad('honorarium', `"${hon}" must be whole rupiah, digits only (e.g. 1100000)`);

    // coverage: all or nothing
    const kpj = v('participant_number');
    const programs = v('programs').toUpperCase();
    const cStart = v('coverage_start');
    const cEnd = v('coverage_end');
    const wage = v('wage_base');
    const wageSrc = v('wage_base_source').toUpperCase();
    const segment = v('segment').toUpperCase();
    const funding = v('funding_source').toUpperCase();
    const status = v('contribution_status').toUpperCase();
    const pks = v('pks_number');
    const branch = v('bpjs_branch');
    const hasCoverage =
      kpj !== '' || programs !== '' || cStart !== '' || cEnd !== '' || wage !== '' || wageSrc !== '' ||
      segment !== '' || funding !== '' || status !== '';
    let jkk = false;
    let jkm = false;
    if (hasCoverage) {
      if (!KPJ_RE.test(kpj)) bad('participant_number', 'participant_number (KPJ) must be 8–20 digits');
      // JKK, JKM, JKK+JKM or JKM+JKK (each programme at most once)
      jkk = programs === 'JKK' || programs === 'JKK+JKM' || programs === 'JKM+JKK';
      jkm = programs === 'JKM' || programs === 'JKK+JKM' || programs === 'JKM+JKK';
      if (!jkk && !jkm) bad('programs', `"${v('programs')}" must be JKK, JKM or JKK+JKM`);
      const cs = this.date(cStart);
      if (!cs) bad('coverage_start', `"${cStart}" is not a date YYYY-MM-DD`);
      if (!this.date(cEnd)) bad('coverage_end', `"${cEnd}" is not a date YYYY-MM-DD`);
      else if (cs && cEnd < cStart) bad('coverage_end', `coverage_end ${cEnd} is before coverage_start ${cStart}`);
      if (!DIGITS_RE.test(wage)) bad('wage_base', `"${wage}" must be whole rupiah, digits only`);
      if (wageSrc !== 'HONORARIUM' && wageSrc !== 'UMP') bad('wage_base_source', 'wage_base_source must be HONORARIUM or UMP');
      if (segment !== 'PU' && segment !== 'BPU') bad('segment', 'segment must be PU or BPU');
      if (funding !== 'APBD' && funding !== 'SELF_PAID' && funding !== 'KPU' && funding !== 'BAWASLU')
        bad('funding_source', 'funding_source must be APBD, SELF_PAID, KPU or BAWASLU');
      if (status !== 'PAID' && status !== 'PENDING' && status !== 'ARREARS')
        bad('contribution_status', 'contribution_status must be PAID, PENDING or ARREARS');
    } else if (pks || branch) bad('pks_number', 'pks_number/bpjs_branch given without a coverage period');
    if ((pks === '') !== (branch === '')) bad(pks ? 'bpjs_branch' : 'pks_number', 'pks_number and bpjs_branch go together');
    if (pks.length > 100 || CONTROL_RE.test(pks)) bad('pks_number', 'pks_number is too long or has control characters');
    if (branch.length > 120 || CONTROL_RE.test(branch)) bad('bpjs_branch', 'bpjs_branch is too long or has control characters');

    if (errors.length) return errors;
    const N = '\\N';
    return (
      rowNumber +
      '\t' +
      nik +
      '\t' +
      copyText(name) +
      '\t' +
      sex +
      '\t' +
      birth +
      '\t' +
      (phone || N) +
      '\t' +
      org +
      '\t' +
      role +
      '\t' +
      regionCode +
      '\t' +
      (tps ? String(Number(tps)) : N) +
      '\t' +
      event +
      '\t' +
      copyText(sk) +
      '\t' +
      termStart +
      '\t' +
      termEnd +
      '\t' +
      hon +
      '\t' +
      (hasCoverage
        ? `${kpj}\t${jkk ? 't' : 'f'}\t${jkm ? 't' : 'f'}\t${cStart}\t${cEnd}\t${wage}\t${wageSrc}\t${segment}\t${funding}\t${status}`
        : `${N}\t${N}\t${N}\t${N}\t${N}\t${N}\t${N}\t${N}\t${N}\t${N}`) +
      '\t' +
      (pks ? copyText(pks) : N) +
      '\t' +
      (branch ? copyText(branch) : N) +
      '\n'
    );
  }
}

/**
 * Fast acceptance of a NIK that agrees with a valid birth date (YYYY-MM-DD, already checked) and sex: the same
 * structure parseNik checks (facts.md §7) — 16 digits, province ≥ 11, kab/kota 01–69 or 71–99, kecamatan ≠ 00,
 * DD (+40 for women) MM YY equal to the birth date, serial ≠ 0000. Only a true answer is trusted; anything else
 * goes through parseNik for the exact message. A property test checks fast ⇒ parseNik agrees.
 */
export function fastNikMatches(nik: string, birth: string, female: boolean): boolean {
  if (nik.length !== 16) return false;
  for (let i = 0; i < 16; i++) {
    const c = nik.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  const d = (i: number) => nik.charCodeAt(i) - 48;
  if (d(0) * 10 + d(1) < 11) return false;
  const kk = d(2) * 10 + d(3);
  if (kk === 0 || kk === 70) return false;
  if (d(4) === 0 && d(5) === 0) return false;
  const dd = d(6) * 10 + d(7) - (female ? 40 : 0);
  const day = (birth.charCodeAt(8) - 48) * 10 + birth.charCodeAt(9) - 48;
  if (dd !== day) return false;
  if (nik.charCodeAt(8) !== birth.charCodeAt(5) || nik.charCodeAt(9) !== birth.charCodeAt(6)) return false;
  if (nik.charCodeAt(10) !== birth.charCodeAt(2) || nik.charCodeAt(11) !== birth.charCodeAt(3)) return false;
  return !(d(12) === 0 && d(13) === 0 && d(14) === 0 && d(15) === 0);
}

/** Escape for COPY text format (backslash first). Control characters are already refused. */
export function copyText(s: string): string {
  return s.indexOf('\\') === -1 ? s : s.replace(/\\/g, '\\\\');
}
