import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Api support tables: wrong family tracking codes per claim (counted in a window, shared by every api replica) and
 * the Idempotency-Key record of commands (same key, same answer), and who a claim is assigned to.
 */
export class ApiSupport1763900400000 implements MigrationInterface {
  name = 'ApiSupport1763900400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE track_attempt (
        claim_number varchar(32) PRIMARY KEY REFERENCES claim (claim_number) ON DELETE CASCADE,
        window_start timestamptz NOT NULL,
        failures int NOT NULL
      )`);
    await q.query(`
      CREATE TABLE idempotency_record (
        scope varchar(64) NOT NULL,
        key varchar(128) NOT NULL,
        request_hash char(64) NOT NULL,
        status_code int,
        response jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz,
        PRIMARY KEY (scope, key)
      )`);
    await q.query(`
      CREATE TABLE claim_assignment (
        claim_number varchar(32) PRIMARY KEY REFERENCES claim (claim_number) ON DELETE CASCADE,
        assignee varchar(64) NOT NULL REFERENCES app_user (username),
        assigned_by varchar(64) NOT NULL,
        assigned_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX claim_assignment_assignee ON claim_assignment (assignee)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE claim_assignment`);
    await q.query(`DROP TABLE idempotency_record`);
    await q.query(`DROP TABLE track_attempt`);
  }
}
