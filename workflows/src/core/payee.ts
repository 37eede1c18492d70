import { ClaimStage, type ClaimState, type DesignateAccountCommand, type ReviewPayeeCommand } from '../types';
import { refuse, requireReason } from './refusal';

type PayeeState = Pick<ClaimState, 'stage' | 'payoutAccount' | 'proposal' | 'approvals'>;

/**
 * Designating the payout account. Never while money moves (PAYOUT, PAID); never the account already designated; and
 * (moneySafety) never by the officer who proposed the benefit: one user does not both decide the amount and where it
 * goes (four-eyes).
 */
export function validateDesignate(
  state: PayeeState,
  cmd: DesignateAccountCommand,
  ctx: { moneySafety: boolean },
): void {
  if (typeof cmd.accountId !== 'string' || !/^[0-9a-f-]{36}$/.test(cmd.accountId)) {
    refuse('InvalidCommand', 'accountId must be the id of a registered bank account');
  }
  if (typeof cmd.masked !== 'string' || /\d{5,}/.test(cmd.masked)) {
    refuse('InvalidCommand', 'masked must be the masked account (never the full number)');
  }
  if (state.stage === ClaimStage.PAYOUT || state.stage === ClaimStage.PAID) {
    refuse('NotAllowedInStage', `the account cannot change during ${state.stage}`);
  }
  if (cmd.accountId === state.payoutAccount?.accountId) {
    refuse('InvalidCommand', 'this account is already the payout account');
  }
  if (ctx.moneySafety && state.proposal && cmd.actor === state.proposal.actor) {
    refuse('FourEyes', 'four-eyes: the officer who proposed the benefit cannot designate the payee');
  }
}

/** Proposing (moneySafety): not by the user who designated the payee (four-eyes, the other way round). */
export function validateProposer(state: PayeeState, actor: string, ctx: { moneySafety: boolean }): void {
  if (ctx.moneySafety && state.payoutAccount?.designatedBy === actor) {
    refuse('FourEyes', 'four-eyes: the user who designated the payee cannot propose the benefit');
  }
}

export interface DesignateOutcome {
  event: 'PAYOUT_ACCOUNT_DESIGNATED' | 'PAYOUT_ACCOUNT_CORRECTED';
  stage: ClaimStage;
  /** approvals given so far no longer count: they approved another payee */
  resetApprovals: boolean;
  /** the instalments child pays the old account: stop it; it restarts with the new one after the new approval */
  stopInstallments: boolean;
}

/**
 * What a designation does. moneySafety: a payee change after any approval (between a first and a second approval,
 * the correction of an invalid account, a change during instalments) resets the approvals and returns the claim to
 * AWAITING_APPROVAL; money goes only to a payee designated before the last approval. Before: a correction went
 * straight back to PAYOUT and approvals stayed.
 */
export function designateOutcome(state: PayeeState, ctx: { moneySafety: boolean }): DesignateOutcome {
  const corrected = state.stage === ClaimStage.ACCOUNT_INVALID;
  const event = corrected ? 'PAYOUT_ACCOUNT_CORRECTED' : 'PAYOUT_ACCOUNT_DESIGNATED';
  if (!ctx.moneySafety) {
    return {
      event,
      stage: corrected ? ClaimStage.PAYOUT : state.stage,
      resetApprovals: false,
      stopInstallments: false,
    };
  }
  const afterApproval =
    corrected || state.stage === ClaimStage.INSTALLMENTS || state.stage === ClaimStage.PAYEE_REVIEW;
  if (afterApproval) {
    return {
      event,
      stage: ClaimStage.AWAITING_APPROVAL,
      resetApprovals: true,
      stopInstallments: state.stage === ClaimStage.INSTALLMENTS,
    };
  }
  return {
    event,
    stage: state.stage,
    resetApprovals: state.stage === ClaimStage.AWAITING_APPROVAL && state.approvals.length > 0,
    stopInstallments: false,
  };
}

/**
 * An officer's decision on a holder-name mismatch: only in PAYEE_REVIEW, ACCEPT or REJECT_ACCOUNT, always with a
 * reason, and never by the user who designated the account (four-eyes).
 */
export function validatePayeeReview(
  state: Pick<ClaimState, 'stage' | 'payoutAccount'>,
  cmd: ReviewPayeeCommand,
): void {
  if (state.stage !== ClaimStage.PAYEE_REVIEW) {
    refuse(
      'NotAllowedInStage',
      `not allowed in stage ${state.stage} (allowed in ${ClaimStage.PAYEE_REVIEW})`,
    );
  }
  if (!['ACCEPT', 'REJECT_ACCOUNT'].includes(cmd.decision)) {
    refuse('InvalidCommand', 'decision must be ACCEPT or REJECT_ACCOUNT');
  }
  requireReason(cmd.reason, 'decide on the account holder');
  if (state.payoutAccount?.designatedBy === cmd.actor) {
    refuse('FourEyes', 'four-eyes: the user who designated the account cannot accept its holder name');
  }
}

/** Does this inquiry answer need an officer's decision before money goes to the account? */
export function needsPayeeReview(
  state: Pick<ClaimState, 'payoutAccount' | 'payeeAccepted'>,
  payeeMatch: 'MATCH' | 'MISMATCH' | 'UNKNOWN' | undefined,
): boolean {
  if (payeeMatch === undefined || payeeMatch === 'MATCH') return false;
  return state.payeeAccepted?.accountId !== state.payoutAccount?.accountId;
}
