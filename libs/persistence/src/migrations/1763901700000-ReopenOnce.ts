import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A claim is reopened at most once (ClaimsService.reopenClaim: a double click or a retry returns the same reopened
 * claim). Reopens made before this constraint that break it are kept and marked in `reopen_flag`, outside the index.
 */
export class ReopenOnce1763901700000 implements MigrationInterface {
  name = 'ReopenOnce1763901700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE claim ADD COLUMN reopen_flag text`);
    await q.query(`
      UPDATE claim c SET reopen_flag = 'DUPLICATE_REOPEN_BEFORE_CONSTRAINT'
        FROM (SELECT claim_number,
                     row_number() OVER (PARTITION BY reopen_of ORDER BY created_at, claim_number) AS n
                FROM claim WHERE reopen_of IS NOT NULL) d
       WHERE d.claim_number = c.claim_number AND d.n > 1`);
    await q.query(
      `CREATE UNIQUE INDEX claim_reopen_once ON claim (reopen_of) WHERE reopen_of IS NOT NULL AND reopen_flag IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX claim_reopen_once`);
    await q.query(`ALTER TABLE claim DROP COLUMN reopen_flag`);
  }
}
