import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The payee check: what the bank said about the account at the last inquiry. `bank_holder_name_enc` is the holder
 * name the bank returned (AES-256-GCM like the other personal fields, libs/claims account-crypto.ts; never in
 * clear), `payee_match` its comparison with who should be paid (MATCH, MISMATCH, UNKNOWN when the bank returned no
 * name), `inquired_at` when. All NULL until the account's first inquiry (docs/claims.md, Bank).
 */
export class BankHolderName1763901800000 implements MigrationInterface {
  name = 'BankHolderName1763901800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE claim_bank_account
        ADD COLUMN bank_holder_name_enc text,
        ADD COLUMN payee_match varchar(12) CHECK (payee_match IN ('MATCH', 'MISMATCH', 'UNKNOWN')),
        ADD COLUMN inquired_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE claim_bank_account
        DROP COLUMN inquired_at,
        DROP COLUMN payee_match,
        DROP COLUMN bank_holder_name_enc`);
  }
}
