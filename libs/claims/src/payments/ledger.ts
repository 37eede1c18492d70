import type { ApprovalCommitment, TransferRequest } from '@sigap/workflows';

/**
 * The ledger's rules, as pure functions (PaymentsService.transfer applies them under the claim's row lock, before
 * the bank is called; the unique indexes of migration PaymentLedger hold the first two even against a bug here).
 */

/** Codes of death benefits a worker can receive once per programme, whatever the incident or claim. */
const DEATH_BENEFIT_GROUP: Record<string, string> = {
  // a death is either a work accident (JKK) or not (JKM): one BPJS death benefit
  JKM_LUMP_SUM: 'BPJS_DEATH',
  JKK_DEATH: 'BPJS_DEATH',
  JKM_PERIODIC: 'BPJS_DEATH_PERIODIC',
  JKK_PERIODIC: 'BPJS_DEATH_PERIODIC',
  JKM_FUNERAL: 'BPJS_FUNERAL',
  JKK_FUNERAL: 'BPJS_FUNERAL',
  KPU_DEATH: 'KPU_DEATH',
  KPU_FUNERAL: 'KPU_FUNERAL',
};

/**
 * The worker-level key of an item that may be paid once per worker (SQL twin in migration PaymentLedger): the BPJS
 * death benefit, periodic benefit and funeral cost (JKM or JKK), each child's scholarship year, the KPU death
 * santunan and funeral. Undefined for items that belong to one incident only (STMB, medical care, disability, …).
 */
export function deathBenefitKey(itemKey: string): string | undefined {
  const code = itemKey.split(':')[0];
  if (code === 'SCHOLARSHIP') return itemKey;
  return DEATH_BENEFIT_GROUP[code];
}

export type LedgerVerdict = { ok: true } | { ok: false; reason: string };

/** What the ledger already holds for the claim: per payer, Σ amount of completed and in-flight transfers. */
export type LiveTotals = Record<string, number>;

/**
 * May this transfer be requested? (The per-item and per-worker uniqueness is the indexes' job.)
 * - the latest approval designated the account (money goes only to the payee approved last);
 * - Σ completed + in flight + this amount ≤ what the approval committed for the payer.
 * `approval` undefined: the claim was approved by a workflow started before approvals carried their commitment;
 * only the uniqueness invariants apply to it. `approved` false: no approval at all.
 */
export function judgeTransfer(
  req: Pick<TransferRequest, 'accountId' | 'amount' | 'payer'>,
  approval: { approved: boolean; commitment?: ApprovalCommitment },
  live: LiveTotals,
): LedgerVerdict {
  if (!Number.isSafeInteger(req.amount) || req.amount <= 0) {
    return { ok: false, reason: `amount must be a positive whole number of rupiah, got ${req.amount}` };
  }
  if (!approval.approved) return { ok: false, reason: 'the claim has no approval: nothing may be paid' };
  const c = approval.commitment;
  if (!c) return { ok: true };
  if (req.accountId !== c.payeeAccountId) {
    return { ok: false, reason: 'the account is not the payee designated before the last approval' };
  }
  const committed = c.committedByPayer[req.payer] ?? 0;
  const after = (live[req.payer] ?? 0) + req.amount;
  if (after > committed) {
    return {
      ok: false,
      reason: `${req.payer} would pay Rp${after} in all on this claim; the approval committed Rp${committed}`,
    };
  }
  return { ok: true };
}
