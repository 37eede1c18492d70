/** Stages of a claim (docs/claims.md draws the state machine). */
export const ClaimStage = {
  REPORTED: 'REPORTED',
  COVERAGE_CHECK: 'COVERAGE_CHECK',
  /** coverage is NOT_COVERED / OUTSIDE_TERM / NO_RECORD: an officer confirms (→ KPU santunan) or overrides */
  COVERAGE_REVIEW: 'COVERAGE_REVIEW',
  AWAITING_VERIFICATION: 'AWAITING_VERIFICATION',
  /** the officer asked the reporter for more information; the claim waits for the answer */
  INFO_REQUESTED: 'INFO_REQUESTED',
  DOCUMENTS: 'DOCUMENTS',
  BENEFIT_PROPOSAL: 'BENEFIT_PROPOSAL',
  AWAITING_APPROVAL: 'AWAITING_APPROVAL',
  PAYOUT: 'PAYOUT',
  /** the account inquiry or a transfer said the account is invalid: waits for a corrected account */
  ACCOUNT_INVALID: 'ACCOUNT_INVALID',
  /** the bank's holder name does not match the heir or the worker: an officer accepts it (with a reason) or not */
  PAYEE_REVIEW: 'PAYEE_REVIEW',
  PAID: 'PAID',
  /** paid now; scholarship / STMB installments continue in a child workflow */
  INSTALLMENTS: 'INSTALLMENTS',
  CLOSED: 'CLOSED',
  REJECTED: 'REJECTED',
  WITHDRAWN: 'WITHDRAWN',
} as const;
export type ClaimStage = (typeof ClaimStage)[keyof typeof ClaimStage];

export const TERMINAL_STAGES: readonly ClaimStage[] = [
  ClaimStage.CLOSED,
  ClaimStage.REJECTED,
  ClaimStage.WITHDRAWN,
];

/** BPJS (JKK/JKM, BPJS approves and pays) or the KPU santunan track (KPU schedule, KPU approver, KPU pays). */
export type ClaimTrack = 'BPJS' | 'KPU_SANTUNAN';

/** What the verification decided the case is. */
export type Determination = 'JKM_DEATH' | 'JKK_DEATH' | 'JKK_ACCIDENT' | 'KPU_DEATH' | 'KPU_INJURY';

export type ActorRole = 'BPJS_OFFICER' | 'BPJS_SUPERVISOR' | 'KPU_APPROVER' | 'REPORTER' | 'FAMILY';

/**
 * Durations and thresholds of the process: policy, not constants. Every field can be set per claim through the
 * workflow input (tests use the defaults with a time-skipping server).
 */
export interface ClaimPolicy {
  /** silence (no document activity) after which the reporter/family is reminded: default 3, 7, 14 days */
  documentReminderAfterMs: number[];
  /** silence after which the documents stage is escalated to a supervisor: default 30 days */
  documentEscalationAfterMs: number;
  /** benefit totals above this (integer rupiah) need a second approver */
  secondApprovalAboveRupiah: number;
  /**
   * The late-payment penalty an approval commits beyond the benefit, in percent of line + scheduled items: the
   * penalty is 1% of the benefit per day late (PP 44/2015 Pasal 37(3) JKK, Pasal 40(3) JKM; facts.md "Payment
   * deadlines"), so 10 = ten days late at most. The penalty paid never exceeds it.
   */
  penaltyAllowancePercent: number;
}

export const DAY_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_CLAIM_POLICY: Readonly<ClaimPolicy> = Object.freeze({
  documentReminderAfterMs: [3 * DAY_MS, 7 * DAY_MS, 14 * DAY_MS],
  documentEscalationAfterMs: 30 * DAY_MS,
  secondApprovalAboveRupiah: 100_000_000,
  penaltyAllowancePercent: 10,
});

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
  policy?: Partial<ClaimPolicy>;
  /** a reopened claim: the original claim number and why it was reopened */
  reopenOf?: { claimNumber: string; reason: string; actor: string };
}

export interface ClaimTimelineEntry {
  seq: number;
  type: string;
  stage: ClaimStage;
  actor: string;
  reason?: string;
  at: string;
}

