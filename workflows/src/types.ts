/** Stages of a claim (the full lifecycle grows in the claim-lifecycle issue). */
export const ClaimStage = {
  REPORTED: 'REPORTED',
  COVERAGE_CHECK: 'COVERAGE_CHECK',
  AWAITING_VERIFICATION: 'AWAITING_VERIFICATION',
  WITHDRAWN: 'WITHDRAWN',
} as const;
export type ClaimStage = (typeof ClaimStage)[keyof typeof ClaimStage];

/**
 * What the workflow is started with. Deliberately free of personal data (no NIK, no names): workflow inputs are
 * visible in the Temporal UI; activities read personal data from PostgreSQL by incidentId when they need it.
 */
export interface IncidentClaimInput {
  claimNumber: string;
  incidentId: string;
  incidentType: 'ACCIDENT' | 'DEATH';
  /** ISO 8601 instants */
  occurredAt: string;
  reportedAt: string;
  regencyCode: string;
}

export interface ClaimTimelineEntry {
  seq: number;
  type: string;
  stage: ClaimStage;
  actor: string;
  reason?: string;
  at: string;
}

export interface ClaimState {
  claimNumber: string;
  stage: ClaimStage;
  lateReport: boolean;
  timeline: ClaimTimelineEntry[];
}

export interface WithdrawCommand {
  actor: string;
  reason: string;
}

/** The event an activity projects into the read model; (claimNumber, seq) makes it idempotent. */
export interface ClaimEventProjection {
  claimNumber: string;
  entry: ClaimTimelineEntry;
  lateReport: boolean;
}
