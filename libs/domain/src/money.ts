/**
 * Money: integer rupiah only. Every amount is a safe, non-negative integer (`Rupiah` brand).
 * Percentages are basis points (1% = 100 bps, 100% = 10_000 bps) so no floating point enters a result.
 * Any division goes through `mulDivRoundHalfUp`, computed exactly in BigInt and rounded half-up
 * (x.5 rupiah -> x+1) to the whole rupiah. Rupiah has no sub-unit in practice, so whole rupiah is the precision.
 */
import { MoneyError } from './errors';

export type Rupiah = number & { readonly __brand: 'Rupiah' };
/** Basis points: 10_000 = 100%. */
export type BasisPoints = number;

export const BPS_100_PERCENT = 10_000;

/** Validate and brand a rupiah amount: safe integer, >= 0. Throws MoneyError naming `field`. */
export function rupiah(value: number, field = 'amount'): Rupiah {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new MoneyError(
      field,
      `${field} must be a whole number of rupiah (safe integer), got ${String(value)}`,
    );
  }
  if (value < 0) throw new MoneyError(field, `${field} must not be negative, got ${value}`);
  return value as Rupiah;
}

/** Millions of rupiah, for data tables: jt(20) = Rp20.000.000. Accepts decimals like 16.2 exactly via string math. */
export function jt(millions: number): Rupiah {
  const value = Math.round(millions * 1_000_000);
  if (Math.abs(value - millions * 1_000_000) > 1e-6)
    throw new MoneyError('amount', `jt(${millions}) is not a whole rupiah`);
  return rupiah(value);
}

export const ZERO = 0 as Rupiah;

export function addRupiah(...amounts: readonly Rupiah[]): Rupiah {
  let total = 0;
  for (const a of amounts) total += a;
  return rupiah(total, 'total');
}

export function sumRupiah(amounts: readonly Rupiah[]): Rupiah {
  return addRupiah(...amounts);
}

/** amount × integer factor. */
export function multiplyRupiah(amount: Rupiah, factor: number, field = 'amount'): Rupiah {
  if (!Number.isSafeInteger(factor) || factor < 0)
    throw new MoneyError(field, `factor must be a non-negative integer, got ${factor}`);
  return rupiah(amount * factor, field);
}

/**
 * Exact amount × numerator ÷ denominator, rounded half-up to the whole rupiah (non-negative inputs only).
 * This is the single place where the domain divides money.
 */
export function mulDivRoundHalfUp(
  amount: number,
  numerator: number,
  denominator: number,
  field = 'amount',
): Rupiah {
  for (const [name, v] of [
    ['amount', amount],
    ['numerator', numerator],
    ['denominator', denominator],
  ] as const) {
    if (!Number.isSafeInteger(v) || v < 0)
      throw new MoneyError(field, `${name} must be a non-negative safe integer, got ${v}`);
  }
  if (denominator === 0) throw new MoneyError(field, 'division by zero');
  const a = BigInt(amount) * BigInt(numerator);
  const d = BigInt(denominator);
  const q = (a * 2n + d) / (2n * d); // floor((2a + d) / 2d) = round half up for a >= 0
  const result = Number(q);
  return rupiah(result, field);
}

/** amount × bps / 10_000, rounded half-up. */
export function applyBasisPoints(amount: Rupiah, bps: BasisPoints, field = 'amount'): Rupiah {
  return mulDivRoundHalfUp(amount, bps, BPS_100_PERCENT, field);
}

/** Integer percent (0..100) to basis points. */
export function percentToBps(percent: number, field = 'percent'): BasisPoints {
  if (!Number.isInteger(percent) || percent < 0 || percent > 100) {
    throw new MoneyError(field, `${field} must be an integer 0..100, got ${percent}`);
  }
  return percent * 100;
}

export function minRupiah(a: Rupiah, b: Rupiah): Rupiah {
  return (a <= b ? a : b) as Rupiah;
}

export function maxRupiah(a: Rupiah, b: Rupiah): Rupiah {
  return (a >= b ? a : b) as Rupiah;
}

/** formatRupiah(42000000) === 'Rp42.000.000' (Indonesian grouping with dots, no decimals, no space). */
export function formatRupiah(amount: number): string {
  rupiah(amount);
  const digits = String(amount);
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += '.';
    out += digits[i];
  }
  return `Rp${out}`;
}

/** Basis points as a human percent string: 7500 -> '75%', 125 -> '1,25%'. */
export function formatBps(bps: BasisPoints): string {
  const whole = Math.floor(bps / 100);
  const frac = bps % 100;
  return frac === 0 ? `${whole}%` : `${whole},${String(frac).padStart(2, '0').replace(/0$/, '')}%`;
}
