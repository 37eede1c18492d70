import type { ClaimState, CoverageSummary } from '../types';
import { claimEligibility, requireEligible } from './eligibility';
import { Refusal } from './refusal';

const coverage = (o: Partial<CoverageSummary> = {}): CoverageSummary => ({
  outcome: 'COVERED',
  program: 'JKK',
  wageBase: 2_000_000,
  wageBaseSource: 'HONORARIUM',
  contributionMonths: 1,
  organisation: 'KPU',
  termStart: '2024-01-01',
  termEnd: '2024-03-31',
  reasons: [],
  ...o,
});
const accident = (o: Partial<ClaimState> = {}) =>
  ({ track: 'BPJS', incidentType: 'ACCIDENT', coverage: coverage(), ...o }) as ClaimState;
const at = (incidentDate: string, reportedOn: string) => ({
  incidentDate,
  reportedOn,
  occurredAt: `${incidentDate}T08:00:00+07:00`,
  reportedAt: `${reportedOn}T09:00:00+07:00`,
});

describe('claim eligibility (libs/domain checkEligibility in the claim core)', () => {
  it('hole 5: a JKK accident reported more than 5 years after it happened is not eligible, with its legal basis', () => {
    const e = claimEligibility(accident(), at('2024-02-14', '2029-02-15'));
    expect(e.eligible).toBe(false);
    const expired = e.checks.find((c) => c.code === 'JKK_CLAIM_NOT_EXPIRED')!;
    expect(expired.status).toBe('FAIL');
    expect(expired.legalBasis).toMatch(/PP 82\/2019/);
    expect(() => requireEligible(e, 'accept the claim')).toThrow(Refusal);
    expect(() => requireEligible(e, 'accept the claim')).toThrow(/expired.*reject the claim instead/);
  });

  it('within 5 years, on duty and covered: eligible', () => {
    const e = claimEligibility(accident(), at('2024-02-14', '2024-02-15'));
    expect(e.eligible).toBe(true);
    expect(() => requireEligible(e, 'approve')).not.toThrow();
  });

  it('outside the term of duty fails, unless an officer established coverage with evidence (then a warning)', () => {
    expect(claimEligibility(accident(), at('2024-05-01', '2024-05-02')).eligible).toBe(false);
    const overridden = accident({
      coverageReview: { actor: 'o', decision: 'OVERRIDE_COVERED', reason: 'SK extended', evidence: 'x' },
    });
    const e = claimEligibility(overridden, at('2024-05-01', '2024-05-02'));
    expect(e.eligible).toBe(true);
    expect(e.checks.find((c) => c.code === 'WITHIN_TERM_OF_DUTY')!.status).toBe('WARN');
  });

  it('an unknown term is a warning; a JKM death does not expire like JKK and needs no duty', () => {
    const noTerm = accident({ coverage: coverage({ termStart: null, termEnd: null }) });
    expect(claimEligibility(noTerm, at('2024-02-14', '2024-02-15')).eligible).toBe(true);
    const jkm = { ...accident(), incidentType: 'DEATH', determination: 'JKM_DEATH' } as ClaimState;
    const e = claimEligibility(jkm, at('2024-05-01', '2029-06-01'));
    expect(e.checks.find((c) => c.code === 'JKK_CLAIM_NOT_EXPIRED')).toBeUndefined();
    expect(e.checks.find((c) => c.code === 'WITHIN_TERM_OF_DUTY')!.status).toBe('NOT_APPLICABLE');
  });
});
