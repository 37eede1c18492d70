/**
 * Roster import: stream → validate → COPY into an UNLOGGED staging table → set-based merge in one transaction.
 *
 *   file ──TextDecoder(fatal)──▶ RosterCsvReader ──▶ RosterRowValidator ─good─▶ COPY roster_staging_<job> (conn A)
 *                                                                     └─bad──▶ COPY roster_import_reject  (conn B)
 *   then on conn A, one transaction: in-file duplicates → rejects; INSERT … SELECT … ON CONFLICT DO UPDATE … WHERE
 *   (changed) into adhoc_worker, coverage_agreement, appointment, coverage_period. A file-level error (not UTF-8,
 *   wrong delimiter, missing column, overlong line) or any merge failure leaves the registry unchanged.
 *
 * Memory is flat: the reader holds at most one chunk plus one partial record; the COPY buffers are bounded and
 * back-pressured. Node parses on one core while PostgreSQL ingests on the other.
 */
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { ClientBase } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { ROSTER_COLUMNS, STAGING_COLUMNS, STAGING_DDL } from './columns';
import { RosterCsvReader, RosterFileError } from './csv-reader';
import { copyText, RosterRowValidator, type RowError } from './row-validator';

export interface PgLease {
  client: ClientBase;
  release(): Promise<void> | void;
}
export type PgConnector = () => Promise<PgLease>;

export interface RosterImportOptions {
  source: 'CLI' | 'API' | 'BENCH' | 'TEST';
  fileName?: string | null;
  maxRecordChars?: number;
  /** called after every chunk: bytes read so far, rows seen so far */
  onProgress?: (bytes: number, rows: number) => void;
  /** called when the merge starts (the CLI switches its progress bar) */
  onPhase?: (phase: 'LOADING' | 'MERGING') => void;
}

export interface RosterImportResult {
  id: string;
  status: 'SUCCEEDED' | 'FAILED';
  rowsTotal: number;
  rowsAccepted: number;
  rowsRejected: number;
  workersInserted: number;
  workersUpdated: number;
  appointmentsInserted: number;
  appointmentsUpdated: number;
  coverageInserted: number;
  coverageUpdated: number;
  agreementsUpserted: number;
  errorCode: string | null;
  errorMessage: string | null;
  timings: { loadMs: number; mergeMs: number };
}

/** Small batches: the strings die young (cheap scavenges) and the socket gets data while parsing goes on. */
const BATCH_CHARS = 64 * 1024;

class CopySink {
  private buf = '';
  private error: Error | null = null;
  private mustDrain = false;
  constructor(private readonly stream: Writable) {
    stream.on('error', (e: Error) => (this.error = e));
  }
  add(s: string): void {
    this.buf += s;
    if (this.buf.length >= BATCH_CHARS) this.send();
  }
  private send(): void {
    if (!this.buf) return;
    if (!this.stream.write(this.buf)) this.mustDrain = true;
    this.buf = '';
  }
  /** Back-pressure point, once per input chunk. */
  async drained(): Promise<void> {
    if (this.error) throw this.error;
    if (!this.mustDrain) return;
    this.mustDrain = false;
    await Promise.race([once(this.stream, 'drain'), once(this.stream, 'error').then(([e]) => Promise.reject(e))]);
  }
  async end(): Promise<void> {
    this.send();
    await this.drained();
    this.stream.end();
    await finished(this.stream);
    if (this.error) throw this.error;
  }
}

/** SIGAP_IMPORT_TRACE=1: each merge statement's duration on stderr (benchmarks, tuning). */
function traced(c: ClientBase): ClientBase {
  if (!process.env.SIGAP_IMPORT_TRACE) return c;
  return new Proxy(c, {
    get(target, prop, receiver) {
      if (prop !== 'query') return Reflect.get(target, prop, receiver);
      return async (...args: unknown[]) => {
        const t = Date.now();
        const out = await (target.query as (...a: unknown[]) => Promise<unknown>)(...args);
        const sql = String(args[0]).replace(/\s+/g, ' ').trim().slice(0, 90);
        process.stderr.write(`[merge] ${String(Date.now() - t).padStart(6)} ms  ${sql}\n`);
        return out;
      };
    },
  });
}

