/**
 * Row-level validation of the roster CSV (pure, no I/O). A good row becomes one line of PostgreSQL COPY text for the
 * staging table; a bad row becomes its list of {field, reason} — every wrong field, not only the first.
 * Rules: NIK (parseNik: structure, birth date, sex) consistent with birth_date and sex; region codes (parseRegionCode)
 * at the level the role sits at; dates real and ordered; role known and of the organisation given; money whole rupiah.
 */
import { isValidYmd, parseNik, parseRegionCode } from '@sigap/domain';
import { ELECTION_EVENT_PATTERN, isRole, ROLE_INFO } from '../rules/roles';
import { ROSTER_COLUMNS } from './columns';
import {
  putBool,
  putBytes,
  putDate,
  putDateAt,
  putInt16,
  putInt4,
  putInt4Digits,
  putInt8,
  putInt8Digits,
  putNull,
  putString,
} from './copy-binary';

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

  /** region_code as validate() sees it (memoised) */
  regionCheck(v: string): RegionCheck {
    return this.region(v);
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

/**
 * Output buffer for COPY text: bytes copied from the input (the fast path) or strings (the general path), flushed in
 * batches to a writable stream (see roster-importer.ts).
 */
const OUT_BATCH = 256 * 1024;
export class ByteOut {
  buf = Buffer.allocUnsafe(OUT_BATCH);
  pos = 0;
  /** lines written, when the writer counts them */
  rows = 0;
  constructor(private readonly flushTo: (b: Buffer) => void) {}
  ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    this.flush();
    if (n > this.buf.length) this.buf = Buffer.allocUnsafe(n);
  }
  flush(): void {
    if (this.pos === 0) return;
    this.flushTo(this.buf.subarray(0, this.pos)); // the stream keeps it: a new buffer for the next batch
    this.buf = Buffer.allocUnsafe(OUT_BATCH);
    this.pos = 0;
  }
  /** a string (any UTF-8) */
  text(s: string): void {
    this.ensure(s.length * 3);
    this.pos += this.buf.write(s, this.pos, 'utf8');
  }
}

const enc = (xs: readonly string[]) => xs.map((x) => Buffer.from(x, 'latin1'));
const ORGS = enc(['KPU', 'BAWASLU']);
const ROLE_NAMES = Object.keys(ROLE_INFO) as (keyof typeof ROLE_INFO)[];
const ROLES = enc(ROLE_NAMES);
const PROGRAMS = enc(['JKK', 'JKM', 'JKK+JKM', 'JKM+JKK']);
const WAGE_SOURCES = enc(['HONORARIUM', 'UMP']);
const SEGMENTS = enc(['PU', 'BPU']);
const FUNDING = enc(['APBD', 'SELF_PAID', 'KPU', 'BAWASLU']);
const STATUSES = enc(['PAID', 'PENDING', 'ARREARS']);
const NULLS10 = Buffer.from('\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N', 'latin1');

/** The first load's direct COPY streams (roster-importer.ts): worker, appointment and coverage period rows. */
export interface DirectOut {
  worker: ByteOut;
  appointment: ByteOut;
  coverage: ByteOut;
  /** the id of the PKS agreement (normalised values as in staging), or 0 when none can be given */
  agreement(pks: string, branch: string, organisation: string, officeRegion: string, event: string): number;
}
/**
 * The worker, appointment and coverage period rows of a staging line (validate()'s output: COPY text, tab-separated,
 * `\\N` for NULL, backslashes doubled), written to the direct streams as binary COPY rows, byte for byte what
 * FastRowWriter writes for the same row (row-validator.spec.ts).
 */
