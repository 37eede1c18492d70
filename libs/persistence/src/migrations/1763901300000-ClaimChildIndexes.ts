import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A claim's bank accounts and payments by claim number. The family's tracking lookup reads both for every answer
 * (the newest masked account; the completed and the requested payments), and neither table had an index on
 * claim_number (only claim_payment's partial unique index of completed lines): each lookup read the whole of both
 * tables, unnoticed while they were small (docs/api.md, Family tracking).
 */
export class ClaimChildIndexes1763901300000 implements MigrationInterface {
  name = 'ClaimChildIndexes1763901300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX claim_bank_account_claim ON claim_bank_account (claim_number, created_at)`);
    await q.query(`CREATE INDEX claim_payment_claim ON claim_payment (claim_number, status)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX claim_payment_claim`);
    await q.query(`DROP INDEX claim_bank_account_claim`);
  }
}
