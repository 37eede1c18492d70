import {
  addDays,
  checklistFor,
  diffDays,
  HOLIDAY_DATA,
  latePaymentPenalty,
  paymentDeadline,
  WorkingDayCalendar,
  type HolidayYear,
} from '@sigap/domain';
import {
  ActivityFailure,
  allHandlersFinished,
  ApplicationFailure,
  ChildWorkflowHandle,
  condition,
  getExternalWorkflowHandle,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  startChild,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { ClaimActivities } from './activities';
import { benefitProblem, caseTypeFor, paymentProgramFor } from './benefit-input';
import {
  answerInfoRequestUpdate,
  bankCallbackSignal,
  decideApprovalUpdate,
  designatePayoutAccountUpdate,
  documentUploadedSignal,
  getClaimStateQuery,
  installmentPaidSignal,
  proposeBenefitUpdate,
  reportRecoveryUpdate,
  reviewCoverageUpdate,
  reviewDocumentUpdate,
  reviewPayeeUpdate,
  stopInstallmentsSignal,
  verifyClaimUpdate,
  withdrawClaimUpdate,
  workerDiedSignal,
} from './messages';
import { ClaimInstallmentsWorkflow } from './installments.workflow';
import { Refusal } from './core/refusal';
import { validateWithdraw } from './core/withdraw';
import {
  designateOutcome,
  needsPayeeReview,
  validateDesignate,
  validatePayeeReview,
  validateProposer,
} from './core/payee';
import { isPenaltyKey, penaltyToPay } from './core/penalty';
import { claimEligibility, requireEligible, type ClaimEligibility } from './core/eligibility';
import { approvalsRequired, commitment, itemKeyOf, penaltyAllowance, unpaidItems } from './money';
import {
  ClaimStage,
  DEFAULT_CLAIM_POLICY,
  TERMINAL_STAGES,
  type ActorRole,
  type AnswerInfoCommand,
  type ApprovalCommand,
  type ApprovalCommitment,
  type CalculateBenefitRequest,
  type ClaimPolicy,
  type ClaimReadModel,
  type ClaimState,
  type DesignateAccountCommand,
  type DocumentState,
  type IncidentClaimInput,
  type InstallmentPaid,
  type InstallmentsResult,
  type ProposeBenefitCommand,
  type ReportRecoveryCommand,
  type ReviewCoverageCommand,
  type ReviewDocumentCommand,
  type ReviewPayeeCommand,
  type VerifyCommand,
  type WithdrawCommand,
} from './types';

const acts = proxyActivities<ClaimActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});
/**
 * The database-only steps (read model and audit, coverage lookup, document checklist, notification outbox) as local
 * activities: run by the worker inside the workflow task and recorded as markers, so a claim's start costs the
 * Temporal server one workflow task instead of five plus four activity tasks. Each is idempotent (keyed by claim and
 * sequence), as every activity. Workflows started before this change keep their regular activities (patched()).
 */
/** see `updatesWaitForStart` in the workflow */
export const UPDATES_WAIT_FOR_START_PATCH = 'updates-wait-for-start-v1';
const db = proxyLocalActivities<ClaimActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});
export const LOCAL_DB_ACTIVITIES_PATCH = 'local-db-activities-v1';
/**
 * Money safety (issue 20): approvals judged on everything committed, payments matched by item key, the penalty capped
 * at the approved allowance, withdrawal refused once anything was paid. Running workflows keep the old rules.
 */
export const MONEY_SAFETY_PATCH = 'money-safety-v1';

/** Bank calls: short per attempt (a killed worker or a hung bank is retried soon), backoff on transient failures. */
const bank = proxyActivities<ClaimActivities>({
  startToCloseTimeout: '10 seconds',
  retry: {
    initialInterval: '500 milliseconds',
    backoffCoefficient: 2,
    maximumInterval: '30 seconds',
    nonRetryableErrorTypes: ['InvalidAccount'],
  },
});

/** 2 x 24 hours: deadline of the first accident report (Permenaker 5/2021 jo. Permenaker 1/2025 Pasal 8(1)). */
const FIRST_REPORT_DEADLINE_MS = 2 * 24 * 60 * 60 * 1000;
const LATE_REPORT_CONSEQUENCE =
  'First report later than 2 x 24 h: the JKK benefit becomes the employer’s obligation, reimbursable by BPJS ' +
  'after reporting; the right itself is not void (Permenaker 5/2021 jo. 1/2025 Pasal 8(2a)–(2c)).';

function refuse(type: string, message: string): never {
  throw ApplicationFailure.create({ type, message, nonRetryable: true });
}

/** Runs a pure validator of workflows/src/core; its Refusal becomes the ApplicationFailure callers see. */
function pure(fn: () => void): void {
  try {
    fn();
  } catch (err) {
    if (err instanceof Refusal) refuse(err.type, err.message);
    throw err;
  }
}

function requireActor(cmd: { actor?: unknown } | undefined): void {
  if (!cmd || typeof cmd.actor !== 'string' || cmd.actor.trim() === '')
    refuse('InvalidCommand', 'actor is required');
}

function requireReason(reason: unknown, what: string): void {
  if (typeof reason !== 'string' || reason.trim().length < 5) {
    refuse('InvalidCommand', `reason is required (at least 5 characters) to ${what}`);
  }
}

