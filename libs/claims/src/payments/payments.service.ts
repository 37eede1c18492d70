import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { matchPayeeName } from '@sigap/domain';
import type {
  InquireAccountRequest,
  InquireAccountResult,
  TransferRequest,
  TransferResult,
} from '@sigap/workflows';
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

/** The bank refused the request as sent: failing the activity for good (a retry would send the same request). */
function rejectedAsFailure(err: unknown): never {
  if (err instanceof BankRejectedError) throw ApplicationFailure.nonRetryable(err.message, 'BankRejected');
  throw err;
}

/** Who the money is for, and how sure we are of the name: no names in here, only where the name came from. */
type PayeeBasis = 'HEIR' | 'WORKER' | 'HOLDER_AS_REGISTERED';

const BASIS_NOTE: Record<PayeeBasis, string> = {
  HEIR: 'compared with the heir as registered',
  WORKER: "compared with the worker's name in the roster",
  HOLDER_AS_REGISTERED: 'compared with the holder name as registered (the worker is not in the roster)',
};

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

  /**
   * Asks the bank about the account and checks that it belongs to who should be paid. The holder name the bank
   * returns is kept encrypted (`bank_holder_name_enc`) with the comparison (`payee_match`) and the time
   * (`inquired_at`); the workflow learns only MATCH / MISMATCH / UNKNOWN and a note without names.
   *
   * Who should be paid: the heir for a death (the incident is a DEATH, or the claim was determined as a death,
   * JKM* / *_DEATH, e.g. an accident that ended in death): the holder name the family typed at registration;
   * otherwise the worker, by the roster's full name (the typed holder name when the worker is not in the roster).
   */
  async inquireAccount({ claimNumber, accountId }: InquireAccountRequest): Promise<InquireAccountResult> {
    const [row] = await this.ds.query(
      `SELECT a.bank_code, a.account_number_enc, a.holder_name_enc,
              COALESCE(i.incident_type = 'DEATH' OR c.determination LIKE 'JKM%'
                       OR c.determination IN ('JKK_DEATH', 'KPU_DEATH'), false) AS death,
              w.full_name AS worker_name
         FROM claim_bank_account a
         JOIN claim c ON c.claim_number = a.claim_number
         JOIN incident i ON i.id = c.incident_id
         LEFT JOIN adhoc_worker w ON w.nik = i.worker_nik::bigint
        WHERE a.id = $1 AND a.claim_number = $2`,
      [accountId, claimNumber],
    );
    if (!row)
      throw ApplicationFailure.nonRetryable(
        `account ${accountId} is not registered for ${claimNumber}`,
        'InvalidAccount',
      );
    const r = await this.bank
      .inquire({ bankCode: row.bank_code, accountNumber: decryptField(row.account_number_enc) })
      .catch(rejectedAsFailure);
    if (!r.valid) {
      await this.ds.query(
        `UPDATE claim_bank_account SET bank_holder_name_enc = NULL, payee_match = NULL, inquired_at = now()
          WHERE id = $1`,
        [accountId],
      );
      return { valid: false, reason: r.reason };
    }
    const typed = decryptField(row.holder_name_enc);
    const basis: PayeeBasis = row.death ? 'HEIR' : row.worker_name ? 'WORKER' : 'HOLDER_AS_REGISTERED';
    const expected: string = basis === 'WORKER' ? row.worker_name : typed;
    const holder = r.holderName.trim();
    const check = holder
      ? matchPayeeName(holder, expected)
      : { match: 'UNKNOWN' as const, note: 'the bank returned no holder name' };
    await this.ds.query(
      `UPDATE claim_bank_account SET bank_holder_name_enc = $2, payee_match = $3, inquired_at = now()
        WHERE id = $1`,
      [accountId, holder ? encryptField(holder) : null, check.match],
    );
    return check.match === 'MATCH'
      ? { valid: true, payeeMatch: 'MATCH' }
      : {
          valid: true,
          payeeMatch: check.match,
          payeeMatchNote: `${check.note ?? 'holder name differs from the expected payee'}; ${BASIS_NOTE[basis]}`,
        };
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