/** Coverage as the workflow sees it: outcome and benefit facts, never the NIK or the participant number. */
export interface CoverageSummary {
  outcome: 'COVERED' | 'NOT_COVERED' | 'OUTSIDE_TERM' | 'NO_RECORD';
  program: 'JKK' | 'JKM';
  wageBase: number | null;
  wageBaseSource: 'HONORARIUM' | 'UMP' | null;
  contributionMonths: number;
  organisation: 'KPU' | 'BAWASLU' | null;
  termStart: string | null;
  termEnd: string | null;
  reasons: { code: string; message: string }[];
}

export type DocumentStatus = 'MISSING' | 'UPLOADED' | 'ACCEPTED' | 'REJECTED';

export interface DocumentState {
  code: string;
  label: string;
  requirement: 'REQUIRED' | 'CONDITIONAL';
  supplier: string;
  status: DocumentStatus;
  /** the upload waiting for review / last reviewed (its row in claim_document_upload holds who, when, checksum) */
  uploadId?: string;
  uploads: number;
  reason?: string;
}

/** Facts the benefit calculation needs beyond coverage (set by the officer's proposal). */
export interface BenefitFacts {
  /** JKK accident outcome (laporan tahap II) */
  outcome?: 'RECOVERED' | 'STILL_IN_TREATMENT' | 'TOTAL_DISABILITY';
  stmb?: { from: string; to: string };
  medicalCosts?: { description: string; amount: number }[];
  transport?: { mode: 'LAND' | 'SEA' | 'AIR'; amount: number }[];
  children?: { id?: string; birthDate: string; schoolLevel: string; yearInLevel?: number }[];
  /** KPU santunan event for an injury */
  kpuEvent?: 'PERMANENT_DISABILITY' | 'SERIOUS_INJURY' | 'MODERATE_INJURY';
  disabilityPercent?: number;
}

export interface BenefitAdjustment {
  /** line key, e.g. TRANSPORT:LAND or MEDICAL_CARE */
  key: string;
  amount: number;
  reason: string;
}

export interface BenefitLine {
  /** code, or code:ref when the code repeats; the payment of a line is keyed by it */
  key: string;
  code: string;
  label: string;
  amount: number;
  payer: string;
  ref?: string;
  calculatedAmount?: number;
  adjustmentReason?: string;
}

export interface ScheduledLine extends BenefitLine {
  dueDate: string;
}

export interface BenefitSummary {
  version: number;
  determination: Determination;
  ruleSet: string;
  lineItems: BenefitLine[];
  scheduled: ScheduledLine[];
  total: number;
  scheduledTotal: number;
  notes: string[];
}

export interface PaymentState {
  key: string;
  amount: number;
  idempotencyKey: string;
  accountId: string;
  /** REFUSED: the ledger or the bank refused the transfer (nothing moved); recorded as PAYMENT_REFUSED */
  status: 'PENDING' | 'PAID' | 'INVALID_ACCOUNT' | 'REFUSED';
  /** who pays it (absent on payments of workflows started before the ledger checked it) */
  payer?: string;
  /** the late-payment penalty this line owes, fixed when it was paid (moneySafety; core/penalty.ts) */
  penaltyDue?: number;
  bankTransferId?: string;
  paidAt?: string;
  /** settlement confirmed by the bank's callback signal */
  settled?: boolean;
}

