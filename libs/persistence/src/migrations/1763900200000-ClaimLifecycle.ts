import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The claim lifecycle (issue #5): incident details, the read model's lifecycle columns, audit before/after on the
 * append-only timeline, documents and their uploads, benefit calculations with line items, bank accounts
 * (encrypted), payments keyed by idempotency key, and the notification outbox. See docs/claims.md.
 */
export class ClaimLifecycle1763900200000 implements MigrationInterface {
  name = 'ClaimLifecycle1763900200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE incident
        ADD COLUMN worker_role varchar(24),
        ADD COLUMN on_duty_context text,
        ADD COLUMN health_facility varchar(300),
        ADD COLUMN reporter_name varchar(200),
        ADD COLUMN reporter_phone varchar(20),
        ADD COLUMN reporter_relation varchar(40)`);
    await q.query(`
      ALTER TABLE claim
        ADD COLUMN track varchar(16) NOT NULL DEFAULT 'BPJS' CHECK (track IN ('BPJS', 'KPU_SANTUNAN')),
        ADD COLUMN determination varchar(16),
        ADD COLUMN assignee_role varchar(20),
        ADD COLUMN assignee varchar(128),
        ADD COLUMN payment_deadline date,
        ADD COLUMN documents_complete_on date,
        ADD COLUMN benefit_total bigint,
        ADD COLUMN penalty_total bigint,
        ADD COLUMN paid_total bigint NOT NULL DEFAULT 0,
        ADD COLUMN reopen_of varchar(32) REFERENCES claim (claim_number),
        ADD COLUMN reopen_reason text,
        ADD COLUMN report_count int NOT NULL DEFAULT 1`);
    await q.query(`CREATE INDEX claim_assignee ON claim (assignee_role, stage)`);
    await q.query(
      `CREATE INDEX claim_payment_deadline ON claim (payment_deadline) WHERE payment_deadline IS NOT NULL`,
    );
    // audit: the state slice before and after each step (the timeline stays append-only)
    await q.query(`ALTER TABLE claim_event ADD COLUMN before jsonb, ADD COLUMN after jsonb`);
    await q.query(`
      CREATE TABLE claim_report (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        claim_number varchar(32) NOT NULL REFERENCES claim (claim_number),
        incident_id uuid NOT NULL REFERENCES incident (id),
        joined boolean NOT NULL,
        reported_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX claim_report_claim ON claim_report (claim_number)`);
    await q.query(`
      CREATE TABLE claim_document (
        claim_number varchar(32) NOT NULL REFERENCES claim (claim_number),
        code varchar(48) NOT NULL,
        label text NOT NULL,
        requirement varchar(12) NOT NULL,
        supplier varchar(12) NOT NULL,
        status varchar(12) NOT NULL CHECK (status IN ('MISSING', 'UPLOADED', 'ACCEPTED', 'REJECTED')),
        upload_id uuid,
        reason text,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (claim_number, code)
      )`);
    await q.query(`
      CREATE TABLE claim_document_upload (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        claim_number varchar(32) NOT NULL REFERENCES claim (claim_number),
        document_code varchar(48) NOT NULL,
        uploaded_by varchar(128) NOT NULL,
        uploaded_at timestamptz NOT NULL DEFAULT now(),
        file_name varchar(255),
        content_type varchar(100),
        size_bytes bigint,
        checksum_sha256 char(64) NOT NULL CHECK (checksum_sha256 ~ '^[0-9a-f]{64}$'),
        storage_ref text
      )`);
    await q.query(
      `CREATE INDEX claim_document_upload_claim ON claim_document_upload (claim_number, document_code)`,
    );
    await q.query(`
      CREATE TABLE claim_benefit (
        claim_number varchar(32) NOT NULL REFERENCES claim (claim_number),
        version int NOT NULL,
        determination varchar(16) NOT NULL,
        rule_set varchar(40) NOT NULL,
        total bigint NOT NULL,
        scheduled_total bigint NOT NULL,
        proposed_by varchar(128),
        request jsonb NOT NULL,
        result jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (claim_number, version)
      )`);
    await q.query(`
      CREATE TABLE claim_benefit_line (
        claim_number varchar(32) NOT NULL,
        version int NOT NULL,
        line_key varchar(80) NOT NULL,
        code varchar(40) NOT NULL,
        label text NOT NULL,
        amount bigint NOT NULL CHECK (amount >= 0),
        calculated_amount bigint,
        adjustment_reason text,
        payer varchar(24) NOT NULL,
        due_date date,
        PRIMARY KEY (claim_number, version, line_key),
        FOREIGN KEY (claim_number, version) REFERENCES claim_benefit (claim_number, version)
      )`);
    await q.query(`
      CREATE TABLE claim_bank_account (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        claim_number varchar(32) NOT NULL REFERENCES claim (claim_number),
        bank_code varchar(12) NOT NULL,
        account_number_enc text NOT NULL,
        holder_name_enc text NOT NULL,
        masked varchar(40) NOT NULL,
        registered_by varchar(128) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE claim_payment (
        idempotency_key uuid PRIMARY KEY,
        claim_number varchar(32) NOT NULL REFERENCES claim (claim_number),
        line_key varchar(80) NOT NULL,
        account_id uuid NOT NULL REFERENCES claim_bank_account (id),
        amount bigint NOT NULL CHECK (amount > 0),
        payer varchar(24) NOT NULL,
        status varchar(16) NOT NULL CHECK (status IN ('REQUESTED', 'COMPLETED', 'INVALID_ACCOUNT')),
        bank_transfer_id varchar(64),
        attempts int NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // at most one completed payment per claim line: a second would be a double payment
    await q.query(
      `CREATE UNIQUE INDEX claim_payment_once ON claim_payment (claim_number, line_key) WHERE status = 'COMPLETED'`,
    );
    await q.query(`
      CREATE TABLE notification_outbox (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        dedup_key varchar(160) NOT NULL UNIQUE,
        claim_number varchar(32) NOT NULL REFERENCES claim (claim_number),
        recipient_role varchar(20) NOT NULL,
        template varchar(40) NOT NULL,
        payload jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz
      )`);
    await q.query(
      `CREATE INDEX notification_outbox_pending ON notification_outbox (id) WHERE delivered_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification_outbox`);
    await q.query(`DROP TABLE claim_payment`);
    await q.query(`DROP TABLE claim_bank_account`);
    await q.query(`DROP TABLE claim_benefit_line`);
    await q.query(`DROP TABLE claim_benefit`);
    await q.query(`DROP TABLE claim_document_upload`);
    await q.query(`DROP TABLE claim_document`);
    await q.query(`DROP TABLE claim_report`);
    await q.query(`ALTER TABLE claim_event DROP COLUMN before, DROP COLUMN after`);
    await q.query(`DROP INDEX claim_payment_deadline`);
    await q.query(`DROP INDEX claim_assignee`);
    await q.query(`
      ALTER TABLE claim DROP COLUMN track, DROP COLUMN determination, DROP COLUMN assignee_role, DROP COLUMN assignee,
        DROP COLUMN payment_deadline, DROP COLUMN documents_complete_on, DROP COLUMN benefit_total,
        DROP COLUMN penalty_total, DROP COLUMN paid_total, DROP COLUMN reopen_of, DROP COLUMN reopen_reason,
        DROP COLUMN report_count`);
    await q.query(`
      ALTER TABLE incident DROP COLUMN worker_role, DROP COLUMN on_duty_context, DROP COLUMN health_facility,
        DROP COLUMN reporter_name, DROP COLUMN reporter_phone, DROP COLUMN reporter_relation`);
  }
}