export function directRows(staging: string, direct: DirectOut): void {
  const f = staging.slice(0, -1).split('\t');
  const covered = f[15] !== '\\N';
  const text = (x: string) => x.replace(/\\\\/g, '\\');
  const gid =
    covered && f[25] !== '\\N' ? direct.agreement(text(f[25]), text(f[26]), f[6], f[8].slice(0, 4), f[10]) : -1;
  // text fields are at most 3 bytes a UTF-16 unit, plus 4 bytes of length each
  const room = staging.length * 3 + 96;
  const str = (o: Buffer, p: number, x: string) => (x === '\\N' ? putNull(o, p) : putString(o, p, text(x)));
  const w = direct.worker;
  w.ensure(room);
  let q = putInt16(w.buf, w.pos, 5);
  q = putNik(w.buf, q, f[1]);
  q = str(w.buf, q, f[2]);
  q = str(w.buf, q, f[3]);
  q = putDate(w.buf, q, f[4]);
  w.pos = str(w.buf, q, f[5]);
  const a = direct.appointment;
  a.ensure(room);
  const ab = a.buf;
  q = putInt16(ab, a.pos, 12);
  q = putNik(ab, q, f[1]);
  for (const k of [10, 6, 7, 8]) q = str(ab, q, f[k]);
  q = f[9] === '\\N' ? putNull(ab, q) : putInt4(ab, q, Number(f[9]));
  q = str(ab, q, f[11]);
  q = putDate(ab, q, f[12]);
  q = putDate(ab, q, f[13]);
  q = putInt8(ab, q, Number(f[14]));
  if (covered) {
    q = str(ab, q, f[22]);
    q = putInt8(ab, q, Number(f[20]));
  } else q = putNull(ab, putNull(ab, q));
  a.pos = q;
  if (!covered) return;
  const c = direct.coverage;
  c.ensure(room);
  const cb = c.buf;
  q = putInt16(cb, c.pos, 15);
  q = putNik(cb, q, f[1]);
  for (const k of [10, 6, 7]) q = str(cb, q, f[k]);
  q = gid > 0 ? putInt8(cb, q, gid) : putNull(cb, q);
  q = str(cb, q, f[15]);
  q = putBool(cb, q, f[16] === 't');
  q = putBool(cb, q, f[17] === 't');
  q = putDate(cb, q, f[18]);
  q = putDate(cb, q, f[19]);
  q = putInt8(cb, q, Number(f[20]));
  for (const k of [21, 22, 23, 24]) q = str(cb, q, f[k]);
  c.pos = q;
  c.rows++;
}

/** a NIK (16 ASCII digits) as a bigint field */
function putNik(o: Buffer, p: number, nik: string): number {
  const b = Buffer.from(nik, 'latin1');
  return putInt8Digits(o, p, b, 0, b.length);
}

/** Index of the candidate equal to b[s, e), or -1. */
function oneOf(b: Uint8Array, s: number, e: number, cands: Buffer[]): number {
  const n = e - s;
  outer: for (let k = 0; k < cands.length; k++) {
    const c = cands[k];
    if (c.length !== n) continue;
    for (let i = 0; i < n; i++) if (b[s + i] !== c[i]) continue outer;
    return k;
  }
  return -1;
}
function digits(b: Uint8Array, s: number, e: number, min: number, max: number): boolean {
  const n = e - s;
  if (n < min || n > max) return false;
  for (let i = s; i < e; i++) if (b[i] < 48 || b[i] > 57) return false;
  return true;
}
/** 1..max bytes of text that COPY takes as it is: no control characters, no backslash, no edge spaces. */
function plain(b: Uint8Array, s: number, e: number, max: number): boolean {
  const n = e - s;
  if (n < 1 || n > max || b[s] === 32 || b[e - 1] === 32) return false;
  for (let i = s; i < e; i++) {
    const c = b[i];
    if (c < 32 || c === 127 || c === 92) return false;
  }
  return true;
}
function dateAt(b: Uint8Array, s: number, e: number): boolean {
  if (e - s !== 10 || b[s + 4] !== 45 || b[s + 7] !== 45) return false;
  let y = 0;
  for (let i = 0; i < 4; i++) {
    const c = b[s + i] - 48;
    if (c < 0 || c > 9) return false;
    y = y * 10 + c;
  }
  const m1 = b[s + 5] - 48, m2 = b[s + 6] - 48, d1 = b[s + 8] - 48, d2 = b[s + 9] - 48;
  if (m1 < 0 || m1 > 9 || m2 < 0 || m2 > 9 || d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) return false;
  return y >= 1900 && isValidYmd(y, m1 * 10 + m2, d1 * 10 + d2);
}
/** compare two 10-byte dates: negative, 0, positive */
function cmp10(b: Uint8Array, x: number, y: number): number {
  for (let i = 0; i < 10; i++) if (b[x + i] !== b[y + i]) return b[x + i] - b[y + i];
  return 0;
}
function phoneOk(b: Uint8Array, s: number, e: number): boolean {
  let i = s;
  if (b[i] === 43 && b[i + 1] === 54 && b[i + 2] === 50) i += 3; // +62
  else if (b[i] === 54 && b[i + 1] === 50) i += 2; // 62
  else if (b[i] === 48) i += 1; // 0
  else return false;
  if (b[i] !== 56) return false; // 8
  return digits(b, i + 1, e, 7, 12);
}