export class RosterImporter {
  constructor(private readonly connect: PgConnector) {}

  /** Creates the job row (status RUNNING) and returns its id, so an API can answer before the import ends. */
  async createJob(source: RosterImportOptions['source'], fileName: string | null = null): Promise<string> {
    const lease = await this.connect();
    try {
      const id = randomUUID();
      await lease.client.query(`INSERT INTO roster_import (id, status, source, file_name) VALUES ($1, 'RUNNING', $2, $3)`, [
        id,
        source,
        fileName ? fileName.slice(0, 255) : null,
      ]);
      return id;
    } finally {
      await lease.release();
    }
  }

  async import(input: AsyncIterable<Uint8Array>, opts: RosterImportOptions): Promise<RosterImportResult> {
    const id = await this.createJob(opts.source, opts.fileName ?? null);
    return this.run(id, input, opts);
  }

  /** Runs a job created by createJob. Never throws for a bad file: the result (and the job row) say FAILED. */
  async run(id: string, input: AsyncIterable<Uint8Array>, opts: RosterImportOptions): Promise<RosterImportResult> {
    const t0 = Date.now();
    const result: RosterImportResult = {
      id,
      status: 'FAILED',
      rowsTotal: 0,
      rowsAccepted: 0,
      rowsRejected: 0,
      workersInserted: 0,
      workersUpdated: 0,
      appointmentsInserted: 0,
      appointmentsUpdated: 0,
      coverageInserted: 0,
      coverageUpdated: 0,
      agreementsUpserted: 0,
      errorCode: null,
      errorMessage: null,
      timings: { loadMs: 0, mergeMs: 0 },
    };
    const staging = `roster_staging_${id.replace(/-/g, '')}`;
    const main = await this.connect();
    let rej: PgLease | null = null;
    let stagingCreated = false;
    let rejectedCount = 0;
    try {
      rej = await this.connect();
      await main.client.query(`SET work_mem = '512MB'`);
      await main.client.query(`SET maintenance_work_mem = '1GB'`);
      await main.client.query(STAGING_DDL(staging));
      stagingCreated = true;
      const stg = new CopySink(
        main.client.query(
          copyFrom(`COPY ${staging} (${STAGING_COLUMNS.join(', ')}) FROM STDIN (FORMAT text)`, { highWaterMark: 16 << 20 }),
        ),
      );
      const rejects = new CopySink(
        rej.client.query(
          copyFrom(`COPY roster_import_reject (import_id, row_number, field, reason) FROM STDIN (FORMAT text)`, {
            highWaterMark: 4 << 20,
          }),
        ),
      );
      const addRejects = (row: number, errs: RowError[]) => {
        rejectedCount++;
        for (const e of errs) rejects.add(`${id}\t${row}\t${e.field}\t${copyText(e.reason).replace(/[\t\n\r]/g, ' ')}\n`);
      };
      const validator = new RosterRowValidator();
      let accepted = 0;
      const reader = new RosterCsvReader({
        expectedColumns: ROSTER_COLUMNS,
        maxRecordChars: opts.maxRecordChars,
        onRecord: (row, fields, count) => {
          if (!fields) {
            addRejects(row, [
              {
                field: '*',
                reason:
                  count === 0
                    ? 'the row is empty'
                    : `the row has ${count} fields, the header has ${ROSTER_COLUMNS.length} (check commas and quotes)`,
              },
            ]);
            return;
          }
          const out = validator.validate(row, fields);
          if (typeof out === 'string') {
            accepted++;
            stg.add(out);
          } else addRejects(row, out);
        },
      });

      let fileError: RosterFileError | null = null;
      try {
        for await (const chunk of input) {
          reader.push(chunk);
          await stg.drained();
          await rejects.drained();
          opts.onProgress?.(reader.bytesRead, reader.records);
        }
        reader.end();
        opts.onProgress?.(reader.bytesRead, reader.records);
      } catch (e) {
        if (!(e instanceof RosterFileError)) throw e;
        fileError = e;
      }
      await stg.end();
      await rejects.end();
      result.rowsTotal = reader.records;
      result.timings.loadMs = Date.now() - t0;
      if (fileError) {
        result.errorCode = fileError.code;
        result.errorMessage = fileError.message;
        result.rowsRejected = rejectedCount;
        return await this.finish(main.client, result);
      }

      opts.onPhase?.('MERGING');
      const t1 = Date.now();
      await this.merge(main.client, id, staging, result);
      result.timings.mergeMs = Date.now() - t1;
      result.rowsAccepted = accepted - result.rowsRejected; // rowsRejected holds the in-file duplicates here
      result.rowsRejected += rejectedCount;
      result.status = 'SUCCEEDED';
      return await this.finish(main.client, result);
    } catch (e) {
      result.status = 'FAILED';
      result.errorCode = result.errorCode ?? 'IMPORT_FAILED';
      result.errorMessage = `The import failed and changed nothing: ${(e as Error).message}`;
      try {
        await main.client.query('ROLLBACK').catch(() => undefined);
        return await this.finish(main.client, result);
      } catch {
        return result;
      }
    } finally {
      if (stagingCreated) await main.client.query(`DROP TABLE IF EXISTS ${staging}`).catch(() => undefined);
      await main.client.query('RESET ALL').catch(() => undefined);
      await main.release();
      await rej?.release();
    }
  }

