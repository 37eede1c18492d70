import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The payment ledger's invariants as constraints (docs/claims.md "Money invariants"):
 * - one completed (or in-flight) transfer per incident and economic benefit item (`item_key`: workflows itemKeyOf,
 *   `STMB:month-2` whether that month was paid as an instalment or as a line), whatever the claim number, so a
 *   reopened claim, a second claim for the same incident or a recalculated benefit never pays an item twice;
 * - one death benefit per worker per programme (`worker_key`: the BPJS death lump sum, periodic benefit and funeral
 *   cost, each child's scholarship year, the KPU death santunan and funeral), whatever the incident.
 * Rows paid before the ledger existed that already break an invariant are kept (the money moved) and marked in
 * `ledger_flag` for reconciliation, outside the unique indexes: the migration never fails on history.
 * BANK_REJECTED: the bank refused the order (a 4xx); the item is not in flight.
 */
export class PaymentLedger1763901600000 implements MigrationInterface {
  name = 'PaymentLedger1763901600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE claim_payment
        ADD COLUMN incident_id uuid REFERENCES incident (id),
        ADD COLUMN item_key varchar(80),
        ADD COLUMN worker_nik char(16),
        ADD COLUMN worker_key varchar(80),
        ADD COLUMN ledger_flag text`);
    await q.query(`
      UPDATE claim_payment p
         SET incident_id = c.incident_id,
             worker_nik = i.worker_nik,
             item_key = CASE WHEN p.line_key LIKE 'STMB:%'
                             THEN regexp_replace(p.line_key, '@[0-9]{4}-[0-9]{2}-[0-9]{2}$', '')
                             ELSE p.line_key END
        FROM claim c JOIN incident i ON i.id = c.incident_id
       WHERE c.claim_number = p.claim_number`);
    await q.query(`UPDATE claim_payment SET worker_key = ${WORKER_KEY_SQL}`);
    await q.query(`
      ALTER TABLE claim_payment
        ALTER COLUMN incident_id SET NOT NULL,
        ALTER COLUMN item_key SET NOT NULL,
        ALTER COLUMN worker_nik SET NOT NULL,
        DROP CONSTRAINT claim_payment_status_check,
        ADD CONSTRAINT claim_payment_status_check
          CHECK (status IN ('REQUESTED', 'COMPLETED', 'INVALID_ACCOUNT', 'BANK_REJECTED'))`);
    // history that already breaks an invariant: every live row after the first of its group is flagged
    await q.query(`
      UPDATE claim_payment p SET ledger_flag = 'DUPLICATE_ITEM_BEFORE_LEDGER'
        FROM (SELECT idempotency_key,
                     row_number() OVER (PARTITION BY incident_id, item_key ORDER BY created_at, idempotency_key) AS n
                FROM claim_payment WHERE status IN ('REQUESTED', 'COMPLETED')) d
       WHERE d.idempotency_key = p.idempotency_key AND d.n > 1`);
    await q.query(`
      UPDATE claim_payment p SET ledger_flag = 'DUPLICATE_DEATH_BENEFIT_BEFORE_LEDGER'
        FROM (SELECT idempotency_key,
                     row_number() OVER (PARTITION BY worker_nik, worker_key ORDER BY created_at, idempotency_key) AS n
                FROM claim_payment
               WHERE status IN ('REQUESTED', 'COMPLETED') AND worker_key IS NOT NULL AND ledger_flag IS NULL) d
       WHERE d.idempotency_key = p.idempotency_key AND d.n > 1`);
    await q.query(`
      CREATE UNIQUE INDEX claim_payment_item_once ON claim_payment (incident_id, item_key)
       WHERE status IN ('REQUESTED', 'COMPLETED') AND ledger_flag IS NULL`);
    await q.query(`
      CREATE UNIQUE INDEX claim_payment_death_once ON claim_payment (worker_nik, worker_key)
       WHERE worker_key IS NOT NULL AND status IN ('REQUESTED', 'COMPLETED') AND ledger_flag IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX claim_payment_death_once`);
    await q.query(`DROP INDEX claim_payment_item_once`);
    await q.query(`UPDATE claim_payment SET status = 'INVALID_ACCOUNT' WHERE status = 'BANK_REJECTED'`);
    await q.query(`
      ALTER TABLE claim_payment
        DROP CONSTRAINT claim_payment_status_check,
        ADD CONSTRAINT claim_payment_status_check CHECK (status IN ('REQUESTED', 'COMPLETED', 'INVALID_ACCOUNT')),
        DROP COLUMN ledger_flag,
        DROP COLUMN worker_key,
        DROP COLUMN worker_nik,
        DROP COLUMN item_key,
        DROP COLUMN incident_id`);
  }
}

/**
 * The worker-level key of a death benefit item (SQL twin of libs/claims deathBenefitKey, used for the backfill):
 * JKM and JKK death benefits are one BPJS benefit (a death is either a work accident or not).
 */
const WORKER_KEY_SQL = `CASE split_part(item_key, ':', 1)
  WHEN 'JKM_LUMP_SUM' THEN 'BPJS_DEATH'
  WHEN 'JKK_DEATH' THEN 'BPJS_DEATH'
  WHEN 'JKM_PERIODIC' THEN 'BPJS_DEATH_PERIODIC'
  WHEN 'JKK_PERIODIC' THEN 'BPJS_DEATH_PERIODIC'
  WHEN 'JKM_FUNERAL' THEN 'BPJS_FUNERAL'
  WHEN 'JKK_FUNERAL' THEN 'BPJS_FUNERAL'
  WHEN 'SCHOLARSHIP' THEN item_key
  WHEN 'KPU_DEATH' THEN 'KPU_DEATH'
  WHEN 'KPU_FUNERAL' THEN 'KPU_FUNERAL'
  END`;