/** Compares b[s, e) with key from position q: the position after it, or -1 when they differ. */
function matchAt(key: Uint8Array, q: number, b: Uint8Array, s: number, e: number): number {
  if (q + e - s > key.length) return -1;
  for (let i = s; i < e; i++) if (key[q++] !== b[i]) return -1;
  return q;
}
/** a tab and the field b[s, e) at o[p]; returns the position after it (short fields: a loop, no subarray objects) */
function put(o: Uint8Array, p: number, b: Uint8Array, s: number, e: number): number {
  o[p++] = 9;
  for (let i = s; i < e; i++) o[p++] = b[i];
  return p;
}
/** a tab and COPY's NULL marker (backslash N) at o[p] */
function nul(o: Uint8Array, p: number): number {
  o[p] = 9;
  o[p + 1] = 92;
  o[p + 2] = 78;
  return p + 3;
}

/**
 * The fast path of the load: a record of the file's bytes, in the canonical column order, that passes checks
 * strict enough to guarantee `RosterRowValidator.validate` accepts it unchanged (no trimming, upper case,
 * undotted region code, phone without separators, TPS without leading zeros…) — then its COPY line is the input
 * bytes themselves, copied. Anything else returns false and takes the general path (`validate`, which gives the
 * exact messages). A property test (row-validator.spec.ts) checks that both paths write the same line.
 */
export class FastRowWriter {
  private readonly regions = new Map<number, boolean>(); // numeric code*100+length → accepted as it is
  private event: Buffer | null = null;
  private readonly validator: RosterRowValidator;
  constructor(validator?: RosterRowValidator) {
    this.validator = validator ?? new RosterRowValidator();
  }