  private async finish(client: ClientBase, r: RosterImportResult): Promise<RosterImportResult> {
    await client.query(
      `UPDATE roster_import SET status = $2, rows_total = $3, rows_accepted = $4, rows_rejected = $5,
         workers_inserted = $6, workers_updated = $7, appointments_inserted = $8, appointments_updated = $9,
         coverage_inserted = $10, coverage_updated = $11, agreements_upserted = $12,
         error_code = $13, error_message = $14, finished_at = now()
       WHERE id = $1`,
      [
        r.id,
        r.status,
        r.rowsTotal,
        r.rowsAccepted,
        r.rowsRejected,
        r.workersInserted,
        r.workersUpdated,
        r.appointmentsInserted,
        r.appointmentsUpdated,
        r.coverageInserted,
        r.coverageUpdated,
        r.agreementsUpserted,
        r.errorCode,
        r.errorMessage,
      ],
    );
    return r;
  }

  /** The set-based merge, all or nothing. */
  private async merge(client: ClientBase, id: string, stg: string, r: RosterImportResult): Promise<void> {
    const c = traced(client);
    await c.query(`ANALYZE ${stg}`);
    await c.query('BEGIN');
    await c.query(`SET LOCAL synchronous_commit = off`);
    // NIKs on more than one row: one hash aggregate; everything about duplicates is computed on them only
    await c.query(`CREATE TEMP TABLE multi_nik ON COMMIT DROP AS SELECT nik FROM ${stg} GROUP BY nik HAVING count(*) > 1`);
    await c.query(`ANALYZE multi_nik`);
    // 1. duplicates within the file: same NIK, event, organisation and role; the first row wins
    const dup = await c.query(`
      WITH m AS (SELECT s.* FROM ${stg} s WHERE s.nik IN (SELECT nik FROM multi_nik)),
      d AS (
        SELECT nik, election_event, organisation, role, min(row_number) AS first_row
          FROM m GROUP BY 1, 2, 3, 4 HAVING count(*) > 1
      ), gone AS (
        DELETE FROM ${stg} s USING d
         WHERE s.nik = d.nik AND s.election_event = d.election_event AND s.organisation = d.organisation
           AND s.role = d.role AND s.row_number <> d.first_row
        RETURNING s.row_number, d.first_row, s.role
      )
      INSERT INTO roster_import_reject (import_id, row_number, field, reason)
      SELECT '${id}', row_number, 'role',
             'duplicate of row ' || first_row || ': the same NIK has the same role (' || role || ') in the same election event'
        FROM gone`);
    r.rowsRejected = dup.rowCount ?? 0;
    // one row per NIK: rows of single-row NIKs as they are, the last row of a multi-row NIK
    const workerSource = `
      SELECT nik, full_name, sex, birth_date, phone FROM ${stg} WHERE nik NOT IN (SELECT nik FROM multi_nik)
      UNION ALL
      SELECT * FROM (SELECT DISTINCT ON (nik) nik, full_name, sex, birth_date, phone
                       FROM ${stg} WHERE nik IN (SELECT nik FROM multi_nik) ORDER BY nik, row_number DESC) l`;

    const empty = await c.query<{ empty: boolean }>(
      `SELECT NOT EXISTS (SELECT 1 FROM adhoc_worker) AND NOT EXISTS (SELECT 1 FROM appointment) AND NOT EXISTS (SELECT 1 FROM coverage_period) AS empty`,
    );
    if (empty.rows[0].empty) await this.initialLoad(c, stg, workerSource, r);
    else await this.upsert(c, stg, workerSource, r);
    await c.query('COMMIT');
  }

