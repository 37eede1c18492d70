/**
 * Working-day calendar: Monday–Friday except national holidays and (by default) cuti bersama, for the years in
 * HOLIDAY_DATA only. A date outside those years throws CalendarRangeError — it is never silently a working day.
 */
import { addDays, assertIsoDate, dayOfWeek, parseIsoDate, type IsoDate } from '../date';
import { CalendarRangeError, InvalidInputError } from '../errors';
import { HOLIDAY_DATA, type Holiday, type HolidayYear } from './holidays';

export interface CalendarOptions {
  /** Count cuti bersama as non-working days (default true: government offices close; BPJS follows the SKB). */
  cutiBersamaIsHoliday?: boolean;
}

export class WorkingDayCalendar {
  private readonly byDate = new Map<IsoDate, Holiday>();
  readonly years: readonly number[];
  private readonly cutiBersamaIsHoliday: boolean;

  constructor(data: readonly HolidayYear[] = HOLIDAY_DATA, options: CalendarOptions = {}) {
    this.cutiBersamaIsHoliday = options.cutiBersamaIsHoliday ?? true;
    const years: number[] = [];
    data.forEach((y, yi) => {
      if (!y.legalBasis)
        throw new InvalidInputError(
          `holidayData[${yi}].legalBasis`,
          'every holiday year must cite its decree',
        );
      years.push(y.year);
      y.holidays.forEach((h, hi) => {
        const field = `holidayData[${yi}].holidays[${hi}].date`;
        const ymd = parseIsoDate(h.date, field);
        if (ymd.year !== y.year) throw new InvalidInputError(field, `${h.date} is not in ${y.year}`);
        this.byDate.set(h.date, h);
      });
    });
    this.years = [...years].sort((a, b) => a - b);
  }

  private checkRange(date: IsoDate, field: string): void {
    const { year } = parseIsoDate(date, field);
    if (!this.years.includes(year)) throw new CalendarRangeError(field, date, this.years);
  }

  holidayOn(date: IsoDate, field = 'date'): Holiday | undefined {
    this.checkRange(date, field);
    return this.byDate.get(date);
  }

  isWorkingDay(date: IsoDate, field = 'date'): boolean {
    assertIsoDate(date, field);
    this.checkRange(date, field);
    const dow = dayOfWeek(date);
    if (dow === 0 || dow === 6) return false;
    const h = this.byDate.get(date);
    if (!h) return true;
    return h.kind === 'CUTI_BERSAMA' ? !this.cutiBersamaIsHoliday : false;
  }

  /**
   * The `n`-th working day after `date` (the start day itself is not counted, whether or not it is a working day).
   * n = 0 returns `date` itself.
   */
  addWorkingDays(date: IsoDate, n: number, field = 'date'): IsoDate {
    assertIsoDate(date, field);
    if (!Number.isInteger(n) || n < 0)
      throw new InvalidInputError('workingDays', 'working days must be a non-negative integer');
    this.checkRange(date, field);
    let d = date;
    let left = n;
    while (left > 0) {
      d = addDays(d, 1);
      if (this.isWorkingDay(d, field)) left--;
    }
    return d;
  }

  /** Working days strictly after `from` up to and including `to` (0 when to <= from). */
  workingDaysBetween(from: IsoDate, to: IsoDate): number {
    assertIsoDate(from, 'from');
    assertIsoDate(to, 'to');
    let count = 0;
    for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (this.isWorkingDay(d, 'to')) count++;
    return count;
  }
}

export const DEFAULT_CALENDAR = new WorkingDayCalendar();

export function isWorkingDay(date: IsoDate, calendar: WorkingDayCalendar = DEFAULT_CALENDAR): boolean {
  return calendar.isWorkingDay(date);
}

export function addWorkingDays(
  date: IsoDate,
  n: number,
  calendar: WorkingDayCalendar = DEFAULT_CALENDAR,
): IsoDate {
  return calendar.addWorkingDays(date, n);
}
