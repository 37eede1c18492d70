/**
 * Human-readable claim number: SGP-<year>-<6+ digit sequence>, e.g. SGP-2026-000042. The year is the year the
 * report was filed (Asia/Jakarta); the sequence is global, from the claim_number_seq PostgreSQL sequence.
 */
const JAKARTA_YEAR = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta', year: 'numeric' });

export function formatClaimNumber(filedAt: Date, seq: number): string {
  const year = JAKARTA_YEAR.format(filedAt);
  return `SGP-${year}-${String(seq).padStart(6, '0')}`;
}

export const CLAIM_NUMBER_PATTERN = /^SGP-\d{4}-\d{6,}$/;