export interface ClaimState {
  claimNumber: string;
  stage: ClaimStage;
  incidentType: 'ACCIDENT' | 'DEATH';
  lateReport: boolean;
  /** the consequence of a late first report, in words */
  lateReportConsequence?: string;
  track: ClaimTrack;
  coverage?: CoverageSummary;
  coverageReview?: {
    actor: string;
    decision: 'CONFIRM_NOT_COVERED' | 'OVERRIDE_COVERED';
    reason: string;
    evidence?: string;
  };
  determination?: Determination;
  /** moneySafety: the libs/domain eligibility check at verification and at approval, reasons with legal basis */
  eligibility?: {
    checkedAt: 'VERIFICATION' | 'APPROVAL';
    eligible: boolean;
    checks: {
      code: string;
      status: 'PASS' | 'FAIL' | 'WARN' | 'NOT_APPLICABLE';
      reason: { id: string; en: string };
      legalBasis: string;
    }[];
  };
  verification?: { actor: string; onDuty: boolean; workRelated?: boolean; reason: string };
  infoRequest?: { askedBy: string; question: string; answer?: string; answeredBy?: string };
  caseFacts: Record<string, boolean>;
  documents: DocumentState[];
  documentsCompleteOn?: string;
  remindersSent: number;
  escalatedToSupervisor: boolean;
  paymentDeadline?: string;
  paymentDeadlineMissed: boolean;
  benefit?: BenefitSummary;
  proposal?: { actor: string; adjustments: BenefitAdjustment[]; facts: BenefitFacts };
  approvals: { actor: string; role: ActorRole }[];
  approvalsRequired: number;
  /** designatedBy: who designated it (moneySafety; the proposer may not) */
  payoutAccount?: { accountId: string; masked: string; designatedBy?: string };
  /** moneySafety: the account an officer accepted after a holder-name mismatch (PAYEE_REVIEW), and why */
  payeeAccepted?: { accountId: string; actor: string; reason: string };
  payments: PaymentState[];
  penalty?: { key: string; amount: number; daysLate: number; deadline: string; paidOn: string };
  paidTotal: number;
  installments?: { workflowId: string; paid: number; cancelled: number; done: boolean };
  diedOn?: string;
  recoveredOn?: string;
  reopenOf?: { claimNumber: string; reason: string };
  assignee?: { role: ActorRole; actor?: string };
  timeline: ClaimTimelineEntry[];
}

// ---- commands (Update arguments). `actor` is the user id; #6 fills it from the authenticated user. ----

export interface WithdrawCommand {
  actor: string;
  reason: string;
}

export interface ReviewCoverageCommand {
  actor: string;
  decision: 'CONFIRM_NOT_COVERED' | 'OVERRIDE_COVERED';
  reason: string;
  /** OVERRIDE_COVERED: reference of the evidence (e.g. a scanned enrolment proof) */
  evidence?: string;
}

export interface VerifyCommand {
  actor: string;
  decision: 'ACCEPT' | 'REJECT' | 'REQUEST_INFO';
  /** ACCEPT: was the worker on duty (KPU/Bawaslu duty, incl. the route to and from it)? */
  onDuty?: boolean;
  /** ACCEPT of a death: caused by work (JKK death, incl. sudden death caused by work) or not (JKM) */
  workRelated?: boolean;
  reason: string;
  /** REQUEST_INFO: the question for the reporter */
  question?: string;
  /** facts that shape the document checklist (roadAccident, heirIsSpouse, ...) */
  caseFacts?: Record<string, boolean>;
}

export interface AnswerInfoCommand {
  actor: string;
  answer: string;
}

export interface ReviewDocumentCommand {
  actor: string;
  documentCode: string;
  decision: 'ACCEPT' | 'REJECT';
  reason?: string;
}

export interface ProposeBenefitCommand {
  actor: string;
  facts?: BenefitFacts;
  adjustments?: BenefitAdjustment[];
  note?: string;
}

export interface ApprovalCommand {
  actor: string;
  role: ActorRole;
  decision: 'APPROVE' | 'SEND_BACK';
  reason?: string;
}

export interface DesignateAccountCommand {
  actor: string;
  /** id of the row in claim_bank_account (the number itself stays in PostgreSQL) */
  accountId: string;
  /** masked form for display, e.g. BNI ******7890 */
  masked: string;
}

/** An officer's decision on an account whose holder name did not match the expected payee. */
export interface ReviewPayeeCommand {
  actor: string;
  /** ACCEPT: pay this account (e.g. the heir's name is spelled differently); REJECT_ACCOUNT: a new one is needed */
  decision: 'ACCEPT' | 'REJECT_ACCOUNT';
  reason: string;
}

export interface ReportRecoveryCommand {
  actor: string;
  recoveredOn: string;
  reason: string;
}

// ---- signals ----

export interface DocumentUploadedSignal {
  documentCode: string;
  uploadId: string;
  uploadedBy: string;
}