/** Today in Asia/Jakarta (UTC+7, no DST), from workflow time: deterministic on replay. */
function jakartaToday(): string {
  return new Date(Date.now() + 7 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

/** Working-day calendar: the decreed years, and weekends-only for years without a decree yet (noted in the audit). */
function calendarCovering(date: string): { calendar: WorkingDayCalendar; fallback: boolean } {
  const year = Number(date.slice(0, 4));
  const known = HOLIDAY_DATA.map((y) => y.year);
  const extra: HolidayYear[] = [];
  for (const y of [year, year + 1]) {
    if (!known.includes(y)) extra.push({ year: y, legalBasis: 'no SKB loaded: weekends only', holidays: [] });
  }
  return { calendar: new WorkingDayCalendar([...HOLIDAY_DATA, ...extra]), fallback: extra.length > 0 };
}

/**
 * One workflow per claim; workflowId = claim number. Stages: reported → coverage check (→ officer review →
 * KPU santunan track) → verification (→ info request) → documents (reminders, escalation) → benefit proposal →
 * four-eyes approval → payout (account inquiry, one idempotent transfer per line item, late penalty) → paid →
 * installments (child workflow) → closed. Human steps are Updates with validators; see docs/claims.md.
 */
export async function IncidentClaimWorkflow(input: IncidentClaimInput): Promise<ClaimState> {
  const policy: ClaimPolicy = { ...DEFAULT_CLAIM_POLICY, ...(input.policy ?? {}) };
  const lateReport = Date.parse(input.reportedAt) - Date.parse(input.occurredAt) > FIRST_REPORT_DEADLINE_MS;
  const incidentDate = new Date(Date.parse(input.occurredAt) + 7 * 60 * 60 * 1000).toISOString().slice(0, 10);
  const dbActs = patched(LOCAL_DB_ACTIVITIES_PATCH) ? db : acts;
  /**
   * A command can reach a workflow in its first task (a claim whose start was still queued: the first command starts
   * it). Its handler then waits until the claim is recorded as REPORTED, or the REPORTED step would overwrite what
   * the command did (a withdrawal lost). Workflows started before this change keep their order (patched()).
   */
  const updatesWaitForStart = patched(UPDATES_WAIT_FOR_START_PATCH);
  const moneySafety = patched(MONEY_SAFETY_PATCH);
  let started = false;
  const state: ClaimState = {
    claimNumber: workflowInfo().workflowId,
    stage: ClaimStage.REPORTED,
    incidentType: input.incidentType,
    lateReport,
    ...(lateReport ? { lateReportConsequence: LATE_REPORT_CONSEQUENCE } : {}),
    track: 'BPJS',
    caseFacts: {},
    documents: [],
    remindersSent: 0,
    escalatedToSupervisor: false,
    paymentDeadlineMissed: false,
    approvals: [],
    approvalsRequired: 1,
    payments: [],
    paidTotal: 0,
    ...(input.reopenOf
      ? { reopenOf: { claimNumber: input.reopenOf.claimNumber, reason: input.reopenOf.reason } }
      : {}),
    timeline: [],
  };
  /** an Update handler is running its activities: other commands wait (refused with a clear message) */
  let busy = false;
  let docsVersion = 0;
  let pendingDeath: { deathDate: string; reportedBy: string } | undefined;
  let installments: ChildWorkflowHandle<typeof ClaimInstallmentsWorkflow> | undefined;
  let installmentsResult: InstallmentsResult | undefined;
  let installmentsVersion: number | undefined;
  /** moneySafety: the child must start again (new payee approved, a refused instalment); restarts so far */
  let installmentsRestart = false;
  let installmentsRestarts = 0;
  /** moneySafety: instalment items the ledger or bank refused; not asked again */
  const refusedInstalments = new Set<string>();
  /** moneySafety: penalty paid when the last approval was given (the allowance covers what is paid after it) */
  let penaltyPaidAtApproval = 0;
  const installmentEvents: InstallmentPaid[] = [];
  /** a death to escalate, once no Update handler is mid-way */
  const deathReady = () => !!pendingDeath && !busy;

  const readModel = (): ClaimReadModel => ({
    track: state.track,
    determination: state.determination ?? null,
    assigneeRole: state.assignee?.role ?? null,
    assignee: state.assignee?.actor ?? null,
    paymentDeadline: state.paymentDeadline ?? null,
    documentsCompleteOn: state.documentsCompleteOn ?? null,
    benefitTotal: state.benefit?.total ?? null,
    penaltyTotal: state.penalty?.amount ?? null,
    paidTotal: state.paidTotal,
    reopenOf: state.reopenOf?.claimNumber ?? null,
  });

  /** Every transition: timeline entry in state, then audit + read model in PostgreSQL (idempotent per seq). */
  const record = async (
    type: string,
    stage: ClaimStage,
    actor: string,
    opts: {
      reason?: string;
      details?: Record<string, unknown>;
      assignee?: ClaimState['assignee'] | null;
    } = {},
  ) => {
    const before = { stage: state.stage, assignee: state.assignee ?? null };
    const entry = {
      seq: state.timeline.length + 1,
      type,
      stage,
      actor,
      ...(opts.reason ? { reason: opts.reason } : {}),
      at: new Date().toISOString(), // workflow time: deterministic on replay
    };
    state.timeline.push(entry);
    state.stage = stage;
    if (opts.assignee !== undefined) {
      if (opts.assignee === null) delete state.assignee;
      else state.assignee = opts.assignee;
    }
    await dbActs.projectClaimEvent({
      claimNumber: state.claimNumber,
      entry,
      lateReport,
      readModel: readModel(),
      before,
      after: { stage, assignee: state.assignee ?? null, ...(opts.details ?? {}) },
    });
  };

  const notify = (recipientRole: ActorRole, template: string, data: Record<string, unknown> = {}) =>
    dbActs.enqueueNotification({
      dedupKey: `${state.claimNumber}:${state.timeline.length}:${template}`,
      claimNumber: state.claimNumber,
      recipientRole,
      template,
      data,
    });

  const terminal = () => TERMINAL_STAGES.includes(state.stage);
  const guard =
    <T>(fn: (cmd: T) => void) =>
    (cmd: T) => {
      requireActor(cmd as { actor?: unknown });
      if (terminal()) refuse('NotAllowedInStage', `claim ${state.claimNumber} is ${state.stage}`);
      if (busy) refuse('Busy', `claim ${state.claimNumber} is processing another step; try again`);
      fn(cmd);
    };
  const inStage = (...stages: ClaimStage[]) => {
    if (!stages.includes(state.stage)) {
      refuse('NotAllowedInStage', `not allowed in stage ${state.stage} (allowed in ${stages.join(', ')})`);
    }
  };
  const run = async <T>(fn: () => Promise<T>): Promise<T> => {
    if (updatesWaitForStart && !started) await condition(() => started);
    busy = true;
    try {
      return await fn();
    } finally {
      busy = false;
    }
  };
  const approvalCommitment = (): ApprovalCommitment => ({
    benefitVersion: state.benefit!.version,
    payeeAccountId: state.payoutAccount!.accountId,
    committedByPayer: commitment(state.benefit!, state.payments, penaltyAllowance(state.benefit!, policy)),
    approvers: state.approvals.map((a) => a.actor),
  });
  const eligibility = (workRelated?: boolean): ClaimEligibility => {
    try {
      return claimEligibility(state, {
        incidentDate,
        reportedOn: new Date(Date.parse(input.reportedAt) + 7 * 3600e3).toISOString().slice(0, 10),
        occurredAt: input.occurredAt,
        reportedAt: input.reportedAt,
        ...(workRelated !== undefined ? { workRelated } : {}),
      });
    } catch (err) {
      if (err instanceof Refusal) throw err;
      refuse('InvalidCommand', `eligibility cannot be checked: ${(err as Error).message}`);
    }
  };
  const payeeReviewerRole = (): ActorRole =>
    state.track === 'KPU_SANTUNAN' ? 'KPU_APPROVER' : 'BPJS_OFFICER';
  const approverRole = (): ActorRole => (state.track === 'KPU_SANTUNAN' ? 'KPU_APPROVER' : 'BPJS_SUPERVISOR');
  const requiredDocsComplete = () =>
    state.documents.length > 0 && state.documents.every((d) => d.status === 'ACCEPTED');

  const benefitRequest = (
    facts = state.proposal?.facts ?? {},
    adjustments = state.proposal?.adjustments ?? [],
  ) =>
    ({
      claimNumber: state.claimNumber,
      determination: state.determination!,
      incidentDate,
      calculationDate: state.documentsCompleteOn ?? jakartaToday(),
      coverage: state.coverage ?? null,
      reportedLate: lateReport,
      ...(state.diedOn ? { deathDate: state.diedOn } : {}),
      facts,
      adjustments,
      proposedBy: state.proposal?.actor ?? null,
    }) satisfies CalculateBenefitRequest;

  // ------------------------------------------------------------------ queries and signals

  setHandler(getClaimStateQuery, () => state);

  setHandler(documentUploadedSignal, (s) => {
    const doc = state.documents.find((d) => d.code === s.documentCode);
    if (!doc || doc.status === 'ACCEPTED' || !s.uploadId) return; // not on the checklist (the upload row stays in PostgreSQL)
    doc.status = 'UPLOADED';
    doc.uploadId = s.uploadId;
    doc.uploads++;
    delete doc.reason;
    docsVersion++;
  });

  setHandler(workerDiedSignal, (s) => {
    if (state.incidentType !== 'ACCIDENT' || state.diedOn || pendingDeath || terminal()) return;
    if (typeof s?.deathDate !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(s.deathDate)) return;
    pendingDeath = { deathDate: s.deathDate, reportedBy: s.reportedBy || 'unknown' };
  });

  setHandler(bankCallbackSignal, (s) => {
    const p = state.payments.find((x) => x.idempotencyKey === s.idempotencyKey);
    if (p && s.status === 'SETTLED') p.settled = true;
  });

  setHandler(installmentPaidSignal, (s) => {
    installmentEvents.push({ key: s.key, amount: s.amount, idempotencyKey: s.idempotencyKey });
  });

  // ------------------------------------------------------------------ human steps (Updates)

  setHandler(
    withdrawClaimUpdate,
    (cmd: WithdrawCommand) =>
      run(async () => {
        if (installments) await stopAllInstallments();
        await record('WITHDRAWN', ClaimStage.WITHDRAWN, cmd.actor, {
          reason: cmd.reason.trim(),
          assignee: null,
        });
        return state;
      }),
    {
      validator: guard((cmd: WithdrawCommand) => pure(() => validateWithdraw(state, cmd, { moneySafety }))),
    },
  );

  setHandler(
    reviewCoverageUpdate,
    (cmd: ReviewCoverageCommand) =>
      run(async () => {
        state.coverageReview = {
          actor: cmd.actor,
          decision: cmd.decision,
          reason: cmd.reason.trim(),
          ...(cmd.evidence ? { evidence: cmd.evidence } : {}),
        };
        if (cmd.decision === 'CONFIRM_NOT_COVERED') state.track = 'KPU_SANTUNAN';
        await record(
          cmd.decision === 'CONFIRM_NOT_COVERED' ? 'NOT_COVERED_CONFIRMED' : 'COVERAGE_OVERRIDDEN',
          ClaimStage.AWAITING_VERIFICATION,
          cmd.actor,
          {
            reason: cmd.reason.trim(),
            details: { track: state.track, evidence: cmd.evidence ?? null },
            assignee: { role: 'BPJS_OFFICER' },
          },
        );
        return state;
      }),
    {
      validator: guard((cmd: ReviewCoverageCommand) => {
        inStage(ClaimStage.COVERAGE_REVIEW);
        if (!['CONFIRM_NOT_COVERED', 'OVERRIDE_COVERED'].includes(cmd.decision)) {
          refuse('InvalidCommand', 'decision must be CONFIRM_NOT_COVERED or OVERRIDE_COVERED');
        }
        requireReason(cmd.reason, 'decide on coverage');
        if (
          cmd.decision === 'OVERRIDE_COVERED' &&
          (typeof cmd.evidence !== 'string' || cmd.evidence.trim() === '')
        ) {
          refuse('InvalidCommand', 'evidence is required to override the coverage check');
        }
        if (
          cmd.decision === 'OVERRIDE_COVERED' &&
          !state.coverage?.wageBase &&
          state.incidentType === 'ACCIDENT'
        ) {
          refuse('InvalidCommand', 'no wage base is known for this worker: a JKK claim cannot be calculated');
        }
      }),
    },
  );

  setHandler(
    verifyClaimUpdate,
    (cmd: VerifyCommand) =>
      run(async () => {
        const reason = cmd.reason.trim();
        if (cmd.decision === 'REJECT') {
          await record('REJECTED', ClaimStage.REJECTED, cmd.actor, { reason, assignee: null });
          await notify('REPORTER', 'CLAIM_REJECTED', { reason });
          return state;
        }
        if (cmd.decision === 'REQUEST_INFO') {
          state.infoRequest = { askedBy: cmd.actor, question: cmd.question!.trim() };
          await record('INFO_REQUESTED', ClaimStage.INFO_REQUESTED, cmd.actor, {
            reason,
            details: { question: state.infoRequest.question },
            assignee: { role: 'REPORTER' },
          });
          await notify('REPORTER', 'INFO_REQUESTED', { question: state.infoRequest.question });
          return state;
        }
        state.verification = { actor: cmd.actor, onDuty: cmd.onDuty === true, reason };
        if (cmd.workRelated !== undefined) state.verification.workRelated = cmd.workRelated;
        state.caseFacts = { ...(cmd.caseFacts ?? {}) };
        if (state.track === 'KPU_SANTUNAN') {
          state.determination = state.incidentType === 'DEATH' ? 'KPU_DEATH' : 'KPU_INJURY';
        } else if (state.incidentType === 'DEATH') {
          state.determination = cmd.workRelated ? 'JKK_DEATH' : 'JKM_DEATH';
        } else {
          state.determination = state.diedOn ? 'JKK_DEATH' : 'JKK_ACCIDENT';
        }
        if (moneySafety) state.eligibility = { checkedAt: 'VERIFICATION', ...eligibility() };
        openChecklist();
        await record('VERIFIED', ClaimStage.DOCUMENTS, cmd.actor, {
          reason,
          details: {
            determination: state.determination,
            onDuty: state.verification.onDuty,
            ...(state.eligibility ? { eligibility: state.eligibility } : {}),
          },
          assignee: { role: 'FAMILY' },
        });
        await dbActs.recordDocuments({ claimNumber: state.claimNumber, documents: state.documents });
        await notify(state.incidentType === 'DEATH' ? 'FAMILY' : 'REPORTER', 'DOCUMENTS_REQUESTED', {
          documents: state.documents.map((d) => d.code),
        });
        return state;
      }),
    {
      validator: guard((cmd: VerifyCommand) => {
        inStage(ClaimStage.AWAITING_VERIFICATION);
        if (!['ACCEPT', 'REJECT', 'REQUEST_INFO'].includes(cmd.decision)) {
          refuse('InvalidCommand', 'decision must be ACCEPT, REJECT or REQUEST_INFO');
        }
        requireReason(cmd.reason, 'record a verification decision');
        if (
          cmd.decision === 'REQUEST_INFO' &&
          (typeof cmd.question !== 'string' || cmd.question.trim() === '')
        ) {
          refuse('InvalidCommand', 'question is required to ask the reporter for more information');
        }
        if (cmd.decision !== 'ACCEPT') return;
        if (typeof cmd.onDuty !== 'boolean')
          refuse('InvalidCommand', 'onDuty (true/false) is required to accept');
        const jkmDeath =
          state.track === 'BPJS' && state.incidentType === 'DEATH' && cmd.workRelated === false;
        if (!cmd.onDuty && !jkmDeath) {
          refuse(
            'InvalidCommand',
            state.track === 'KPU_SANTUNAN'
              ? 'the KPU santunan needs an event linked to the election duty: reject the claim instead'
              : 'an incident off duty is not a work accident: accept a death as JKM (workRelated=false) or reject',
          );
        }
        if (
          state.track === 'BPJS' &&
          state.incidentType === 'DEATH' &&
          typeof cmd.workRelated !== 'boolean'
        ) {
          refuse(
            'InvalidCommand',
            'workRelated (true = JKK death, false = JKM) is required to accept a death',
          );
        }
        if (
          state.track === 'BPJS' &&
          (state.incidentType === 'ACCIDENT' || cmd.workRelated) &&
          !state.coverage?.wageBase
        ) {
          refuse('InvalidCommand', 'a JKK case needs the wage base from coverage, and none is known');
        }
        try {
          checklistFor({ caseType: 'JKM_DEATH', facts: cmd.caseFacts ?? {} });
        } catch (err) {
          refuse('InvalidCommand', (err as Error).message);
        }
        // nothing is paid on a right that has expired or is outside cover (libs/domain checkEligibility)
        if (moneySafety) requireEligible(eligibility(cmd.workRelated), 'accept the claim');
      }),
    },
  );

  setHandler(
    answerInfoRequestUpdate,
    (cmd: AnswerInfoCommand) =>
      run(async () => {
        state.infoRequest = { ...state.infoRequest!, answer: cmd.answer.trim(), answeredBy: cmd.actor };
        await record('INFO_PROVIDED', ClaimStage.AWAITING_VERIFICATION, cmd.actor, {
          details: { answer: cmd.answer.trim() },
          assignee: { role: 'BPJS_OFFICER', actor: state.infoRequest.askedBy },
        });
        return state;
      }),
    {
      validator: guard((cmd: AnswerInfoCommand) => {
        inStage(ClaimStage.INFO_REQUESTED);
        if (typeof cmd.answer !== 'string' || cmd.answer.trim() === '')
          refuse('InvalidCommand', 'answer is required');
      }),
    },
  );

  setHandler(
    reviewDocumentUpdate,
    (cmd: ReviewDocumentCommand) =>
      run(async () => {
        const doc = state.documents.find((d) => d.code === cmd.documentCode)!;
        doc.status = cmd.decision === 'ACCEPT' ? 'ACCEPTED' : 'REJECTED';
        if (cmd.decision === 'REJECT') doc.reason = cmd.reason!.trim();
        docsVersion++;
        await record(`DOCUMENT_${doc.status}`, ClaimStage.DOCUMENTS, cmd.actor, {
          ...(cmd.reason ? { reason: cmd.reason.trim() } : {}),
          details: { documentCode: doc.code, uploadId: doc.uploadId ?? null },
        });
        await dbActs.recordDocuments({ claimNumber: state.claimNumber, documents: [doc] });
        if (doc.status === 'REJECTED') {
          await notify(state.incidentType === 'DEATH' ? 'FAMILY' : 'REPORTER', 'DOCUMENT_REJECTED', {
            documentCode: doc.code,
            reason: doc.reason,
          });
        }
        return state;
      }),
    {
      validator: guard((cmd: ReviewDocumentCommand) => {
        inStage(ClaimStage.DOCUMENTS);
        const doc = state.documents.find((d) => d.code === cmd.documentCode);
        if (!doc) refuse('InvalidCommand', `${cmd.documentCode} is not on this claim's checklist`);
        if (doc.status !== 'UPLOADED') {
          refuse(
            'NotAllowedInStage',
            `${cmd.documentCode} has no upload waiting for review (it is ${doc.status})`,
          );
        }
        if (!['ACCEPT', 'REJECT'].includes(cmd.decision))
          refuse('InvalidCommand', 'decision must be ACCEPT or REJECT');
        if (cmd.decision === 'REJECT') requireReason(cmd.reason, 'reject a document');
      }),
    },
  );

  setHandler(
    proposeBenefitUpdate,
    (cmd: ProposeBenefitCommand) =>
      run(async () => {
        state.proposal = { actor: cmd.actor, adjustments: cmd.adjustments ?? [], facts: cmd.facts ?? {} };
        state.benefit = await acts.calculateBenefit(benefitRequest());
        state.approvals = [];
        state.approvalsRequired = moneySafety
          ? approvalsRequired(state.benefit, policy)
          : state.benefit.total > policy.secondApprovalAboveRupiah
            ? 2
            : 1;
        await record('BENEFIT_PROPOSED', ClaimStage.AWAITING_APPROVAL, cmd.actor, {
          ...(cmd.note ? { reason: cmd.note } : {}),
          details: {
            version: state.benefit.version,
            total: state.benefit.total,
            adjustments: state.proposal.adjustments,
            approvalsRequired: state.approvalsRequired,
          },
          assignee: { role: approverRole() },
        });
        await notify(approverRole(), 'APPROVAL_REQUESTED', { total: state.benefit.total });
        return state;
      }),
    {
      validator: guard((cmd: ProposeBenefitCommand) => {
        inStage(ClaimStage.BENEFIT_PROPOSAL);
        pure(() => validateProposer(state, cmd.actor, { moneySafety }));
        const problem = benefitProblem(benefitRequest(cmd.facts ?? {}, cmd.adjustments ?? []));
        if (problem) refuse('InvalidCommand', `the benefit cannot be calculated: ${problem}`);
      }),
    },
  );

  setHandler(
    decideApprovalUpdate,
    (cmd: ApprovalCommand) =>
      run(async () => {
        if (cmd.decision === 'SEND_BACK') {
          state.approvals = [];
          await record('SENT_BACK', ClaimStage.BENEFIT_PROPOSAL, cmd.actor, {
            reason: cmd.reason!.trim(),
            assignee: { role: 'BPJS_OFFICER', actor: state.proposal!.actor },
          });
          return state;
        }
        state.approvals.push({ actor: cmd.actor, role: cmd.role });
        const done = state.approvals.length >= state.approvalsRequired;
        if (done && moneySafety) {
          state.eligibility = { checkedAt: 'APPROVAL', ...eligibility() };
          // the commitment counts every instalment paid so far, and the allowance covers penalty paid from now on
          await drainInstallments();
          penaltyPaidAtApproval = penaltyPaid();
        }
        await record(
          done ? 'APPROVED' : 'FIRST_APPROVAL',
          done ? ClaimStage.PAYOUT : ClaimStage.AWAITING_APPROVAL,
          cmd.actor,
          {
            ...(cmd.reason ? { reason: cmd.reason.trim() } : {}),
            details: {
              approvals: state.approvals.length,
              approvalsRequired: state.approvalsRequired,
              ...(done && moneySafety ? { approval: approvalCommitment() } : {}),
            },
            assignee: done ? null : { role: approverRole() },
          },
        );
        return state;
      }),
    {
      validator: guard((cmd: ApprovalCommand) => {
        inStage(ClaimStage.AWAITING_APPROVAL);
        if (!['APPROVE', 'SEND_BACK'].includes(cmd.decision)) {
          refuse('InvalidCommand', 'decision must be APPROVE or SEND_BACK');
        }
        if (cmd.role !== approverRole()) {
          refuse('Forbidden', `this ${state.track} claim must be approved by a ${approverRole()}`);
        }
        if (cmd.actor === state.proposal?.actor) {
          refuse('FourEyes', 'four-eyes: the officer who proposed the benefit cannot approve it');
        }
        if (state.approvals.some((a) => a.actor === cmd.actor)) {
          refuse('FourEyes', 'four-eyes: the second approval must come from a different approver');
        }
        if (cmd.decision === 'SEND_BACK') requireReason(cmd.reason, 'send a proposal back');
        if (cmd.decision === 'APPROVE' && !state.payoutAccount) {
          refuse('NotReady', 'no payout account has been designated for this claim yet');
        }
        if (cmd.decision === 'APPROVE' && moneySafety) requireEligible(eligibility(), 'approve the payment');
      }),
    },
  );

  setHandler(
    designatePayoutAccountUpdate,
    (cmd: DesignateAccountCommand) =>
      run(async () => {
        const outcome = designateOutcome(state, { moneySafety });
        state.payoutAccount = {
          accountId: cmd.accountId,
          masked: cmd.masked,
          ...(moneySafety ? { designatedBy: cmd.actor } : {}),
        };
        const approvalsReset = outcome.resetApprovals ? state.approvals.length : 0;
        if (outcome.resetApprovals) state.approvals = [];
        if (outcome.stopInstallments) {
          installmentsRestart = true;
          await stopAllInstallments();
        }
        const toApproval = outcome.stage === ClaimStage.AWAITING_APPROVAL && state.stage !== outcome.stage;
        await record(outcome.event, outcome.stage, cmd.actor, {
          details: {
            accountId: cmd.accountId,
            masked: cmd.masked,
            ...(outcome.resetApprovals ? { approvalsReset } : {}),
          },
          ...(toApproval || approvalsReset > 0 ? { assignee: { role: approverRole() } } : {}),
        });
        if (toApproval || approvalsReset > 0) {
          await notify(approverRole(), 'APPROVAL_REQUESTED', {
            total: state.benefit?.total ?? 0,
            reason: 'PAYEE_CHANGED',
          });
        }
        return state;
      }),
    {
      validator: guard((cmd: DesignateAccountCommand) =>
        pure(() => validateDesignate(state, cmd, { moneySafety })),
      ),
    },
  );

  setHandler(
    reviewPayeeUpdate,
    (cmd: ReviewPayeeCommand) =>
      run(async () => {
        const reason = cmd.reason.trim();
        if (cmd.decision === 'ACCEPT') {
          state.payeeAccepted = { accountId: state.payoutAccount!.accountId, actor: cmd.actor, reason };
          await record('PAYEE_ACCEPTED', ClaimStage.PAYOUT, cmd.actor, {
            reason,
            details: { masked: state.payoutAccount!.masked },
            assignee: null,
          });
          return state;
        }
        await record('PAYEE_REJECTED', ClaimStage.ACCOUNT_INVALID, cmd.actor, {
          reason,
          details: { masked: state.payoutAccount!.masked },
          assignee: { role: state.incidentType === 'DEATH' ? 'FAMILY' : 'REPORTER' },
        });
        await notify(state.incidentType === 'DEATH' ? 'FAMILY' : 'REPORTER', 'ACCOUNT_INVALID', {
          reason: 'the account holder is not the expected payee',
        });
        return state;
      }),
    { validator: guard((cmd: ReviewPayeeCommand) => pure(() => validatePayeeReview(state, cmd))) },
  );

  setHandler(
    reportRecoveryUpdate,
    (cmd: ReportRecoveryCommand) =>
      run(async () => {
        state.recoveredOn = cmd.recoveredOn;
        await getExternalWorkflowHandle(installments!.workflowId).signal(stopInstallmentsSignal, {
          codes: ['STMB'],
          after: cmd.recoveredOn,
        });
        await record('RECOVERY_REPORTED', state.stage, cmd.actor, {
          reason: cmd.reason.trim(),
          details: { recoveredOn: cmd.recoveredOn },
        });
        return state;
      }),
    {
      validator: guard((cmd: ReportRecoveryCommand) => {
        inStage(ClaimStage.INSTALLMENTS);
        if (!installments) refuse('NotAllowedInStage', 'no installments are running');
        if (state.recoveredOn)
          refuse('InvalidCommand', `recovery was already reported (${state.recoveredOn})`);
        if (typeof cmd.recoveredOn !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(cmd.recoveredOn)) {
          refuse('InvalidCommand', 'recoveredOn must be a date (YYYY-MM-DD)');
        }
        requireReason(cmd.reason, 'report a recovery');
      }),
    },
  );

  // ------------------------------------------------------------------ stages

  function openChecklist(): void {
    const outcome = state.proposal?.facts.outcome;
    const docs = checklistFor({
      caseType: caseTypeFor(state.determination!, outcome),
      facts: state.caseFacts,
    });
    const previous = state.documents;
    state.documents = docs.map((d): DocumentState => {
      const kept = previous.find((p) => p.code === d.code);
      return (
        kept ?? {
          code: d.code,
          label: d.label.en,
          requirement: d.requirement,
          supplier: d.supplier,
          status: 'MISSING',
          uploads: 0,
        }
      );
    });
    docsVersion++;
  }

  async function documentsStage(): Promise<void> {
    let lastActivity = Date.now();
    let seenVersion = docsVersion;
    while (state.stage === ClaimStage.DOCUMENTS && !requiredDocsComplete() && !deathReady()) {
      const silence = Date.now() - lastActivity;
      const nextAt =
        state.remindersSent < policy.documentReminderAfterMs.length
          ? policy.documentReminderAfterMs[state.remindersSent]
          : !state.escalatedToSupervisor
            ? policy.documentEscalationAfterMs
            : undefined;
      const woke = () => docsVersion !== seenVersion || state.stage !== ClaimStage.DOCUMENTS || deathReady();
      const changed =
        nextAt === undefined
          ? (await condition(woke), true)
          : await condition(woke, Math.max(1, nextAt - silence));
      if (state.stage !== ClaimStage.DOCUMENTS || deathReady()) return;
      if (changed) {
        if (docsVersion !== seenVersion) {
          // any document activity ends the silence: the reminder schedule starts over
          seenVersion = docsVersion;
          lastActivity = Date.now();
          state.remindersSent = 0;
        }
        continue;
      }
      const days = Math.round((Date.now() - lastActivity) / (24 * 60 * 60 * 1000));
      const missing = state.documents.filter((d) => d.status !== 'ACCEPTED').map((d) => d.code);
      if (state.remindersSent < policy.documentReminderAfterMs.length) {
        state.remindersSent++;
        await record('DOCUMENT_REMINDER_SENT', ClaimStage.DOCUMENTS, 'system', {
          reason: `${days} days without document activity`,
          details: { reminder: state.remindersSent, missing },
        });
        await notify(state.incidentType === 'DEATH' ? 'FAMILY' : 'REPORTER', 'DOCUMENT_REMINDER', {
          reminder: state.remindersSent,
          missing,
        });
      } else {
        state.escalatedToSupervisor = true;
        await record('DOCUMENTS_ESCALATED', ClaimStage.DOCUMENTS, 'system', {
          reason: `${days} days without document activity`,
          details: { missing },
          assignee: { role: 'BPJS_SUPERVISOR' },
        });
        await notify('BPJS_SUPERVISOR', 'DOCUMENTS_ESCALATED', { missing });
      }
    }
    if (state.stage !== ClaimStage.DOCUMENTS || deathReady()) return;
    state.documentsCompleteOn = jakartaToday();
    const program = paymentProgramFor(state.determination!);
    let fallbackNote: string | undefined;
    if (program && !state.paymentDeadline) {
      const { calendar, fallback } = calendarCovering(state.documentsCompleteOn);
      state.paymentDeadline = paymentDeadline(program, state.documentsCompleteOn, calendar).deadline;
      if (fallback)
        fallbackNote = 'working days counted without a holiday decree for the year (weekends only)';
    }
    // the draft calculation, so the officer proposes from numbers
    state.benefit = await acts.calculateBenefit(benefitRequest());
    await record('DOCUMENTS_COMPLETE', ClaimStage.BENEFIT_PROPOSAL, 'system', {
      ...(fallbackNote ? { reason: fallbackNote } : {}),
      details: { paymentDeadline: state.paymentDeadline ?? null, draftTotal: state.benefit.total },
      assignee: { role: 'BPJS_OFFICER' },
    });
  }

  /** Waits for a human step; wakes at the payment deadline to record that it was missed. */
  async function waitForStep(stage: ClaimStage): Promise<void> {
    const changed = () => state.stage !== stage || deathReady();
    while (!changed()) {
      const deadlineMs = state.paymentDeadline
        ? Date.parse(`${addDays(state.paymentDeadline, 1)}T00:00:00+07:00`) - Date.now()
        : undefined;
      if (state.paymentDeadlineMissed || deadlineMs === undefined) {
        await condition(changed);
      } else if (!(await condition(changed, Math.max(1, deadlineMs)))) {
        state.paymentDeadlineMissed = true;
        await record('PAYMENT_DEADLINE_MISSED', state.stage, 'system', {
          reason: `payment deadline ${state.paymentDeadline} passed; 1% of the benefit per day is added at payout`,
        });
        await notify('BPJS_SUPERVISOR', 'PAYMENT_DEADLINE_MISSED', { deadline: state.paymentDeadline });
      }
    }
  }

  async function payout(): Promise<void> {
    const account = state.payoutAccount!;
    const inquiry = await bank.inquireAccount({
      claimNumber: state.claimNumber,
      accountId: account.accountId,
    });
    if (!inquiry.valid) return accountInvalid(inquiry.reason ?? 'account inquiry: invalid account');
    if (moneySafety && needsPayeeReview(state, inquiry.payeeMatch)) {
      // the account may not belong to the heir or the worker: an officer decides, with a reason, before any rupiah
      await record('PAYEE_REVIEW_REQUIRED', ClaimStage.PAYEE_REVIEW, 'system', {
        reason: inquiry.payeeMatchNote ?? 'the holder name could not be matched with the expected payee',
        details: { payeeMatch: inquiry.payeeMatch, masked: state.payoutAccount!.masked },
        assignee: { role: payeeReviewerRole() },
      });
      await notify(payeeReviewerRole(), 'PAYEE_REVIEW_REQUESTED', { masked: state.payoutAccount!.masked });
      return;
    }

    const paidOn = jakartaToday();
    const unpaid = moneySafety
      ? unpaidItems(state.benefit!.lineItems, state.payments)
      : state.benefit!.lineItems.filter(
          (l) => l.amount > 0 && !state.payments.some((p) => p.key === l.key && p.status === 'PAID'),
        );
    if (!moneySafety) await legacyPenalty(unpaid, paidOn);
    const lines = [
      ...unpaid.map((l) => ({ key: l.key, amount: l.amount, payer: l.payer })),
      ...(!moneySafety &&
      state.penalty &&
      !state.payments.some((p) => p.key === state.penalty!.key && p.status === 'PAID')
        ? [{ key: state.penalty.key, amount: state.penalty.amount, payer: 'BPJS_TK' }]
        : []),
    ];
    for (const line of lines) {
      if ((await payLine(line, account.accountId)) === 'INVALID_ACCOUNT') return;
    }
    if (moneySafety) {
      // the penalty follows each line to its actual payment (core/penalty.ts), escalated benefits included
      const owed = penaltyToPay(
        state.payments,
        penaltyAllowance(state.benefit!, policy),
        penaltyPaidAtApproval,
      );
      if (owed.amount > 0) {
        const daysLate = state.paymentDeadline ? Math.max(0, diffDays(state.paymentDeadline, paidOn)) : 0;
        state.penalty = {
          key: owed.key,
          amount: penaltyPaid() + owed.amount,
          daysLate,
          deadline: state.paymentDeadline ?? paidOn,
          paidOn,
        };
        await record('LATE_PAYMENT_PENALTY_ADDED', ClaimStage.PAYOUT, 'system', {
          reason:
            owed.amount < owed.due
              ? `1% per day late of each line paid after ${state.paymentDeadline}, capped at the approved allowance`
              : `1% per day late of each line paid after ${state.paymentDeadline}`,
          details: { key: owed.key, amount: owed.amount, computed: owed.due, daysLate, paidOn },
        });
        const r = await payLine({ key: owed.key, amount: owed.amount, payer: 'BPJS_TK' }, account.accountId);
        if (r === 'INVALID_ACCOUNT') return;
      }
    }
    await record('PAID', ClaimStage.PAID, 'system', {
      details: {
        paidTotal: state.paidTotal,
        transfers: state.payments.filter((x) => x.status === 'PAID').length,
        penalty: state.penalty?.amount ?? 0,
        ...(state.payments.some((x) => x.status === 'REFUSED')
          ? { refused: state.payments.filter((x) => x.status === 'REFUSED').length }
          : {}),
      },
      assignee: null,
    });
    await notify(state.incidentType === 'DEATH' ? 'FAMILY' : 'REPORTER', 'CLAIM_PAID', {
      paidTotal: state.paidTotal,
    });
  }

  /** Penalty paid so far (every penalty transfer that completed). */
  const penaltyPaid = () =>
    state.payments
      .filter((p) => p.status === 'PAID' && isPenaltyKey(p.key))
      .reduce((t, p) => t + p.amount, 0);

  /** Workflows started before moneySafety: one penalty, computed at the first payout attempt on the unpaid lines. */
  async function legacyPenalty(unpaid: { amount: number }[], paidOn: string): Promise<void> {
    if (!state.paymentDeadline || paidOn <= state.paymentDeadline || state.penalty) return;
    const base = unpaid.reduce((t, l) => t + l.amount, 0);
    const p = latePaymentPenalty({ benefitAmount: base, deadline: state.paymentDeadline, paidOn });
    if (p.amount <= 0) return;
    state.penalty = {
      key: 'LATE_PAYMENT_PENALTY',
      amount: p.amount,
      daysLate: p.daysLate,
      deadline: state.paymentDeadline,
      paidOn,
    };
    await record('LATE_PAYMENT_PENALTY_ADDED', ClaimStage.PAYOUT, 'system', {
      reason: p.formula,
      details: {
        amount: p.amount,
        computed: p.amount,
        daysLate: p.daysLate,
        deadline: state.paymentDeadline,
        paidOn,
      },
    });
  }

  /**
   * One line, one idempotent transfer. INVALID_ACCOUNT: the claim now waits for a corrected account. A refusal by
   * the ledger or the bank is recorded (PAYMENT_REFUSED) and the other lines go on.
   */
  async function payLine(
    line: { key: string; amount: number; payer: string },
    accountId: string,
  ): Promise<'PAID' | 'REFUSED' | 'INVALID_ACCOUNT'> {
    // one idempotency key per (line item, account), generated in the workflow: stable across retries, crashes
    // and replays, so the bank applies each transfer once
    let p = state.payments.find((x) => x.key === line.key && x.accountId === accountId);
    if (!p) {
      p = {
        key: line.key,
        amount: line.amount,
        idempotencyKey: uuid4(),
        accountId,
        status: 'PENDING',
        ...(moneySafety ? { payer: line.payer } : {}),
      };
      state.payments.push(p);
    }
    try {
      const r = await bank.transfer({
        claimNumber: state.claimNumber,
        accountId,
        lineKey: line.key,
        itemKey: itemKeyOf(line.key),
        amount: line.amount,
        payer: line.payer,
        idempotencyKey: p.idempotencyKey,
      });
      p.status = 'PAID';
      p.bankTransferId = r.bankTransferId;
      p.paidAt = new Date().toISOString();
      state.paidTotal += line.amount;
      if (moneySafety && !isPenaltyKey(line.key) && state.paymentDeadline) {
        const due = latePaymentPenalty({
          benefitAmount: line.amount,
          deadline: state.paymentDeadline,
          paidOn: jakartaToday(),
        });
        if (due.amount > 0) p.penaltyDue = due.amount;
      }
      return 'PAID';
    } catch (err) {
      const type =
        err instanceof ActivityFailure && err.cause instanceof ApplicationFailure ? err.cause.type : '';
      if (type === 'InvalidAccount') {
        p.status = 'INVALID_ACCOUNT';
        await accountInvalid((err as ActivityFailure).cause!.message);
        return 'INVALID_ACCOUNT';
      }
      if (type === 'LedgerRefused' || type === 'BankRejected') {
        // the ledger (an item already paid for this incident or worker, more than approved, another payee) or
        // the bank refused this line: nothing moved; it is recorded for a supervisor
        p.status = 'REFUSED';
        await record('PAYMENT_REFUSED', ClaimStage.PAYOUT, 'system', {
          reason: (err as ActivityFailure).cause!.message,
          details: { lineKey: line.key, amount: line.amount, by: type },
        });
        return 'REFUSED';
      }
      throw err;
    }
  }

  async function accountInvalid(reason: string): Promise<void> {
    await record('ACCOUNT_INVALID', ClaimStage.ACCOUNT_INVALID, 'system', {
      reason,
      assignee: { role: state.incidentType === 'DEATH' ? 'FAMILY' : 'REPORTER' },
    });
    await notify(state.incidentType === 'DEATH' ? 'FAMILY' : 'REPORTER', 'ACCOUNT_INVALID', { reason });
  }

  /** Scheduled items still to pay (moneySafety: by item key; never STMB after a death; not those refused). */
  const unpaidScheduled = () =>
    unpaidItems(state.benefit!.scheduled, state.payments).filter(
      // after a death, no STMB (wage replacement while unable to work) for months after the death date
      (s) =>
        !(state.diedOn && s.code === 'STMB' && s.dueDate > state.diedOn) && !refusedInstalments.has(s.key),
    );

  async function startInstallments(): Promise<void> {
    const items = moneySafety
      ? unpaidScheduled()
      : state.benefit!.scheduled.filter(
          (s) => s.amount > 0 && !state.payments.some((p) => p.key === s.key && p.status === 'PAID'),
        );
    installmentsVersion = state.benefit!.version;
    const restart = installmentsRestart;
    installmentsRestart = false;
    if (items.length === 0) return;
    installmentsResult = undefined;
    if (restart) installmentsRestarts++;
    installments = await startChild(ClaimInstallmentsWorkflow, {
      workflowId: `${state.claimNumber}/installments-v${state.benefit!.version}${restart ? `-r${installmentsRestarts}` : ''}`,
      args: [{ claimNumber: state.claimNumber, accountId: state.payoutAccount!.accountId, items }],
      parentClosePolicy: 'REQUEST_CANCEL',
    });
    void installments.result().then(
      (r) => {
        installmentsResult = r;
      },
      (err: Error) => {
        // never an unhandled rejection: a child that failed (terminated, timed out) is a stop the claim shows
        installmentsResult = {
          paid: 0,
          cancelled: 0,
          failed: { key: '', type: 'ChildFailed', message: err.message },
        };
      },
    );
    state.installments = { workflowId: installments.workflowId, paid: 0, cancelled: 0, done: false };
    await record('INSTALLMENTS_SCHEDULED', ClaimStage.INSTALLMENTS, 'system', {
      details: { items: items.length, scheduledTotal: state.benefit!.scheduledTotal },
    });
  }

  /** Instalments the child reported paid, into the claim's payments (and its timeline). */
  async function drainInstallments(): Promise<void> {
    for (const e of installmentEvents.splice(0)) {
      state.payments.push({
        key: e.key,
        amount: e.amount,
        idempotencyKey: e.idempotencyKey,
        accountId: e.accountId ?? state.payoutAccount!.accountId,
        status: 'PAID',
        ...(e.payer ? { payer: e.payer } : {}),
      });
      state.paidTotal += e.amount;
      state.installments!.paid++;
      await record('INSTALLMENT_PAID', state.stage, 'system', { details: { ...e } });
    }
  }

  /**
   * The child stopped on a refused instalment (moneySafety). InvalidAccount: the claim waits for a corrected account
   * (then a new approval; the child starts again with it). A ledger or bank refusal: recorded, and the child starts
   * again without that item.
   */
  async function instalmentFailed(failed: NonNullable<InstallmentsResult['failed']>): Promise<void> {
    state.installments = { ...state.installments!, done: true };
    installmentsRestart = true;
    if (failed.type === 'InvalidAccount') return accountInvalid(failed.message);
    if (failed.key) refusedInstalments.add(failed.key);
    await record('PAYMENT_REFUSED', ClaimStage.INSTALLMENTS, 'system', {
      reason: failed.message,
      details: { lineKey: failed.key, by: failed.type },
      assignee: { role: approverRole() },
    });
    await startInstallments();
  }

  async function stopAllInstallments(): Promise<void> {
    if (!installments || state.installments?.done) return;
    await getExternalWorkflowHandle(installments.workflowId).signal(stopInstallmentsSignal, {
      codes: ['*'],
      after: '0000-01-01',
    });
  }

  /** Accident → death: JKK death benefits in place; what was paid stays paid (payments are keyed by line). */
  async function escalateToDeath(): Promise<void> {
    const d = pendingDeath!;
    pendingDeath = undefined;
    state.diedOn = d.deathDate;
    if (installments && !state.installments?.done) {
      await getExternalWorkflowHandle(installments.workflowId).signal(stopInstallmentsSignal, {
        codes: ['STMB'],
        after: d.deathDate,
      });
    }
    const from = state.determination;
    state.determination = 'JKK_DEATH';
    state.approvals = [];
    delete state.documentsCompleteOn;
    delete state.paymentDeadline;
    state.paymentDeadlineMissed = false;
    openChecklist();
    await record('ESCALATED_TO_DEATH', ClaimStage.DOCUMENTS, d.reportedBy, {
      reason: `the worker died on ${d.deathDate}`,
      details: { from, to: 'JKK_DEATH', alreadyPaid: state.paidTotal },
      assignee: { role: 'FAMILY' },
    });
    await dbActs.recordDocuments({ claimNumber: state.claimNumber, documents: state.documents });
    await notify('FAMILY', 'DOCUMENTS_REQUESTED', { documents: state.documents.map((x) => x.code) });
  }

  // ------------------------------------------------------------------ the process

  await record('REPORTED', ClaimStage.REPORTED, 'system', {
    ...(lateReport ? { reason: 'LATE_FIRST_REPORT' } : {}),
    ...(lateReport ? { details: { consequence: LATE_REPORT_CONSEQUENCE } } : {}),
  });
  if (input.reopenOf && !terminal()) {
    await record('REOPENED', ClaimStage.REPORTED, input.reopenOf.actor, {
      reason: input.reopenOf.reason,
      details: { reopenOf: input.reopenOf.claimNumber },
    });
  }
  started = true;
  if (!terminal()) {
    await record('COVERAGE_CHECK_STARTED', ClaimStage.COVERAGE_CHECK, 'system');
    state.coverage = await dbActs.checkCoverage({
      claimNumber: state.claimNumber,
      program: input.incidentType === 'DEATH' ? 'JKM' : 'JKK',
    });
  }
  if (!terminal()) {
    if (state.coverage!.outcome === 'COVERED') {
      await record('AWAITING_VERIFICATION', ClaimStage.AWAITING_VERIFICATION, 'system', {
        details: { coverage: 'COVERED' },
        assignee: { role: 'BPJS_OFFICER' },
      });
    } else {
      await record('COVERAGE_REVIEW_REQUIRED', ClaimStage.COVERAGE_REVIEW, 'system', {
        reason: state.coverage!.outcome,
        details: { coverage: state.coverage!.outcome, reasons: state.coverage!.reasons.map((r) => r.code) },
        assignee: { role: 'BPJS_OFFICER' },
      });
    }
  }

  for (;;) {
    if (terminal()) break;
    if (deathReady()) {
      const s = state.stage;
      if (
        s === ClaimStage.AWAITING_VERIFICATION ||
        s === ClaimStage.INFO_REQUESTED ||
        s === ClaimStage.COVERAGE_REVIEW
      ) {
        // not yet determined: the death is taken into account when the officer verifies
        state.diedOn = pendingDeath!.deathDate;
        pendingDeath = undefined;
        continue;
      }
      if (s !== ClaimStage.PAYOUT && state.track === 'BPJS' && state.determination === 'JKK_ACCIDENT') {
        await escalateToDeath();
        continue;
      }
      if (s !== ClaimStage.PAYOUT) pendingDeath = undefined; // not applicable (KPU track or already a death)
    }
    switch (state.stage) {
      case ClaimStage.DOCUMENTS:
        await documentsStage();
        break;
      case ClaimStage.PAYOUT:
        await payout();
        break;
      case ClaimStage.PAID: {
        const running = installments && !installmentsResult;
        if (running) {
          await record('INSTALLMENTS_CONTINUE', ClaimStage.INSTALLMENTS, 'system');
        } else if (
          state.benefit!.scheduled.some((s) => s.amount > 0) &&
          (installmentsVersion !== state.benefit!.version ||
            (moneySafety && installmentsRestart && unpaidScheduled().length > 0))
        ) {
          await startInstallments();
          if (!installmentsResult && installments && state.stage === ClaimStage.PAID) continue;
        } else {
          await record('CLOSED', ClaimStage.CLOSED, 'system', { assignee: null });
        }
        break;
      }
      case ClaimStage.INSTALLMENTS: {
        await condition(
          () => !!installmentsResult || deathReady() || installmentEvents.length > 0 || terminal(),
        );
        if (moneySafety) {
          await drainInstallments();
        } else {
          for (const e of installmentEvents.splice(0)) {
            state.payments.push({ ...e, accountId: state.payoutAccount!.accountId, status: 'PAID' });
            state.paidTotal += e.amount;
            state.installments!.paid++;
            await record('INSTALLMENT_PAID', ClaimStage.INSTALLMENTS, 'system', { details: { ...e } });
          }
        }
        if (
          moneySafety &&
          installmentsResult &&
          installmentEvents.length === 0 &&
          !deathReady() &&
          !terminal()
        ) {
          if (installmentsResult.failed) {
            await instalmentFailed(installmentsResult.failed);
            break;
          }
          if (installmentsRestart && unpaidScheduled().length > 0) {
            // stopped for a payee change that is approved now: the rest is paid to the new payee
            await startInstallments();
            break;
          }
        }
        if (installmentsResult && installmentEvents.length === 0 && !deathReady() && !terminal()) {
          state.installments = {
            ...state.installments!,
            cancelled: installmentsResult.cancelled,
            done: true,
          };
          await record('CLOSED', ClaimStage.CLOSED, 'system', {
            details: { installments: installmentsResult },
            assignee: null,
          });
        }
        break;
      }
      default:
        await waitForStep(state.stage);
    }
  }
  // the last Update's projection must finish before the workflow completes
  await condition(allHandlersFinished);
  return state;
}
