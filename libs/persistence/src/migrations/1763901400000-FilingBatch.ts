import { MigrationInterface, QueryRunner } from 'typeorm';

/** file_incidents_once as this migration made it (FilingInOneFunction's down() makes it again from this text). */
export const FILE_INCIDENTS_ONCE_FUNCTION = `
      CREATE FUNCTION file_incidents_once(p_reports jsonb)
      RETURNS TABLE (ord int, status_code int, response text, request_hash char(64), replayed boolean,
                     claim_number varchar, incident_id uuid, joined boolean)
      LANGUAGE plpgsql AS $$
      #variable_conflict use_column
      DECLARE
        r record;
        f record;
      BEGIN
        FOR r IN SELECT e.value AS v, e.ordinality::int AS n
                   FROM jsonb_array_elements(p_reports) WITH ORDINALITY AS e
                  ORDER BY e.value->>'nik', e.ordinality
        LOOP
          SELECT * INTO f FROM file_incident_once(
            (r.v->>'scope')::varchar, (r.v->>'key')::varchar, (r.v->>'requestHash')::char(64),
            (r.v->>'trackingCode')::varchar, (r.v->>'nik')::char(16), (r.v->>'type')::varchar,
            (r.v->>'occurredAt')::timestamptz, (r.v->>'reportedAt')::timestamptz, (r.v->>'region')::varchar,
            (r.v->>'tps')::int, r.v->>'place', r.v->>'chronology', (r.v->>'workerRole')::varchar,
            r.v->>'onDutyContext', r.v->>'healthFacility', (r.v->>'reporterName')::varchar,
            (r.v->>'reporterPhone')::varchar, (r.v->>'reporterRelation')::varchar,
            (r.v->>'trackingCodeHash')::char(64), (r.v->>'lateReport')::boolean);
          ord := r.n;
          status_code := f.status_code;
          response := f.response;
          request_hash := f.request_hash;
          replayed := f.replayed;
          claim_number := f.claim_number;
          incident_id := f.incident_id;
          joined := f.joined;
          RETURN NEXT;
        END LOOP;
      END $$`;

/**
 * Filing several reports with their Idempotency-Keys in one round trip: `file_incidents_once(reports jsonb)` runs
 * file_incident_once for each element of a JSON array, in one transaction, and returns each result with the
 * element's 1-based position (`ord`). The api sends the keyed filings it read in the same turn of its event loop
 * together (ClaimsService); if the batch fails as a whole (a report the database refuses, a deadlock with another
 * batch), nothing of it is kept and the api files each report again on its own. Reports are filed in NIK order, so
 * two batches take their per-worker locks in the same order.
 */
export class FilingBatch1763901400000 implements MigrationInterface {
  name = 'FilingBatch1763901400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(FILE_INCIDENTS_ONCE_FUNCTION);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION file_incidents_once(jsonb)`);
  }
}
