import { ClaimStage, type ClaimState, type WithdrawCommand } from '../types';
import { refuse, requireReason } from './refusal';

/** Anything paid on this claim: a completed transfer of a line, the penalty or an instalment. */
export function anythingPaid(state: Pick<ClaimState, 'payments' | 'paidTotal' | 'installments'>): boolean {
  return (
    state.paidTotal > 0 ||
    state.payments.some((p) => p.status === 'PAID') ||
    (state.installments?.paid ?? 0) > 0
  );
}

/**
 * Withdrawal: a reason; never while money moves (PAYOUT, PAID, INSTALLMENTS); and (moneySafety) never once anything
 * was paid, in any stage: a withdrawn claim can be reopened, and the reopened claim must not pay again.
 */
export function validateWithdraw(
  state: Pick<ClaimState, 'stage' | 'payments' | 'paidTotal' | 'installments'>,
  cmd: WithdrawCommand,
  ctx: { moneySafety: boolean },
): void {
  requireReason(cmd.reason, 'withdraw a claim');
  if (([ClaimStage.PAYOUT, ClaimStage.PAID, ClaimStage.INSTALLMENTS] as ClaimStage[]).includes(state.stage)) {
    refuse(
      'NotAllowedInStage',
      `a claim in ${state.stage} cannot be withdrawn: money has moved or is moving`,
    );
  }
  if (ctx.moneySafety && anythingPaid(state)) {
    refuse(
      'NotAllowedInStage',
      `a claim on which money was already paid (Rp${state.paidTotal}) cannot be withdrawn: it stays open so that ` +
        'nothing is paid twice; correct it instead',
    );
  }
}
