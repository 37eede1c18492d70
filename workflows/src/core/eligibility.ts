import { checkEligibility, type EligibilityCheck } from '@sigap/domain';
import type { ClaimState } from '../types';
import { refuse } from './refusal';

type EligibilityState = Pick<
  ClaimState,
  'track' | 'incidentType' | 'coverage' | 'coverageReview' | 'determination'
>;

export interface ClaimEligibility {
  eligible: boolean;
  /** the checks of libs/domain checkEligibility, with their reasons (id/en) and legal basis */
  checks: EligibilityCheck[];
}

/**
 * The eligibility check of libs/domain for this claim (moneySafety: at verification ACCEPT and again at approval):
 * coverage on the incident date, the incident within the term of duty, the JKK claim right not expired (5 years,
 * PP 82/2019 Pasal 26), the first report on time (a warning). The claim's own facts stand in where the registry is
 * silent: coverage is active when the check said COVERED or an officer overrode it with evidence (then the term is
 * a warning, not a failure); an unknown term of duty is a warning that the officer verified the duty.
 */
export function claimEligibility(
  state: EligibilityState,
  at: {
    incidentDate: string;
    reportedOn: string;
    occurredAt: string;
    reportedAt: string;
    workRelated?: boolean;
  },
): ClaimEligibility {
  const program =
    state.track === 'KPU_SANTUNAN'
      ? 'KPU_SANTUNAN'
      : state.determination === 'JKM_DEATH' ||
          (!state.determination && state.incidentType === 'DEATH' && at.workRelated === false)
        ? 'JKM'
        : 'JKK';
  const overridden = state.coverageReview?.decision === 'OVERRIDE_COVERED';
  const covered = state.coverage?.outcome === 'COVERED' || overridden;
  const term =
    state.coverage?.termStart && state.coverage?.termEnd
      ? { oathDate: state.coverage.termStart, endDate: state.coverage.termEnd }
      : undefined;
  const r = checkEligibility({
    program,
    incidentDate: at.incidentDate,
    claimDate: at.reportedOn,
    coveragePeriods: covered ? [{ start: at.incidentDate, end: at.incidentDate }] : [],
    termOfDuty: term ?? { oathDate: at.incidentDate, endDate: at.incidentDate },
    ...(program === 'JKM' ? {} : { incidentAt: at.occurredAt, firstReportedAt: at.reportedAt }),
  });
  const checks = r.checks.map((c): EligibilityCheck => {
    if (c.code !== 'WITHIN_TERM_OF_DUTY' || c.status === 'NOT_APPLICABLE') return c;
    if (!term) {
      return {
        ...c,
        status: 'WARN',
        reason: {
          id: 'Masa tugas tidak ada di registri; petugas memverifikasi kejadian saat bertugas',
          en: 'The term of duty is not in the registry; the officer verified the incident on duty',
        },
      };
    }
    if (c.status === 'FAIL' && overridden) {
      return {
        ...c,
        status: 'WARN',
        reason: {
          id: `${c.reason.id} (kepesertaan ditetapkan petugas dengan bukti)`,
          en: `${c.reason.en} (coverage established by an officer with evidence)`,
        },
      };
    }
    return c;
  });
  return { eligible: !checks.some((c) => c.status === 'FAIL'), checks };
}

/** Refuses a step when a check failed: the reasons and their legal basis, in English (the id texts are on the case). */
export function requireEligible(e: ClaimEligibility, step: string): void {
  const failed = e.checks.filter((c) => c.status === 'FAIL');
  if (failed.length === 0) return;
  refuse(
    'NotAllowedInStage',
    `cannot ${step}: ${failed.map((c) => `${c.reason.en} (${c.legalBasis})`).join('; ')} — reject the claim instead`,
  );
}