  /**
   * First load into an empty registry (the national roster): the tables are locked, their keys, indexes and
   * foreign keys dropped, the rows inserted in bulk, then keys and indexes rebuilt in one sort each and the
   * foreign keys validated in one join each — all inside the merge transaction, so a failure restores everything.
   */
  private async initialLoad(c: ClientBase, stg: string, workerSource: string, r: RosterImportResult): Promise<void> {
    const tables = ['adhoc_worker', 'appointment', 'coverage_period'];
    await c.query(`LOCK TABLE ${tables.join(', ')} IN ACCESS EXCLUSIVE MODE`);
    const cons = await c.query<{ tbl: string; name: string; def: string; type: string }>(
      `SELECT conrelid::regclass::text AS tbl, conname AS name, pg_get_constraintdef(oid) AS def, contype AS type
         FROM pg_constraint WHERE conrelid = ANY($1::regclass[]) AND contype IN ('p', 'u', 'f')`,
      [tables],
    );
    const idx = await c.query<{ name: string; def: string }>(
      `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
         FROM pg_index i WHERE i.indrelid = ANY($1::regclass[])
          AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)`,
      [tables],
    );
    for (const k of cons.rows.filter((x) => x.type === 'f')) await c.query(`ALTER TABLE ${k.tbl} DROP CONSTRAINT "${k.name}"`);
    for (const k of cons.rows.filter((x) => x.type !== 'f')) await c.query(`ALTER TABLE ${k.tbl} DROP CONSTRAINT "${k.name}"`);
    for (const i of idx.rows) await c.query(`DROP INDEX ${i.name}`);
    // appointment.cover_* are written here with the appointments, not by the coverage_period triggers
    await c.query(`ALTER TABLE coverage_period DISABLE TRIGGER USER`);
    // The tables are empty (checked under the lock): TRUNCATE gives them new files in this transaction, so with
    // wal_level = minimal the inserts and index builds below write no WAL (the files are synced at commit).
    await c.query(`TRUNCATE ${tables.join(', ')}`);

    const w = await c.query(`INSERT INTO adhoc_worker (nik, full_name, sex, birth_date, phone) ${workerSource}`);
    r.workersInserted = w.rowCount ?? 0;
    const g = await c.query(`
      INSERT INTO coverage_agreement AS t (pks_number, bpjs_branch, organisation, office_region_code, election_event)
      SELECT pks_number, min(bpjs_branch), min(organisation), min(left(region_code, 4)), min(election_event)
        FROM ${stg} WHERE pks_number IS NOT NULL GROUP BY pks_number
      ON CONFLICT (pks_number) DO UPDATE SET bpjs_branch = EXCLUDED.bpjs_branch, updated_at = now()
      WHERE t.bpjs_branch IS DISTINCT FROM EXCLUDED.bpjs_branch`);
    r.agreementsUpserted = g.rowCount ?? 0;
    const a = await c.query(`
      INSERT INTO appointment (worker_nik, election_event, organisation, role, region_code, tps_number, sk_number,
                               term_start, term_end, honorarium, cover_segment, cover_wage)
      SELECT nik, election_event, organisation, role, region_code, tps_number, sk_number, term_start, term_end, honorarium,
             CASE WHEN participant_number IS NOT NULL THEN segment END,
             CASE WHEN participant_number IS NOT NULL THEN wage_base END
        FROM ${stg}`);
    r.appointmentsInserted = a.rowCount ?? 0;
    const cv = await c.query(`
      INSERT INTO coverage_period (worker_nik, election_event, organisation, role, agreement_id, participant_number,
        jkk, jkm, period_start, period_end, wage_base, wage_base_source, segment, funding_source, contribution_status)
      SELECT s.nik, s.election_event, s.organisation, s.role, g.id, s.participant_number, s.jkk, s.jkm,
             s.coverage_start, s.coverage_end, s.wage_base, s.wage_base_source, s.segment, s.funding_source,
             s.contribution_status
        FROM ${stg} s LEFT JOIN coverage_agreement g ON g.pks_number = s.pks_number
       WHERE s.participant_number IS NOT NULL`);
    r.coverageInserted = cv.rowCount ?? 0;
    await c.query(`ALTER TABLE coverage_period ENABLE TRIGGER USER`);

    for (const k of cons.rows.filter((x) => x.type !== 'f'))
      await c.query(`ALTER TABLE ${k.tbl} ADD CONSTRAINT "${k.name}" ${k.def}`);
    for (const i of idx.rows) await c.query(i.def);
    for (const k of cons.rows.filter((x) => x.type === 'f'))
      await c.query(`ALTER TABLE ${k.tbl} ADD CONSTRAINT "${k.name}" ${k.def}`);
    for (const t of tables) await c.query(`ANALYZE ${t}`);
  }

