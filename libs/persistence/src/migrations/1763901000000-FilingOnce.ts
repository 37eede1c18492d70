import { MigrationInterface, QueryRunner } from 'typeorm';

/** file_incident_once as this migration made it (FilingInOneFunction's down() makes it again from this text). */
export const FILE_INCIDENT_ONCE_FUNCTION = `
      CREATE FUNCTION file_incident_once(
        p_scope varchar, p_key varchar, p_request_hash char(64), p_tracking_code varchar,
        p_nik char(16), p_type varchar, p_occurred_at timestamptz, p_reported_at timestamptz, p_region varchar,
        p_tps int, p_place text, p_chronology text, p_worker_role varchar, p_on_duty_context text,
        p_health_facility text, p_reporter_name varchar, p_reporter_phone varchar, p_reporter_relation varchar,
        p_tracking_code_hash char(64), p_late_report boolean)
      RETURNS TABLE (status_code int, response text, request_hash char(64), replayed boolean, claim_number varchar,
                     incident_id uuid, joined boolean)
      LANGUAGE plpgsql AS $$
      #variable_conflict use_column
      DECLARE
        v_stored record;
        v_filed record;
        v_response text;
      BEGIN
        INSERT INTO idempotency_record (scope, key, request_hash) VALUES (p_scope, p_key, p_request_hash)
        ON CONFLICT DO NOTHING;
        IF NOT FOUND THEN
          SELECT r.status_code, r.response, r.request_hash INTO v_stored
            FROM idempotency_record r WHERE r.scope = p_scope AND r.key = p_key;
          RETURN QUERY SELECT v_stored.status_code, v_stored.response, v_stored.request_hash, true,
                              NULL::varchar, NULL::uuid, NULL::boolean;
          RETURN;
        END IF;
        SELECT * INTO v_filed FROM file_incident(p_nik, p_type, p_occurred_at, p_reported_at, p_region, p_tps,
          p_place, p_chronology, p_worker_role, p_on_duty_context, p_health_facility, p_reporter_name,
          p_reporter_phone, p_reporter_relation, p_tracking_code_hash, p_late_report);
        -- FiledClaimDto as the api serialises it: {claimNumber, trackingCode, stage, lateReport, joined}
        v_response := '{"claimNumber":' || to_json(v_filed.claim_number::text)::text
          || ',"trackingCode":' || CASE WHEN v_filed.joined THEN 'null' ELSE to_json(p_tracking_code::text)::text END
          || ',"stage":' || to_json(v_filed.stage::text)::text
          || ',"lateReport":' || CASE WHEN v_filed.late_report THEN 'true' ELSE 'false' END
          || ',"joined":' || CASE WHEN v_filed.joined THEN 'true' ELSE 'false' END || '}';
        UPDATE idempotency_record r SET status_code = 201, response = v_response, completed_at = now()
         WHERE r.scope = p_scope AND r.key = p_key;
        RETURN QUERY SELECT 201, v_response, p_request_hash, false, v_filed.claim_number::varchar,
                            v_filed.incident_id, v_filed.joined;
      END $$`;

/**
 * Filing with an Idempotency-Key in one transaction and one round trip: `file_incident_once(scope, key, hash,
 * tracking code, …the arguments of file_incident)` claims the key, files the report (file_incident) and stores the
 * answer, or returns the answer stored for the key. The key and the claim now commit together: before, the api
 * claimed the key, filed, then stored the answer in three statements, and a process that stopped between the last
 * two left the key claimed without an answer (every retry refused with 409, the claim filed). A second request with
 * the key while the first is still running waits on the key's primary key until the first commits (or rolls back:
 * then it files). The answer is the JSON text the api sends (compact, the keys in the api's order), so a replay is
 * byte for byte the first answer.
 */
export class FilingOnce1763901000000 implements MigrationInterface {
  name = 'FilingOnce1763901000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(FILE_INCIDENT_ONCE_FUNCTION);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DROP FUNCTION file_incident_once(varchar, varchar, char, varchar, char, varchar, timestamptz, timestamptz, varchar, int, text, text, varchar, text, text, varchar, varchar, varchar, char, boolean)`,
    );
  }
}