  /** s/e: start and end (exclusive) of each of the 25 fields in b. Writes the COPY line and returns true, or false. */
  /**
   * s/e: start and end (exclusive) of each of the 25 fields in b. Writes the staging COPY line into `out` (when
   * given) and the direct lines (when given) and returns true, or false.
   */
  write(row: number, b: Uint8Array, s: Int32Array, e: Int32Array, out: ByteOut | null, direct?: DirectOut): boolean {
    // NIK, sex, birth date
    if (e[2] - s[2] !== 1) return false;
    const sex = b[s[2]];
    if (sex !== 76 && sex !== 80) return false;
    if (!dateAt(b, s[3], e[3]) || !dateAt(b, s[11], e[11]) || !dateAt(b, s[12], e[12])) return false;
    if (cmp10(b, s[3], s[11]) > 0 || cmp10(b, s[12], s[11]) < 0) return false;
    if (!this.nik(b, s[0], e[0], s[3], sex === 80)) return false;
    if (!plain(b, s[1], e[1], 200)) return false;
    if (e[4] > s[4] && !phoneOk(b, s[4], e[4])) return false;
    // appointment
    const org = oneOf(b, s[5], e[5], ORGS);
    const roleIx = oneOf(b, s[6], e[6], ROLES);
    if (org < 0 || roleIx < 0) return false;
    const info = ROLE_INFO[ROLE_NAMES[roleIx]];
    if (info.organisation !== (org === 0 ? 'KPU' : 'BAWASLU')) return false;
    const rl = e[7] - s[7];
    if ((info.level === 'DISTRICT' ? 6 : 10) !== rl || !digits(b, s[7], e[7], 6, 10)) return false;
    let key = rl;
    for (let i = s[7]; i < e[7]; i++) key = key * 10 + (b[i] - 48);
    let regionOk = this.regions.get(key);
    if (regionOk === undefined) {
      const r = this.validator.regionCheck(Buffer.from(b.buffer, b.byteOffset + s[7], rl).toString('latin1'));
      regionOk = !('error' in r) && r.level === info.level;
      if (this.regions.size > 200_000) this.regions.clear();
      this.regions.set(key, regionOk);
    }
    if (!regionOk) return false;
    const tn = e[8] - s[8];
    if (tn === 0 ? info.tpsRequired : tn > 4 || b[s[8]] === 48 || !digits(b, s[8], e[8], 1, 4)) return false;
    if (!this.eventOk(b, s[9], e[9])) return false;
    if (!plain(b, s[10], e[10], 100)) return false;
    if (!digits(b, s[13], e[13], 1, 15)) return false;
    // coverage: all or nothing; PKS and branch together, only with coverage
    let filled = 0;
    for (let k = 14; k <= 22; k++) if (e[k] > s[k]) filled++;
    const pks = e[23] > s[23];
    if (pks !== e[24] > s[24]) return false;
    let prog = -1;
    if (filled === 9) {
      if (!digits(b, s[14], e[14], 8, 20)) return false;
      prog = oneOf(b, s[15], e[15], PROGRAMS);
      if (prog < 0) return false;
      if (!dateAt(b, s[16], e[16]) || !dateAt(b, s[17], e[17]) || cmp10(b, s[17], s[16]) < 0) return false;
      if (!digits(b, s[18], e[18], 1, 15)) return false;
      if (oneOf(b, s[19], e[19], WAGE_SOURCES) < 0 || oneOf(b, s[20], e[20], SEGMENTS) < 0) return false;
      if (oneOf(b, s[21], e[21], FUNDING) < 0 || oneOf(b, s[22], e[22], STATUSES) < 0) return false;
      if (pks && (!plain(b, s[23], e[23], 100) || !plain(b, s[24], e[24], 120))) return false;
    } else if (filled !== 0 || pks) return false;

    if (out) this.stagingLine(row, b, s, e, out, tn, prog, pks);
    if (direct) {
      // binary COPY rows (copy-binary.ts); room for the row's bytes plus 4 bytes of length a field, 2 of count
      const room = e[24] - s[0] + 96;
      // worker: nik, full_name, sex, birth_date, phone
      const w = direct.worker;
      w.ensure(room);
      const wb = w.buf;
      let q = putInt16(wb, w.pos, 5);
      q = putInt8Digits(wb, q, b, s[0], e[0]);
      q = putBytes(wb, q, b, s[1], e[1]);
      q = putBytes(wb, q, b, s[2], e[2]);
      q = putDateAt(wb, q, b, s[3]);
      w.pos = e[4] > s[4] ? putBytes(wb, q, b, s[4], e[4]) : putNull(wb, q);
      // appointment: worker_nik, election_event, organisation, role, region_code, tps_number, sk_number,
      // term_start, term_end, honorarium, cover_segment, cover_wage
      const a = direct.appointment;
      a.ensure(room);
      const ab = a.buf;
      q = putInt16(ab, a.pos, 12);
      q = putInt8Digits(ab, q, b, s[0], e[0]);
      q = putBytes(ab, q, b, s[9], e[9]);
      q = putBytes(ab, q, b, s[5], e[5]);
      q = putBytes(ab, q, b, s[6], e[6]);
      q = putBytes(ab, q, b, s[7], e[7]);
      q = tn > 0 ? putInt4Digits(ab, q, b, s[8], e[8]) : putNull(ab, q);
      q = putBytes(ab, q, b, s[10], e[10]);
      q = putDateAt(ab, q, b, s[11]);
      q = putDateAt(ab, q, b, s[12]);
      q = putInt8Digits(ab, q, b, s[13], e[13]);
      if (prog >= 0) {
        q = putBytes(ab, q, b, s[20], e[20]);
        q = putInt8Digits(ab, q, b, s[18], e[18]);
      } else q = putNull(ab, putNull(ab, q));
      a.pos = q;
      if (prog >= 0) {
        // coverage period: worker_nik, election_event, organisation, role, agreement_id, participant_number, jkk,
        // jkm, period_start, period_end, wage_base, wage_base_source, segment, funding_source, contribution_status
        const gid = pks ? this.agreementId(b, s, e, org, direct) : -1;
        const c = direct.coverage;
        c.ensure(room);
        const cb = c.buf;
        q = putInt16(cb, c.pos, 15);
        q = putInt8Digits(cb, q, b, s[0], e[0]);
        q = putBytes(cb, q, b, s[9], e[9]);
        q = putBytes(cb, q, b, s[5], e[5]);
        q = putBytes(cb, q, b, s[6], e[6]);
        q = gid > 0 ? putInt8(cb, q, gid) : putNull(cb, q);
        q = putBytes(cb, q, b, s[14], e[14]);
        q = putBool(cb, q, prog !== 1); // jkk: JKK, JKK+JKM, JKM+JKK
        q = putBool(cb, q, prog !== 0); // jkm
        q = putDateAt(cb, q, b, s[16]);
        q = putDateAt(cb, q, b, s[17]);
        q = putInt8Digits(cb, q, b, s[18], e[18]);
        for (let k = 19; k <= 22; k++) q = putBytes(cb, q, b, s[k], e[k]);
        c.pos = q;
        c.rows++;
      }
    }
    return true;
  }

