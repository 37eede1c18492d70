import { Inject, Injectable } from '@nestjs/common';
import {
  answerInfoRequestUpdate,
  decideApprovalUpdate,
  designatePayoutAccountUpdate,
  documentUploadedSignal,
  getClaimStateQuery,
  proposeBenefitUpdate,
  reportRecoveryUpdate,
  reviewCoverageUpdate,
  reviewDocumentUpdate,
  reviewPayeeUpdate,
  verifyClaimUpdate,
  withdrawClaimUpdate,
  workerDiedSignal,
  type AnswerInfoCommand,
  type ApprovalCommand,
  type ClaimState,
  type ProposeBenefitCommand,
  type ReportRecoveryCommand,
  type ReviewCoverageCommand,
  type ReviewDocumentCommand,
  type ReviewPayeeCommand,
  type VerifyCommand,
  type WithdrawCommand,
  type WorkerDiedSignal,
} from '@sigap/workflows';
import {
  ApplicationFailure,
  Client,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { ClaimsService, TEMPORAL_CLIENT } from './claims.service';
import { ClaimCommandRefusedError } from './command-refused';

export { ClaimCommandRefusedError };
import { DocumentsService, type RecordUploadCommand } from './documents.service';
import { PaymentsService, type RegisterAccountCommand } from './payments/payments.service';

/**
 * Typed client of a claim's human steps: each wraps executeUpdate and turns a validator's refusal into a
 * ClaimCommandRefusedError. Issue #6 puts these behind authenticated controllers.
 */
@Injectable()
export class ClaimCommands {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    private readonly documents: DocumentsService,
    private readonly payments: PaymentsService,
    private readonly claims: ClaimsService,
  ) {}

  /**
   * Runs a call on the claim's workflow; if the workflow does not exist yet (the claim was stored but its start is
   * still queued, or Temporal was down when it was filed), starts it from the stored claim and tries once more.
   */
  private async onWorkflow<T>(claimNumber: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw err;
      if (!(await this.claims.ensureWorkflowStarted(claimNumber))) throw err;
      return call();
    }
  }

  private async update<A>(
    claimNumber: string,
    def: UpdateDefinition<ClaimState, [A]>,
    arg: A,
  ): Promise<ClaimState> {
    try {
      return await this.onWorkflow(claimNumber, () =>
        this.temporal.workflow.getHandle(claimNumber).executeUpdate(def, { args: [arg] }),
      );
    } catch (err) {
      if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
        throw new ClaimCommandRefusedError(err.cause.type ?? 'Refused', err.cause.message);
      }
      throw err;
    }
  }

  state(claimNumber: string): Promise<ClaimState> {
    return this.onWorkflow(claimNumber, () =>
      this.temporal.workflow.getHandle(claimNumber).query(getClaimStateQuery),
    );
  }

  reviewPayee(claimNumber: string, cmd: ReviewPayeeCommand) {
    return this.update(claimNumber, reviewPayeeUpdate, cmd);
  }
  withdraw(claimNumber: string, cmd: WithdrawCommand) {
    return this.update(claimNumber, withdrawClaimUpdate, cmd);
  }
  reviewCoverage(claimNumber: string, cmd: ReviewCoverageCommand) {
    return this.update(claimNumber, reviewCoverageUpdate, cmd);
  }
  verify(claimNumber: string, cmd: VerifyCommand) {
    return this.update(claimNumber, verifyClaimUpdate, cmd);
  }
  answerInfoRequest(claimNumber: string, cmd: AnswerInfoCommand) {
    return this.update(claimNumber, answerInfoRequestUpdate, cmd);
  }
  reviewDocument(claimNumber: string, cmd: ReviewDocumentCommand) {
    return this.update(claimNumber, reviewDocumentUpdate, cmd);
  }
  proposeBenefit(claimNumber: string, cmd: ProposeBenefitCommand) {
    return this.update(claimNumber, proposeBenefitUpdate, cmd);
  }
  decideApproval(claimNumber: string, cmd: ApprovalCommand) {
    return this.update(claimNumber, decideApprovalUpdate, cmd);
  }
  reportRecovery(claimNumber: string, cmd: ReportRecoveryCommand) {
    return this.update(claimNumber, reportRecoveryUpdate, cmd);
  }

  /** Records the upload (who, when, checksum) in PostgreSQL, then tells the workflow (a signal). */
  async uploadDocument(cmd: RecordUploadCommand): Promise<{ uploadId: string; checksumSha256: string }> {
    const r = await this.documents.recordUpload(cmd);
    await this.onWorkflow(cmd.claimNumber, () =>
      this.temporal.workflow.getHandle(cmd.claimNumber).signal(documentUploadedSignal, {
        documentCode: cmd.documentCode,
        uploadId: r.uploadId,
        uploadedBy: cmd.uploadedBy,
      }),
    );
    return r;
  }

  /** Stores the account encrypted, then designates it (first account, or the correction of an invalid one). */
  async setPayoutAccount(cmd: RegisterAccountCommand): Promise<ClaimState> {
    const { accountId, masked } = await this.payments.registerAccount(cmd);
    return this.update(cmd.claimNumber, designatePayoutAccountUpdate, {
      actor: cmd.registeredBy,
      accountId,
      masked,
    });
  }

  /** An accident claim's worker died: escalate in place to the JKK death benefits (a signal). */
  reportDeath(claimNumber: string, s: WorkerDiedSignal): Promise<void> {
    return this.onWorkflow(claimNumber, () =>
      this.temporal.workflow.getHandle(claimNumber).signal(workerDiedSignal, s),
    );
  }
}
