/**
 * Response shapes the OpenAPI document does not describe yet (the api returns interfaces, not DTO classes, for
 * these). Request types come from schema.d.ts; the claim state is the workflow's own type (type-only import, no
 * code from the workflow reaches the bundle).
 */
import type { ClaimState, ClaimTimelineEntry } from '../../../../workflows/src/types';
import type { components } from './schema';

export type { ClaimState, BenefitLine, DocumentState } from '../../../../workflows/src/types';
export type Schemas = components['schemas'];

export interface User {
  username: string;
  displayName: string;
  role: 'KPU_OPERATOR' | 'KPU_APPROVER' | 'BPJS_OFFICER' | 'BPJS_SUPERVISOR' | 'ADMIN';
  regions: string[];
  branchCode: string | null;
}

export interface TokenPair {
  accessToken: string;
  expiresIn: number;
  refreshToken: string;
  refreshExpiresIn: number;
  user: User;
}

/** GET /api/v1/track/{claimNumber} (apps/api/src/tracking/tracking.service.ts TrackingView) */
export interface TrackingView {
  claimNumber: string;
  stage: { code: string; label: { id: string; en: string } };
  timeline: { at: string; stage: string; label: { id: string; en: string } }[];
  expectedFromFamily: { code: string; label: string; status: string; reason: string | null }[];
  payout: {
    status: 'NOT_YET' | 'IN_PROGRESS' | 'PAID';
    benefitTotal: number | null;
    paidTotal: number;
    paidOn: string | null;
    account: string | null;
  };
}

/** GET /api/v1/claims (apps/api/src/claims/claim-access.service.ts ClaimListItem) */
export interface ClaimListItem {
  claimNumber: string;
  stage: string;
  track: string;
  determination: string | null;
  incidentType: string;
  regionCode: string;
  occurredAt: string;
  assignee: string | null;
  paymentDeadline: string | null;
  overdue: boolean;
  benefitTotal: number | null;
  paidTotal: number;
  lateReport: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface ClaimPage {
  items: ClaimListItem[];
  total: number;
  page: number;
  pageSize: number;
}

/** GET /api/v1/claims/{claimNumber} */
export interface CaseView {
  claimNumber: string;
  stage: string;
  incidentType: string;
  occurredAt: string;
  reportedAt: string;
  regionCode: string;
  tpsNumber: number | null;
  lateReport: boolean;
  track: string;
  determination: string | null;
  paymentDeadline: string | null;
  benefitTotal: number | null;
  paidTotal: number | null;
  reportCount: number;
  timeline: (Omit<ClaimTimelineEntry, 'reason'> & { reason: string | null })[];
  incident: {
    incidentType: string;
    occurredAt: string;
    reportedAt: string;
    regionCode: string;
    tpsNumber: number | null;
    place: string | null;
    chronology: string | null;
    workerRole: string | null;
    onDutyContext: string | null;
    healthFacility: string | null;
  };
  assignee: string | null;
  state: Omit<ClaimState, 'timeline'> | null;
}

/** Roster import job (libs/coverage RosterImportJobView), as far as the screen reads it. */
export interface RosterJob {
  id: string;
  status: string;
  [k: string]: unknown;
}
