/**
 * Tiny pure date helpers on ISO `YYYY-MM-DD` strings (calendar dates, no time zone).
 * Arithmetic is done on a UTC day number (Date.UTC is a pure function of its arguments), so the results are
 * deterministic inside Temporal workflows. No `Date.now()` anywhere: callers pass "today" in.
 */
import { InvalidInputError } from './errors';

/** ISO calendar date `YYYY-MM-DD`. */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

/** True when y-m-d is a real calendar date. */
export function isValidYmd(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

export interface Ymd {
  year: number;
  month: number;
  day: number;
}

/** Parse and validate an ISO date; throws InvalidInputError naming `field`. */
export function parseIsoDate(value: unknown, field = 'date'): Ymd {
  if (typeof value !== 'string')
    throw new InvalidInputError(field, `${field} must be an ISO date string YYYY-MM-DD`, 'INVALID_DATE');
  const m = ISO_DATE.exec(value);
  if (!m) throw new InvalidInputError(field, `${field} must be YYYY-MM-DD, got "${value}"`, 'INVALID_DATE');
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (!isValidYmd(year, month, day))
    throw new InvalidInputError(field, `${field} is not a real date: ${value}`, 'INVALID_DATE');
  return { year, month, day };
}

export function assertIsoDate(value: unknown, field = 'date'): IsoDate {
  parseIsoDate(value, field);
  return value as IsoDate;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

export function formatYmd(year: number, month: number, day: number): IsoDate {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** Days since 1970-01-01. */
export function toDayNumber(date: IsoDate, field = 'date'): number {
  const { year, month, day } = parseIsoDate(date, field);
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

export function fromDayNumber(dayNumber: number): IsoDate {
  const d = new Date(dayNumber * MS_PER_DAY);
  return formatYmd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function diffDays(from: IsoDate, to: IsoDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/**
 * Add calendar months; when the target month is shorter, the day is clamped to its last day
 * (2024-01-31 + 1 month = 2024-02-29).
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const { year, month, day } = parseIsoDate(date);
  const total = year * 12 + (month - 1) + months;
  const y = Math.floor(total / 12);
  const m = (total % 12) + 1;
  return formatYmd(y, m, Math.min(day, daysInMonth(y, m)));
}

export function addYears(date: IsoDate, years: number): IsoDate {
  return addMonths(date, years * 12);
}

export function compareDates(a: IsoDate, b: IsoDate): number {
  return toDayNumber(a) - toDayNumber(b);
}

export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return compareDates(a, b) <= 0 ? a : b;
}

export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return compareDates(a, b) >= 0 ? a : b;
}

/** 0 = Sunday ... 6 = Saturday. */
export function dayOfWeek(date: IsoDate): number {
  // 1970-01-01 was a Thursday (4).
  return (((toDayNumber(date) + 4) % 7) + 7) % 7;
}

/** Age in completed years on `on`. */
export function ageOn(birthDate: IsoDate, on: IsoDate): number {
  const b = parseIsoDate(birthDate, 'birthDate');
  const d = parseIsoDate(on);
  let age = d.year - b.year;
  if (d.month < b.month || (d.month === b.month && d.day < b.day)) age -= 1;
  return age;
}

/** Inclusive range check. */
export function isWithin(date: IsoDate, start: IsoDate, end: IsoDate): boolean {
  return compareDates(date, start) >= 0 && compareDates(date, end) <= 0;
}

/** Parse an ISO 8601 date-time with an explicit offset (`Z` or `+07:00`) to epoch milliseconds. */
export function parseIsoDateTime(value: unknown, field: string): number {
  if (
    typeof value !== 'string' ||
    !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)
  ) {
    throw new InvalidInputError(
      field,
      `${field} must be an ISO date-time with offset, e.g. 2024-02-14T13:00:00+07:00`,
      'INVALID_DATETIME',
    );
  }
  parseIsoDate(value.slice(0, 10), field);
  const ms = Date.parse(value);
  if (Number.isNaN(ms))
    throw new InvalidInputError(field, `${field} is not a valid date-time`, 'INVALID_DATETIME');
  return ms;
}
