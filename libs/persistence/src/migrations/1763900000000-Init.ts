import { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1763900000000 implements MigrationInterface {
  name = 'Init1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE claim_number_seq START 1`);
    await q.query(`
      CREATE TABLE incident (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        worker_nik char(16) NOT NULL CHECK (worker_nik ~ '^[0-9]{16}$'),
        incident_type varchar(16) NOT NULL CHECK (incident_type IN ('ACCIDENT', 'DEATH')),
        occurred_at timestamptz NOT NULL,
        reported_at timestamptz NOT NULL,
        region_code varchar(10) NOT NULL CHECK (region_code ~ '^[0-9]{2}([0-9]{2}([0-9]{2}([0-9]{4})?)?)?$'),
        tps_number int CHECK (tps_number > 0),
        place text,
        chronology text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX incident_worker_day ON incident (worker_nik, ((occurred_at AT TIME ZONE 'Asia/Jakarta')::date))`,
    );
    await q.query(`
      CREATE TABLE claim (
        claim_number varchar(32) PRIMARY KEY,
        incident_id uuid NOT NULL REFERENCES incident (id) ON DELETE RESTRICT,
        tracking_code_hash char(64) NOT NULL,
        stage varchar(40) NOT NULL,
        regency_code varchar(4) NOT NULL,
        late_report boolean NOT NULL DEFAULT false,
        workflow_started_at timestamptz,
        last_event_seq int NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX claim_stage_region ON claim (regency_code, stage)`);
    await q.query(`CREATE INDEX claim_pending_start ON claim (created_at) WHERE workflow_started_at IS NULL`);
    await q.query(`
      CREATE TABLE claim_event (
        claim_number varchar(32) NOT NULL REFERENCES claim (claim_number) ON DELETE CASCADE,
        seq int NOT NULL,
        type varchar(64) NOT NULL,
        stage varchar(40) NOT NULL,
        actor varchar(128) NOT NULL,
        reason text,
        occurred_at timestamptz NOT NULL,
        PRIMARY KEY (claim_number, seq)
      )`);
    // the timeline is append-only: no UPDATE or DELETE of an event, ever
    await q.query(`
      CREATE FUNCTION claim_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'claim_event is append-only';
      END $$`);
    await q.query(`
      CREATE TRIGGER claim_event_no_update BEFORE UPDATE OR DELETE ON claim_event
      FOR EACH ROW EXECUTE FUNCTION claim_event_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE claim_event`);
    await q.query(`DROP FUNCTION claim_event_append_only`);
    await q.query(`DROP TABLE claim`);
    await q.query(`DROP TABLE incident`);
    await q.query(`DROP SEQUENCE claim_number_seq`);
  }
}