  /** the staging line, as validate() writes it */
  private stagingLine(
    row: number,
    b: Uint8Array,
    s: Int32Array,
    e: Int32Array,
    out: ByteOut,
    tn: number,
    prog: number,
    pks: boolean,
  ): void {
    out.ensure(e[24] - s[0] + 200);
    const o = out.buf;
    let p = out.pos;
    if (row < 10) o[p++] = 48 + row;
    else {
      let div = 1;
      while (div * 10 <= row) div *= 10;
      for (let x = row; div >= 1; div = Math.floor(div / 10)) {
        const dgt = Math.floor(x / div);
        o[p++] = 48 + dgt;
        x -= dgt * div;
      }
    }
    p = put(o, p, b, s[0], e[0]);
    p = put(o, p, b, s[1], e[1]);
    p = put(o, p, b, s[2], e[2]);
    p = put(o, p, b, s[3], e[3]);
    p = e[4] > s[4] ? put(o, p, b, s[4], e[4]) : nul(o, p);
    for (let k = 5; k <= 8; k++) if (k !== 8 || tn > 0) p = put(o, p, b, s[k], e[k]);
    if (tn === 0) p = nul(o, p);
    for (let k = 9; k <= 13; k++) p = put(o, p, b, s[k], e[k]);
    if (prog >= 0) {
      p = put(o, p, b, s[14], e[14]);
      o[p++] = 9;
      o[p++] = prog !== 1 ? 116 : 102; // jkk: JKK, JKK+JKM, JKM+JKK
      o[p++] = 9;
      o[p++] = prog !== 0 ? 116 : 102; // jkm
      for (let k = 16; k <= 22; k++) p = put(o, p, b, s[k], e[k]);
    } else {
      o[p++] = 9;
      o.set(NULLS10, p);
      p += NULLS10.length;
    }
    if (pks) {
      p = put(o, p, b, s[23], e[23]);
      p = put(o, p, b, s[24], e[24]);
    } else {
      p = nul(o, nul(o, p));
    }
    o[p++] = 10;
    out.pos = p;
  }

