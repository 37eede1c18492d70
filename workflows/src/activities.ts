import type {
  BenefitSummary,
  CalculateBenefitRequest,
  ClaimEventProjection,
  CoverageSummary,
  DocumentState,
  InquireAccountRequest,
  InquireAccountResult,
  NotificationRequest,
  TransferRequest,
  TransferResult,
} from './types';

/**
 * The activities a claim workflow calls. Implemented by injectable NestJS services in libs/claims, bound by
 * apps/worker; the workflow sees only this interface (proxyActivities), so it holds no I/O.
 */
export interface ClaimActivities {
  /** projection + audit: timeline/audit row and read model, one transaction, idempotent per (claimNumber, seq) */
  projectClaimEvent(projection: ClaimEventProjection): Promise<void>;
  /** coverage: reads the NIK by claim number from PostgreSQL and verifies it in the coverage registry */
  checkCoverage(req: { claimNumber: string; program: 'JKK' | 'JKM' }): Promise<CoverageSummary>;
  /** benefits: libs/domain calculateBenefits, stored with its line items (a new version each time) */
  calculateBenefit(req: CalculateBenefitRequest): Promise<BenefitSummary>;
  /** documents: the checklist and each review decision, in claim_document */
  recordDocuments(req: { claimNumber: string; documents: DocumentState[] }): Promise<void>;
  /** payments: account inquiry at the bank; valid=false pauses the claim for a corrected account */
  inquireAccount(req: InquireAccountRequest): Promise<InquireAccountResult>;
  /** payments: one transfer, de-duplicated by the bank and by claim_payment on the idempotency key */
  transfer(req: TransferRequest): Promise<TransferResult>;
  /** notifications: a row in the outbox that channels read later; idempotent per dedupKey */
  enqueueNotification(req: NotificationRequest): Promise<void>;
}
