import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  AnswerInfoCommand,
  ApprovalCommand,
  BankCallbackSignal,
  ClaimState,
  DesignateAccountCommand,
  DocumentUploadedSignal,
  InstallmentPaid,
  ProposeBenefitCommand,
  ReportRecoveryCommand,
  ReviewCoverageCommand,
  ReviewDocumentCommand,
  ReviewPayeeCommand,
  VerifyCommand,
  WithdrawCommand,
  WorkerDiedSignal,
} from './types';

/** Shared by the workflow and its callers (the api, ClaimCommands): the names are the contract. */
export const getClaimStateQuery = defineQuery<ClaimState>('getClaimState');

// human steps: Updates with validators (a refused step leaves no trace in the history)
export const withdrawClaimUpdate = defineUpdate<ClaimState, [WithdrawCommand]>('withdrawClaim');
export const reviewCoverageUpdate = defineUpdate<ClaimState, [ReviewCoverageCommand]>('reviewCoverage');
export const verifyClaimUpdate = defineUpdate<ClaimState, [VerifyCommand]>('verifyClaim');
export const answerInfoRequestUpdate = defineUpdate<ClaimState, [AnswerInfoCommand]>('answerInfoRequest');
export const reviewDocumentUpdate = defineUpdate<ClaimState, [ReviewDocumentCommand]>('reviewDocument');
export const proposeBenefitUpdate = defineUpdate<ClaimState, [ProposeBenefitCommand]>('proposeBenefit');
export const decideApprovalUpdate = defineUpdate<ClaimState, [ApprovalCommand]>('decideApproval');
export const designatePayoutAccountUpdate = defineUpdate<ClaimState, [DesignateAccountCommand]>(
  'designatePayoutAccount',
);
export const reviewPayeeUpdate = defineUpdate<ClaimState, [ReviewPayeeCommand]>('reviewPayee');
export const reportRecoveryUpdate = defineUpdate<ClaimState, [ReportRecoveryCommand]>('reportRecovery');

// one-way events
export const documentUploadedSignal = defineSignal<[DocumentUploadedSignal]>('documentUploaded');
export const workerDiedSignal = defineSignal<[WorkerDiedSignal]>('workerDied');
export const bankCallbackSignal = defineSignal<[BankCallbackSignal]>('bankCallback');

// parent ↔ installments child
export const installmentPaidSignal = defineSignal<[InstallmentPaid]>('installmentPaid');
export const stopInstallmentsSignal = defineSignal<[{ codes: string[]; after: string }]>('stopInstallments');
export const getInstallmentsQuery = defineQuery<{ remaining: number; paid: number; cancelled: number }>(
  'getInstallments',
);