  /** per organisation (KPU and Bawaslu rows interleave, a TPS at a time): the last key and its id */
  private readonly lastKey = [Buffer.alloc(0), Buffer.alloc(0)];
  private readonly lastId = [0, 0];
  private scratch = Buffer.allocUnsafe(512);
  /**
   * The agreement id for the row's PKS: rows of one PKS come together, so the previous answer (per organisation)
   * is kept. Its key (PKS number, branch, office region, event) is compared in place; built only when it changed.
   */
  private agreementId(b: Uint8Array, s: Int32Array, e: Int32Array, org: number, direct: DirectOut): number {
    const last = this.lastKey[org];
    if (this.lastId[org] > 0) {
      let q = matchAt(last, 0, b, s[23], e[23]);
      if (q >= 0 && last[q] === 0) q = matchAt(last, q + 1, b, s[24], e[24]);
      if (q >= 0 && last[q] === 0) q = matchAt(last, q + 1, b, s[7], s[7] + 4);
      if (q >= 0) q = matchAt(last, q, b, s[9], e[9]);
      if (q === last.length) return this.lastId[org];
    }
    const n = e[23] - s[23] + e[24] - s[24] + 4 + e[9] - s[9] + 2;
    if (n > this.scratch.length) this.scratch = Buffer.allocUnsafe(n * 2);
    const k = this.scratch;
    let q = 0;
    for (let i = s[23]; i < e[23]; i++) k[q++] = b[i];
    k[q++] = 0;
    for (let i = s[24]; i < e[24]; i++) k[q++] = b[i];
    k[q++] = 0;
    for (let i = s[7]; i < s[7] + 4; i++) k[q++] = b[i];
    for (let i = s[9]; i < e[9]; i++) k[q++] = b[i];
    const str = (x: number) => Buffer.from(b.buffer, b.byteOffset + s[x], e[x] - s[x]).toString('utf8');
    const id = direct.agreement(str(23), str(24), org === 0 ? 'KPU' : 'BAWASLU', str(7).slice(0, 4), str(9));
    this.lastKey[org] = Buffer.from(k.subarray(0, q));
    this.lastId[org] = id;
    return id;
  }

  private eventOk(b: Uint8Array, s: number, e: number): boolean {
    const ev = this.event;
    if (ev && ev.length === e - s) {
      let same = true;
      for (let i = 0; i < ev.length; i++)
        if (ev[i] !== b[s + i]) {
          same = false;
          break;
        }
      if (same) return true;
    }
    const str = Buffer.from(b.buffer, b.byteOffset + s, e - s).toString('latin1');
    if (!ELECTION_EVENT_PATTERN.test(str)) return false;
    this.event = Buffer.from(str, 'latin1');
    return true;
  }

  /** fastNikMatches on bytes: 16 digits consistent with the birth date at bs and the sex */
  private nik(b: Uint8Array, s: number, e: number, bs: number, female: boolean): boolean {
    if (e - s !== 16 || !digits(b, s, e, 16, 16)) return false;
    const d = (i: number) => b[s + i] - 48;
    if (d(0) * 10 + d(1) < 11) return false;
    const kk = d(2) * 10 + d(3);
    if (kk === 0 || kk === 70) return false;
    if (d(4) === 0 && d(5) === 0) return false;
    const dd = d(6) * 10 + d(7) - (female ? 40 : 0);
    if (dd !== (b[bs + 8] - 48) * 10 + b[bs + 9] - 48) return false;
    if (b[s + 8] !== b[bs + 5] || b[s + 9] !== b[bs + 6] || b[s + 10] !== b[bs + 2] || b[s + 11] !== b[bs + 3]) return false;
    return !(d(12) === 0 && d(13) === 0 && d(14) === 0 && d(15) === 0);
  }
}