  /** Incremental import into a populated registry: INSERT … ON CONFLICT DO UPDATE … WHERE (changed). */
  private async upsert(c: ClientBase, stg: string, workerSource: string, r: RosterImportResult): Promise<void> {
    const counts = (sql: string) =>
      c
        .query<{ ins: number; upd: number }>(
          `WITH up AS (${sql} RETURNING (xmax = 0) AS inserted)
           SELECT count(*) FILTER (WHERE inserted)::int AS ins, count(*) FILTER (WHERE NOT inserted)::int AS upd FROM up`,
        )
        .then((res) => res.rows[0]);

    // 2. workers: one row per NIK (the last row of the file wins for name and phone)
    const w = await counts(`
      INSERT INTO adhoc_worker AS t (nik, full_name, sex, birth_date, phone)
      ${workerSource}
      ON CONFLICT (nik) DO UPDATE SET full_name = EXCLUDED.full_name, sex = EXCLUDED.sex,
        birth_date = EXCLUDED.birth_date, phone = EXCLUDED.phone, updated_at = now()
      WHERE (t.full_name, t.sex, t.birth_date, t.phone)
            IS DISTINCT FROM (EXCLUDED.full_name, EXCLUDED.sex, EXCLUDED.birth_date, EXCLUDED.phone)`);
    r.workersInserted = w.ins;
    r.workersUpdated = w.upd;

    // 3. PKS agreements named by the file
    const g = await counts(`
      INSERT INTO coverage_agreement AS t (pks_number, bpjs_branch, organisation, office_region_code, election_event)
      SELECT pks_number, min(bpjs_branch), min(organisation), min(left(region_code, 4)), min(election_event)
        FROM ${stg} WHERE pks_number IS NOT NULL GROUP BY pks_number
      ON CONFLICT (pks_number) DO UPDATE SET bpjs_branch = EXCLUDED.bpjs_branch, organisation = EXCLUDED.organisation,
        office_region_code = EXCLUDED.office_region_code, election_event = EXCLUDED.election_event, updated_at = now()
      WHERE (t.bpjs_branch, t.organisation, t.office_region_code, t.election_event)
            IS DISTINCT FROM (EXCLUDED.bpjs_branch, EXCLUDED.organisation, EXCLUDED.office_region_code, EXCLUDED.election_event)`);
    r.agreementsUpserted = g.ins + g.upd;

    // 4. appointments
    const a = await counts(`
      INSERT INTO appointment AS t (worker_nik, election_event, organisation, role, region_code, tps_number, sk_number,
                                    term_start, term_end, honorarium)
      SELECT nik, election_event, organisation, role, region_code, tps_number, sk_number, term_start, term_end, honorarium
        FROM ${stg}
      ON CONFLICT (worker_nik, election_event, organisation, role) DO UPDATE SET region_code = EXCLUDED.region_code,
        tps_number = EXCLUDED.tps_number, sk_number = EXCLUDED.sk_number, term_start = EXCLUDED.term_start,
        term_end = EXCLUDED.term_end, honorarium = EXCLUDED.honorarium, updated_at = now()
      WHERE (t.region_code, t.tps_number, t.sk_number, t.term_start, t.term_end, t.honorarium)
            IS DISTINCT FROM (EXCLUDED.region_code, EXCLUDED.tps_number, EXCLUDED.sk_number, EXCLUDED.term_start,
                              EXCLUDED.term_end, EXCLUDED.honorarium)`);
    r.appointmentsInserted = a.ins;
    r.appointmentsUpdated = a.upd;

    // 5. coverage periods (rows without coverage leave an existing period as it is)
    const cv = await counts(`
      INSERT INTO coverage_period AS t (worker_nik, election_event, organisation, role, agreement_id, participant_number,
        jkk, jkm, period_start, period_end, wage_base, wage_base_source, segment, funding_source, contribution_status)
      SELECT s.nik, s.election_event, s.organisation, s.role, g.id, s.participant_number, s.jkk, s.jkm,
             s.coverage_start, s.coverage_end, s.wage_base, s.wage_base_source, s.segment, s.funding_source,
             s.contribution_status
        FROM ${stg} s LEFT JOIN coverage_agreement g ON g.pks_number = s.pks_number
       WHERE s.participant_number IS NOT NULL
      ON CONFLICT (worker_nik, election_event, organisation, role) DO UPDATE SET agreement_id = EXCLUDED.agreement_id,
        participant_number = EXCLUDED.participant_number, jkk = EXCLUDED.jkk, jkm = EXCLUDED.jkm,
        period_start = EXCLUDED.period_start, period_end = EXCLUDED.period_end, wage_base = EXCLUDED.wage_base,
        wage_base_source = EXCLUDED.wage_base_source, segment = EXCLUDED.segment,
        funding_source = EXCLUDED.funding_source, contribution_status = EXCLUDED.contribution_status, updated_at = now()
      WHERE (t.agreement_id, t.participant_number, t.jkk, t.jkm, t.period_start, t.period_end, t.wage_base,
             t.wage_base_source, t.segment, t.funding_source, t.contribution_status)
            IS DISTINCT FROM (EXCLUDED.agreement_id, EXCLUDED.participant_number, EXCLUDED.jkk, EXCLUDED.jkm,
             EXCLUDED.period_start, EXCLUDED.period_end, EXCLUDED.wage_base, EXCLUDED.wage_base_source,
             EXCLUDED.segment, EXCLUDED.funding_source, EXCLUDED.contribution_status)`);
    r.coverageInserted = cv.ins;
    r.coverageUpdated = cv.upd;
  }
}