export interface WorkerDiedSignal {
  deathDate: string;
  reportedBy: string;
  reason?: string;
}

export interface BankCallbackSignal {
  idempotencyKey: string;
  bankTransferId: string;
  status: 'SETTLED' | 'RETURNED';
}

// ---- activity payloads ----

/** The event an activity projects into the read model; (claimNumber, seq) makes it idempotent. */
export interface ClaimEventProjection {
  claimNumber: string;
  entry: ClaimTimelineEntry;
  lateReport: boolean;
  /** read-model columns after this event */
  readModel?: ClaimReadModel;
  /** audit: the state slice before and after the step */
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
}

export interface ClaimReadModel {
  track: ClaimTrack;
  determination: Determination | null;
  assigneeRole: ActorRole | null;
  assignee: string | null;
  paymentDeadline: string | null;
  documentsCompleteOn: string | null;
  benefitTotal: number | null;
  penaltyTotal: number | null;
  paidTotal: number;
  reopenOf: string | null;
}

export interface CalculateBenefitRequest {
  claimNumber: string;
  determination: Determination;
  incidentDate: string;
  calculationDate: string;
  coverage: CoverageSummary | null;
  reportedLate: boolean;
  deathDate?: string;
  facts: BenefitFacts;
  adjustments: BenefitAdjustment[];
  proposedBy: string | null;
}

export interface InquireAccountRequest {
  claimNumber: string;
  accountId: string;
}

export interface TransferRequest {
  claimNumber: string;
  accountId: string;
  lineKey: string;
  /**
   * The economic benefit item, independent of its due date: `STMB:month-2` whether it was paid as a scheduled
   * instalment or as a line item (see `itemKeyOf`). The ledger allows one completed (or in-flight) transfer per
   * incident and item. Absent on requests of workflows started before it existed: the ledger derives it from lineKey.
   */
  itemKey?: string;
  amount: number;
  payer: string;
  idempotencyKey: string;
}

/**
 * What an inquiry tells the workflow: never the holder name itself (personal data stays out of Temporal payloads);
 * the activity keeps the name the bank returned (encrypted, in claim_bank_account) and compares it with the heir or
 * worker. MISMATCH goes to an officer as an explicit decision; UNKNOWN: the bank returned no name.
 */
export interface InquireAccountResult {
  valid: boolean;
  reason?: string;
  payeeMatch?: 'MATCH' | 'MISMATCH' | 'UNKNOWN';
  /** why it did not match, without the names (e.g. "holder name differs from the heir's name") */
  payeeMatchNote?: string;
}

/**
 * What the last approval committed, written by the workflow into the `after` of its APPROVED event (claim_event), and
 * read by the ledger before every transfer: money goes only to `payeeAccountId`, and per payer at most
 * `committedByPayer[payer]` rupiah (line items + scheduled items + the penalty allowance) in all.
 */
export interface ApprovalCommitment {
  benefitVersion: number;
  payeeAccountId: string;
  committedByPayer: Record<string, number>;
  approvers: string[];
}

export interface TransferResult {
  status: 'COMPLETED';
  bankTransferId: string;
  replayed: boolean;
}

export interface NotificationRequest {
  dedupKey: string;
  claimNumber: string;
  recipientRole: ActorRole;
  template: string;
  data?: Record<string, unknown>;
}

/** An instalment the child paid (accountId and payer: absent from children started before the ledger). */
export interface InstallmentPaid {
  key: string;
  amount: number;
  idempotencyKey: string;
  accountId?: string;
  payer?: string;
}

/**
 * How the instalments child ended. `failed`: a transfer was refused (InvalidAccount, LedgerRefused, BankRejected);
 * the child stopped there, nothing after it was paid, and the claim takes it from there.
 */
export interface InstallmentsResult {
  paid: number;
  cancelled: number;
  failed?: { key: string; type: string; message: string };
}

export interface InstallmentsInput {
  claimNumber: string;
  accountId: string;
  items: ScheduledLine[];
  /** codes stopped from a date on (recovery stops STMB; death stops STMB) */
  stops?: { codes: string[]; after: string }[];
  paid?: number;
  cancelled?: number;
}
