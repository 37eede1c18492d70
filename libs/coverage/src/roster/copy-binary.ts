/**
 * PostgreSQL's binary COPY format (https://www.postgresql.org/docs/current/sql-copy.html, "Binary Format"), for the
 * first load's three direct streams: a header, then per row a 16-bit field count and per field a 32-bit length
 * (-1: NULL) and the value in the type's binary form, then a trailer. Integers are big-endian; a date is the number
 * of days since 2000-01-01 (int32); bigint is 8 bytes, int 4, boolean 1; text is its UTF-8 bytes, unescaped.
 * PostgreSQL then parses no text: no date_in, no int8in, no delimiter or escape scanning (a 6 M-row first load:
 * ~5 dates, ~4 numbers and ~30 fields a row).
 *
 * Every writer takes the output array and a position and returns the position after what it wrote; the caller has
 * made room (ByteOut.ensure). The values were validated before (row-validator.ts): digits are digits, dates are
 * real dates.
 */

/** "PGCOPY\n\377\r\n\0", flags 0, header extension length 0 */
export const COPY_BINARY_HEADER = Buffer.from([
  0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00, 0, 0, 0, 0, 0, 0, 0, 0,
]);
/** a field count of -1 */
export const COPY_BINARY_TRAILER = Buffer.from([0xff, 0xff]);

/** days from 1970-01-01 to 2000-01-01, PostgreSQL's date epoch */
const PG_EPOCH_DAYS = 10957;

export function putInt16(o: Uint8Array, p: number, v: number): number {
  o[p] = (v >>> 8) & 0xff;
  o[p + 1] = v & 0xff;
  return p + 2;
}

export function putInt32(o: Uint8Array, p: number, v: number): number {
  o[p] = (v >>> 24) & 0xff;
  o[p + 1] = (v >>> 16) & 0xff;
  o[p + 2] = (v >>> 8) & 0xff;
  o[p + 3] = v & 0xff;
  return p + 4;
}

/** a NULL field */
export function putNull(o: Uint8Array, p: number): number {
  return putInt32(o, p, -1);
}

/** a text field: its bytes b[s, e) */
export function putBytes(o: Uint8Array, p: number, b: Uint8Array, s: number, e: number): number {
  p = putInt32(o, p, e - s);
  for (let i = s; i < e; i++) o[p++] = b[i];
  return p;
}

/** a text field from a string (its UTF-8 bytes) */
export function putString(o: Buffer, p: number, v: string): number {
  const n = o.write(v, p + 4, 'utf8');
  putInt32(o, p, n);
  return p + 4 + n;
}

/** a boolean field */
export function putBool(o: Uint8Array, p: number, v: boolean): number {
  p = putInt32(o, p, 1);
  o[p] = v ? 1 : 0;
  return p + 1;
}

/** an int field */
export function putInt4(o: Uint8Array, p: number, v: number): number {
  return putInt32(o, putInt32(o, p, 4), v);
}

/** an int field from 1–9 ASCII digits */
export function putInt4Digits(o: Uint8Array, p: number, b: Uint8Array, s: number, e: number): number {
  let v = 0;
  for (let i = s; i < e; i++) v = v * 10 + (b[i] - 48);
  return putInt4(o, p, v);
}

/**
 * A bigint field from 1–16 ASCII digits. A NIK (16 digits, up to 9.9 × 10^15) is above 2^53, where a JavaScript
 * number loses units, so the value is split: hi (all but the last 8 digits) × 10^8 + lo, with 10^8 = 2^8 × 390625,
 * gives the two 32-bit halves without rounding.
 */
export function putInt8Digits(o: Uint8Array, p: number, b: Uint8Array, s: number, e: number): number {
  const mid = Math.max(s, e - 8);
  let hi = 0;
  let lo = 0;
  for (let i = s; i < mid; i++) hi = hi * 10 + (b[i] - 48);
  for (let i = mid; i < e; i++) lo = lo * 10 + (b[i] - 48);
  return putInt8Parts(o, p, hi, lo);
}

/** a bigint field from a non-negative safe integer */
export function putInt8(o: Uint8Array, p: number, v: number): number {
  const hi = Math.floor(v / 1e8);
  return putInt8Parts(o, p, hi, v - hi * 1e8);
}

/** hi × 10^8 + lo, hi < 10^8 and lo < 10^8 */
function putInt8Parts(o: Uint8Array, p: number, hi: number, lo: number): number {
  const a = hi * 390625; // < 2^46: exact
  const ah = Math.floor(a / 16777216); // a = ah × 2^24 + al
  const t = (a - ah * 16777216) * 256 + lo; // value = ah × 2^32 + t, t < 2^33
  const carry = t >= 4294967296 ? 1 : 0;
  p = putInt32(o, p, 8);
  p = putInt32(o, p, ah + carry);
  return putInt32(o, p, t - carry * 4294967296);
}

/** a date field from YYYY-MM-DD at b[s] (a valid date) */
export function putDateAt(o: Uint8Array, p: number, b: Uint8Array, s: number): number {
  const y = (b[s] - 48) * 1000 + (b[s + 1] - 48) * 100 + (b[s + 2] - 48) * 10 + (b[s + 3] - 48);
  const m = (b[s + 5] - 48) * 10 + (b[s + 6] - 48);
  const d = (b[s + 8] - 48) * 10 + (b[s + 9] - 48);
  return putInt32(o, putInt32(o, p, 4), pgDays(y, m, d));
}

/** a date field from a YYYY-MM-DD string (a valid date) */
export function putDate(o: Uint8Array, p: number, v: string): number {
  return putInt32(o, putInt32(o, p, 4), pgDays(+v.slice(0, 4), +v.slice(5, 7), +v.slice(8, 10)));
}

/** days since 2000-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil) */
export function pgDays(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468 - PG_EPOCH_DAYS;
}
