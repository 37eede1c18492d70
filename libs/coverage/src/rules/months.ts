/**
 * Month counting for terms and contributions (ISO YYYY-MM-DD strings, inclusive ranges).
 * A contribution month is due for every month *begun*: from the start date, each monthly anniversary starts a new
 * month. 25 Jan – 24 Feb = 1 month; 25 Jan – 25 Feb (the KPPS term of Pemilu 2024) = 2 months.
 */
function ymd(d: string): [number, number, number] {
  return [Number(d.slice(0, 4)), Number(d.slice(5, 7)), Number(d.slice(8, 10))];
}

/** Months begun from `start` up to and including `end` (0 when end < start). */
export function monthsBegun(start: string, end: string): number {
  if (end < start) return 0;
  const [y1, m1, d1] = ymd(start);
  const [y2, m2, d2] = ymd(end);
  let months = (y2 - y1) * 12 + (m2 - m1);
  // the anniversary in the end month (clamped to its last day) has been reached
  const lastDay = new Date(Date.UTC(y2, m2, 0)).getUTCDate();
  if (d2 >= Math.min(d1, lastDay)) months += 1;
  return Math.max(1, months);
}

export function minIso(a: string, b: string): string {
  return a <= b ? a : b;
}
