import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { InquireAccountRequest, TransferRequest, TransferResult } from '@sigap/workflows';
import { ApplicationFailure } from '@temporalio/common';
import { DataSource } from 'typeorm';
import { decryptField, encryptField, maskAccount } from './account-crypto';
import { itemKeyOf } from '@sigap/workflows';
import { deathBenefitKey, judgeTransfer } from './ledger';
import {
  BankRejectedError,
  PAYMENT_GATEWAY,
  type BankAccountRef,
  type PaymentGateway,
} from './payment-gateway';

export interface RegisterAccountCommand {
  claimNumber: string;
  bankCode: string;
  accountNumber: string;
  holderName: string;
  registeredBy: string;
}

/**
 * Payments activities. The account is read from PostgreSQL by id (the workflow never sees the number). Each
 * transfer is recorded in claim_payment under the workflow's idempotency key before the bank is called, and the
 * bank de-duplicates on the same key: a retry after a crash, a time-out or a lost response never pays twice.
 */
@Injectable()
export class PaymentsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(PAYMENT_GATEWAY) private readonly bank: PaymentGateway,
  ) {}

  async registerAccount(cmd: RegisterAccountCommand): Promise<{ accountId: string; masked: string }> {
    if (!/^\d{6,20}$/.test(cmd.accountNumber)) throw new Error('accountNumber must be 6 to 20 digits');
    const masked = maskAccount(cmd.bankCode, cmd.accountNumber);
    const [row] = await this.ds.query(
      `INSERT INTO claim_bank_account (claim_number, bank_code, account_number_enc, holder_name_enc, masked, registered_by)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [
        cmd.claimNumber,
        cmd.bankCode,
        encryptField(cmd.accountNumber),
        encryptField(cmd.holderName),
        masked,
        cmd.registeredBy,
      ],
    );
    return { accountId: row.id, masked };
  }

  private async account(claimNumber: string, accountId: string): Promise<BankAccountRef> {
    const [row] = await this.ds.query(
      `SELECT bank_code, account_number_enc, holder_name_enc FROM claim_bank_account WHERE id = $1 AND claim_number = $2`,
      [accountId, claimNumber],
    );
    if (!row)
      throw ApplicationFailure.nonRetryable(
        `account ${accountId} is not registered for ${claimNumber}`,
        'InvalidAccount',
      );
    return {
      bankCode: row.bank_code,
      accountNumber: decryptField(row.account_number_enc),
      holderName: decryptField(row.holder_name_enc),
    };
  }

  async inquireAccount({
    claimNumber,
    accountId,
  }: InquireAccountRequest): Promise<{ valid: boolean; reason?: string }> {
    const acc = await this.account(claimNumber, accountId);
    const r = await this.bank.inquire({ bankCode: acc.bankCode, accountNumber: acc.accountNumber });
    return r.valid ? { valid: true } : { valid: false, reason: r.reason };
  }

  /**
   * One transfer, at least once. Under the claim's row lock, before the bank is called, the ledger checks its
   * invariants (docs/claims.md "Money invariants") and records the request: at most one completed or in-flight
   * transfer per incident and item and per worker and death benefit (unique indexes), only to the payee the last
   * approval designated, and never more per payer than that approval committed. A refusal is non-retryable
   * (`LedgerRefused`) and the bank is not called. A retry of a completed transfer answers its result again.
   */
  async transfer(req: TransferRequest): Promise<TransferResult> {
    const itemKey = req.itemKey ?? itemKeyOf(req.lineKey);
    const ledger = await this.request(req, itemKey);
    if (ledger.status === 'COMPLETED') {
      return { status: 'COMPLETED', bankTransferId: ledger.bankTransferId!, replayed: true };
    }
    const acc = await this.account(req.claimNumber, req.accountId);
    let r: Awaited<ReturnType<PaymentGateway['transfer']>>;
    try {
      r = await this.bank.transfer({
        idempotencyKey: req.idempotencyKey,
        amount: req.amount,
        account: acc,
        reference: `${req.claimNumber} ${req.lineKey}`.slice(0, 80),
      });
    } catch (err) {
      if (err instanceof BankRejectedError) {
        await this.setStatus(req.idempotencyKey, 'BANK_REJECTED');
        throw ApplicationFailure.nonRetryable(err.message, 'BankRejected');
      }
      throw err;
    }
    if (r.kind === 'INVALID_ACCOUNT') {
      await this.setStatus(req.idempotencyKey, 'INVALID_ACCOUNT');
      throw ApplicationFailure.nonRetryable(r.reason, 'InvalidAccount');
    }
    await this.ds.query(
      `UPDATE claim_payment SET status = 'COMPLETED', bank_transfer_id = $2, updated_at = now() WHERE idempotency_key = $1`,
      [req.idempotencyKey, r.bankTransferId],
    );
    return { status: 'COMPLETED', bankTransferId: r.bankTransferId, replayed: r.replayed };
  }

  private setStatus(idempotencyKey: string, status: 'INVALID_ACCOUNT' | 'BANK_REJECTED') {
    return this.ds.query(
      `UPDATE claim_payment SET status = $2, updated_at = now() WHERE idempotency_key = $1 AND status = 'REQUESTED'`,
      [idempotencyKey, status],
    );
  }

  /** The ledger half of transfer(): checks and records the request in one transaction. */
  private async request(
    req: TransferRequest,
    itemKey: string,
  ): Promise<{ status: string; bankTransferId?: string }> {
    try {
      return await this.ds.transaction(async (m) => {
        const [claim] = await m.query(
          `SELECT c.incident_id, i.worker_nik FROM claim c JOIN incident i ON i.id = c.incident_id
            WHERE c.claim_number = $1 FOR UPDATE OF c`,
          [req.claimNumber],
        );
        if (!claim) throw refused(`claim ${req.claimNumber} does not exist`);
        const [prior] = await m.query(
          `SELECT status, bank_transfer_id, amount::text AS amount, account_id, line_key
             FROM claim_payment WHERE idempotency_key = $1`,
          [req.idempotencyKey],
        );
        if (prior) {
          if (
            Number(prior.amount) !== req.amount ||
            prior.account_id !== req.accountId ||
            prior.line_key !== req.lineKey
          ) {
            throw refused('the idempotency key was already used for a different transfer');
          }
          if (prior.status === 'COMPLETED')
            return { status: 'COMPLETED', bankTransferId: prior.bank_transfer_id };
        }
        const [approved] = await m.query(
          `SELECT after -> 'approval' AS commitment FROM claim_event
            WHERE claim_number = $1 AND type = 'APPROVED' ORDER BY seq DESC LIMIT 1`,
          [req.claimNumber],
        );
        const live = await m.query(
          `SELECT payer, sum(amount)::bigint AS total FROM claim_payment
            WHERE claim_number = $1 AND status IN ('REQUESTED', 'COMPLETED') AND idempotency_key <> $2
            GROUP BY payer`,
          [req.claimNumber, req.idempotencyKey],
        );
        const verdict = judgeTransfer(
          req,
          { approved: !!approved, ...(approved?.commitment ? { commitment: approved.commitment } : {}) },
          Object.fromEntries(live.map((l: { payer: string; total: string }) => [l.payer, Number(l.total)])),
        );
        if (!verdict.ok) throw refused(verdict.reason);
        // a retry after INVALID_ACCOUNT or BANK_REJECTED asks again: the row is back in flight (and in the indexes)
        await m.query(
          `INSERT INTO claim_payment (idempotency_key, claim_number, line_key, account_id, amount, payer, status,
                                      attempts, incident_id, item_key, worker_nik, worker_key)
           VALUES ($1, $2, $3, $4, $5, $6, 'REQUESTED', 1, $7, $8, $9, $10)
           ON CONFLICT (idempotency_key) DO UPDATE
             SET attempts = claim_payment.attempts + 1, status = 'REQUESTED', updated_at = now()`,
          [
            req.idempotencyKey,
            req.claimNumber,
            req.lineKey,
            req.accountId,
            req.amount,
            req.payer,
            claim.incident_id,
            itemKey,
            claim.worker_nik,
            deathBenefitKey(itemKey) ?? null,
          ],
        );
        return { status: 'REQUESTED' };
      });
    } catch (err) {
      const constraint = (err as { constraint?: string }).constraint;
      if (constraint === 'claim_payment_item_once') {
        throw refused(`${itemKey} of this incident was already paid or is being paid`);
      }
      if (constraint === 'claim_payment_death_once') {
        throw refused(`this worker's ${deathBenefitKey(itemKey)} was already paid or is being paid`);
      }
      if (constraint === 'claim_payment_account_id_fkey') {
        throw ApplicationFailure.nonRetryable(
          `account ${req.accountId} is not registered for ${req.claimNumber}`,
          'InvalidAccount',
        );
      }
      throw err;
    }
  }
}

/** A transfer the ledger refuses: non-retryable, and the bank was not called. */
function refused(reason: string): ApplicationFailure {
  return ApplicationFailure.nonRetryable(`ledger refused the transfer: ${reason}`, 'LedgerRefused');
}
