import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { InquireAccountRequest, TransferRequest, TransferResult } from '@sigap/workflows';
import { ApplicationFailure } from '@temporalio/common';
import { DataSource } from 'typeorm';
import { decryptField, encryptField, maskAccount } from './account-crypto';
import { PAYMENT_GATEWAY, type BankAccountRef, type PaymentGateway } from './payment-gateway';

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

  async transfer(req: TransferRequest): Promise<TransferResult> {
    const [done] = await this.ds.query(
      `INSERT INTO claim_payment (idempotency_key, claim_number, line_key, account_id, amount, payer, status, attempts)
       VALUES ($1, $2, $3, $4, $5, $6, 'REQUESTED', 1)
       ON CONFLICT (idempotency_key) DO UPDATE SET attempts = claim_payment.attempts + 1, updated_at = now()
       RETURNING status, bank_transfer_id`,
      [req.idempotencyKey, req.claimNumber, req.lineKey, req.accountId, req.amount, req.payer],
    );
    if (done.status === 'COMPLETED') {
      return { status: 'COMPLETED', bankTransferId: done.bank_transfer_id, replayed: true };
    }
    const acc = await this.account(req.claimNumber, req.accountId);
    const r = await this.bank.transfer({
      idempotencyKey: req.idempotencyKey,
      amount: req.amount,
      account: acc,
      reference: `${req.claimNumber} ${req.lineKey}`.slice(0, 80),
    });
    if (r.kind === 'INVALID_ACCOUNT') {
      await this.ds.query(
        `UPDATE claim_payment SET status = 'INVALID_ACCOUNT', updated_at = now() WHERE idempotency_key = $1`,
        [req.idempotencyKey],
      );
      throw ApplicationFailure.nonRetryable(r.reason, 'InvalidAccount');
    }
    await this.ds.query(
      `UPDATE claim_payment SET status = 'COMPLETED', bank_transfer_id = $2, updated_at = now() WHERE idempotency_key = $1`,
      [req.idempotencyKey, r.bankTransferId],
    );
    return { status: 'COMPLETED', bankTransferId: r.bankTransferId, replayed: r.replayed };
  }
}
