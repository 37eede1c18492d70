import { MigrationInterface, QueryRunner } from 'typeorm';

/** file_incident as this migration made it (FilingInOneFunction's down() makes it again from this text). */
export const FILE_INCIDENT_FUNCTION = `
      CREATE FUNCTION file_incident(
        p_nik char(16), p_type varchar, p_occurred_at timestamptz, p_reported_at timestamptz, p_region varchar,
        p_tps int, p_place text, p_chronology text, p_worker_role varchar, p_on_duty_context text,
        p_health_facility text, p_reporter_name varchar, p_reporter_phone varchar, p_reporter_relation varchar,
        p_tracking_code_hash char(64), p_late_report boolean)
      RETURNS TABLE (claim_number varchar, incident_id uuid, joined boolean, stage varchar, late_report boolean)
      LANGUAGE plpgsql AS $$
      #variable_conflict use_column
      DECLARE
        v_day date := (p_occurred_at AT TIME ZONE 'Asia/Jakarta')::date;
        v_incident uuid;
        v_claim record;
        v_number varchar;
      BEGIN
        -- one claim per worker and incident day (Asia/Jakarta): concurrent reports of the same case serialise here
        PERFORM pg_advisory_xact_lock(hashtext(p_nik || to_char(v_day, 'YYYY-MM-DD')));
        INSERT INTO incident (worker_nik, incident_type, occurred_at, reported_at, region_code, tps_number, place,
                              chronology, worker_role, on_duty_context, health_facility, reporter_name,
                              reporter_phone, reporter_relation)
        VALUES (p_nik, p_type, p_occurred_at, p_reported_at, p_region, p_tps, p_place, p_chronology, p_worker_role,
                p_on_duty_context, p_health_facility, p_reporter_name, p_reporter_phone, p_reporter_relation)
        RETURNING id INTO v_incident;

        SELECT c.claim_number, c.stage, c.late_report INTO v_claim
          FROM claim c JOIN incident i ON i.id = c.incident_id
         WHERE i.worker_nik = p_nik AND (i.occurred_at AT TIME ZONE 'Asia/Jakarta')::date = v_day
           AND c.stage NOT IN ('WITHDRAWN', 'REJECTED')
         ORDER BY c.created_at DESC LIMIT 1;
        IF FOUND THEN
          INSERT INTO claim_report (claim_number, incident_id, joined) VALUES (v_claim.claim_number, v_incident, true);
          UPDATE claim c SET report_count = c.report_count + 1 WHERE c.claim_number = v_claim.claim_number;
          RETURN QUERY SELECT v_claim.claim_number::varchar, v_incident, true, v_claim.stage::varchar,
                              v_claim.late_report;
          RETURN;
        END IF;

        -- SGP-<year filed, Asia/Jakarta>-<global sequence, 6+ digits> (libs/claims/src/claim-number.ts)
        v_number := 'SGP-' || to_char(p_reported_at AT TIME ZONE 'Asia/Jakarta', 'YYYY') || '-'
                    || lpad(nextval('claim_number_seq')::text, 6, '0');
        INSERT INTO claim (claim_number, incident_id, tracking_code_hash, stage, regency_code, late_report)
        VALUES (v_number, v_incident, p_tracking_code_hash, 'REPORTED', left(p_region, 4), p_late_report);
        INSERT INTO claim_report (claim_number, incident_id, joined) VALUES (v_number, v_incident, false);
        RETURN QUERY SELECT v_number, v_incident, false, 'REPORTED'::varchar, p_late_report;
      END $$`;

/**
 * Filing a report in one round trip: `file_incident(...)` does in one transaction what the api did in seven
 * statements (serialise on the worker and incident day, store the incident, join an open claim of the same worker
 * and day or open a new claim with the next claim number, record the report). Same rules, same tables; the
 * workflow is started afterwards by the api (ClaimsService), never inside the database. Also records who reopened a
 * claim.
 */
export class FilingFunction1763900700000 implements MigrationInterface {
  name = 'FilingFunction1763900700000';

  async up(q: QueryRunner): Promise<void> {
    // who reopened a claim, so a reopened claim whose workflow start did not go through can be started later as is
    await q.query(`ALTER TABLE claim ADD COLUMN reopened_by varchar(128)`);
    // the open claim of a worker and day is found from the incident: without this, a scan of every claim per report
    await q.query(`CREATE INDEX claim_incident ON claim (incident_id)`);
    await q.query(FILE_INCIDENT_FUNCTION);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DROP FUNCTION file_incident(char, varchar, timestamptz, timestamptz, varchar, int, text, text, varchar, text, text, varchar, varchar, varchar, char, boolean)`,
    );
    await q.query(`DROP INDEX claim_incident`);
    await q.query(`ALTER TABLE claim DROP COLUMN reopened_by`);
  }
}
