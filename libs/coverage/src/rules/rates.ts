/**
 * BPJS Ketenagakerjaan JKK and JKM contribution rates as data (facts.md §3, Conf. HIGH):
 * - Penerima Upah (PU), paid by the employer: JKK 0.24% of the monthly wage (very-low-risk class; the classes
 *   0.54 / 0.89 / 1.27 / 1.74% exist too) and JKM 0.30% (Lampiran I PP 44/2015).
 * - Bukan Penerima Upah (BPU): JKK 1% of declared income (min Rp10.000, max Rp207.000 a month) and JKM a flat
 *   Rp6.800 a month (PP 44/2015 as amended; Permenaker 5/2021).
 * Amounts are whole rupiah; each programme's monthly contribution is rounded half-up on its own.
 * Check: anggota PPS Rp1.200.000 × 0.54% = Rp6.480; ketua PPK Rp2.500.000 → Rp13.500 (KPU Sulsel, facts.md §3).
 */
export type Segment = 'PU' | 'BPU';
export type CoverageProgram = 'JKK' | 'JKM';

export interface ContributionRates {
  id: string;
  legalBasis: string;
  effectiveFrom: string;
  pu: { jkkBps: number; jkmBps: number };
  bpu: { jkkBps: number; jkkMin: number; jkkMax: number; jkmFlat: number };
}

export const CONTRIBUTION_RATES_PP_44_2015: ContributionRates = {
  id: 'PP_44_2015_LAMPIRAN_I',
  legalBasis: 'Lampiran I PP 44/2015 (PU: JKK 0,24% risiko sangat rendah, JKM 0,30%); PP 44/2015 jo. Permenaker 5/2021 (BPU)',
  effectiveFrom: '2015-07-01',
  pu: { jkkBps: 24, jkmBps: 30 },
  bpu: { jkkBps: 100, jkkMin: 10_000, jkkMax: 207_000, jkmFlat: 6_800 },
};

/** Half-up rounding of amount × bps / 10 000 (non-negative integers). */
function applyBps(amount: number, bps: number): number {
  return Number((BigInt(amount) * BigInt(bps) * 2n + 10_000n) / 20_000n);
}

/** Monthly contribution of one programme for a wage base (PU) or declared income (BPU). */
export function monthlyContribution(
  segment: Segment,
  program: CoverageProgram,
  wageBase: number,
  rates: ContributionRates = CONTRIBUTION_RATES_PP_44_2015,
): number {
  if (!Number.isSafeInteger(wageBase) || wageBase < 0) throw new RangeError(`wage base must be whole rupiah: ${wageBase}`);
  if (segment === 'PU') return applyBps(wageBase, program === 'JKK' ? rates.pu.jkkBps : rates.pu.jkmBps);
  if (program === 'JKM') return rates.bpu.jkmFlat;
  return Math.min(rates.bpu.jkkMax, Math.max(rates.bpu.jkkMin, applyBps(wageBase, rates.bpu.jkkBps)));
}

/** JKK + JKM per person per month. */
export function monthlyContributionBoth(segment: Segment, wageBase: number, rates = CONTRIBUTION_RATES_PP_44_2015): number {
  return monthlyContribution(segment, 'JKK', wageBase, rates) + monthlyContribution(segment, 'JKM', wageBase, rates);
}
