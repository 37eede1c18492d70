/**
 * Roster import: stream → validate → COPY into an UNLOGGED staging table → set-based merge.
 *
 *   file ──RosterByteReader──▶ FastRowWriter (bytes) / RosterRowValidator (strings) ─good─▶ COPY roster_staging_<job>
 *                                                                                     └─bad──▶ COPY roster_import_reject
 *   first load into an empty registry: ─▶ COPY (binary) adhoc_worker_n<job> / appointment_n<job> / coverage_period_n<job>
 *   (shadow tables, BulkLoad), nothing into staging: the input is read again through staging only if the fast path
 *   gives way (from its source when it can be reopened, a file; else the input bytes are spooled to a local file)
 *   then either BulkLoad.merge (keys, index, FKs on three connections at once, then a short swap transaction) or,
 *   when it does not apply (registry not empty, a NIK on several rows, no spare connections), one transaction on the
 *   main connection: in-file duplicates → rejects; INSERT … SELECT … ON CONFLICT DO UPDATE … WHERE (changed) into
 *   adhoc_worker, coverage_agreement, appointment, coverage_period (or, for an empty registry, initialLoad).
 *   A file-level error (not UTF-8, wrong delimiter, missing column, overlong line) or any merge failure leaves the
 *   registry unchanged.
 *
 * Memory is flat: the reader holds at most one chunk plus one partial record; the COPY buffers are bounded and
 * back-pressured (the fast path adds a map of the file's PKS numbers, a few thousand at most). Node parses bytes
 * on one core while the PostgreSQL backends ingest on the other.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ClientBase } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { CopySink } from './copy-sink';
import { ROSTER_COLUMNS, STAGING_COLUMNS, STAGING_DDL } from './columns';
import { RosterByteReader, RosterFileError } from './csv-reader';
import { COPY_BINARY_HEADER, COPY_BINARY_TRAILER } from './copy-binary';
import { copyText, directRows, type DirectOut, FastRowWriter, RosterRowValidator, type RowError } from './row-validator';

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
  /**
   * The input again from its start, when its source can be read twice (a file on disk: `rosterFileSource`). The
   * fast path then keeps no spool copy; without it the input bytes are spooled to `$TMPDIR` as they are read.
   */
  reopen?: () => AsyncIterable<Uint8Array>;
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
  /**
   * How the rows were merged: BULK_SWAP (first load, shadow tables swapped in), INITIAL_LOAD (first load through
   * the staging table, one transaction), UPSERT (registry not empty); null when nothing was merged.
   */
  mergeStrategy: 'BULK_SWAP' | 'INITIAL_LOAD' | 'UPSERT' | null;
}

const STAGING_COPY = (staging: string) =>
  `COPY ${staging} (${STAGING_COLUMNS.join(', ')}) FROM STDIN (FORMAT text)`;

const REGISTRY_EMPTY = `SELECT NOT EXISTS (SELECT 1 FROM adhoc_worker) AND NOT EXISTS (SELECT 1 FROM appointment)
  AND NOT EXISTS (SELECT 1 FROM coverage_period) AS empty`;

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
      mergeStrategy: null,
    };
    const staging = `roster_staging_${id.replace(/-/g, '')}`;
    const main = await this.connect();
    let rej: PgLease | null = null;
    let stagingCreated = false;
    let bulk: BulkLoad | null = null;
    let spool: string | null = null;
    try {
      rej = await this.connect();
      await main.client.query(`SET work_mem = '512MB'`);
      await main.client.query(`SET maintenance_work_mem = '1GB'`);
      await main.client.query(STAGING_DDL(staging));
      stagingCreated = true;
      // first load into an empty registry: workers, appointments and coverage periods go straight into shadow
      // tables (BulkLoad) and nothing into staging; the input is read again through staging only if the fast path
      // gives way: from its source when it can be reopened (a file), else from a spool of its bytes in $TMPDIR
      if ((await main.client.query<{ empty: boolean }>(REGISTRY_EMPTY)).rows[0].empty)
        bulk = await BulkLoad.start(this.connect, id, main.client);
      if (bulk && !opts.reopen) spool = path.join(os.tmpdir(), `sigap-roster-${id}.csv`);
      let loaded = await this.load(id, input, opts, main.client, rej.client, staging, bulk, spool);
      result.rowsTotal = loaded.records;
      result.timings.loadMs = Date.now() - t0;
      if (loaded.fileError) {
        result.errorCode = loaded.fileError.code;
        result.errorMessage = loaded.fileError.message;
        result.rowsRejected = loaded.rejected;
        return await this.finish(main.client, result);
      }

      opts.onPhase?.('MERGING');
      const t1 = Date.now();
      if (bulk && (await this.bulkLoad(traced(main.client), result, bulk, loaded.accepted))) {
        result.mergeStrategy = 'BULK_SWAP';
      } else {
        if (bulk) {
          // the fast path gave way: the file again, from its source or the spool, through the staging table (its
          // rejects anew)
          const again = spool ? fs.createReadStream(spool, { highWaterMark: 1 << 20 }) : opts.reopen!();
          await rej.client.query(`DELETE FROM roster_import_reject WHERE import_id = $1`, [id]);
          loaded = await this.load(id, again, { ...opts, onProgress: undefined }, main.client, rej.client, staging);
          if (loaded.fileError) throw loaded.fileError; // the same bytes: cannot happen
        }
        await this.merge(main.client, id, staging, result);
      }
      result.timings.mergeMs = Date.now() - t1;
      result.rowsAccepted = loaded.accepted - result.rowsRejected; // rowsRejected holds the in-file duplicates here
      result.rowsRejected += loaded.rejected;
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
      await bulk?.close(main.client).catch(() => undefined);
      if (spool) await fs.promises.rm(spool, { force: true }).catch(() => undefined);
      if (stagingCreated) await main.client.query(`DROP TABLE IF EXISTS ${staging}`).catch(() => undefined);
      await main.client.query('RESET ALL').catch(() => undefined);
      await main.release();
      await rej?.release();
    }
  }

  /**
   * Reads and validates the file: good rows into the staging table (or, with bulk, into its shadow tables, the
   * input bytes into the spool file), rejects into roster_import_reject. A file-level error is returned, not thrown.
   */
  private async load(
    id: string,
    input: AsyncIterable<Uint8Array>,
    opts: RosterImportOptions,
    main: ClientBase,
    rej: ClientBase,
    staging: string,
    bulk: BulkLoad | null = null,
    spool: string | null = null,
  ): Promise<{ accepted: number; rejected: number; records: number; fileError: RosterFileError | null }> {
    const direct = bulk?.direct;
    const raw = spool ? new CopySink(fs.createWriteStream(spool, { flags: 'wx', mode: 0o600 })) : null;
    const stg = bulk ? null : new CopySink(main.query(copyFrom(STAGING_COPY(staging), { highWaterMark: 16 << 20 })));
    const rejects = new CopySink(
      rej.query(
        copyFrom(`COPY roster_import_reject (import_id, row_number, field, reason) FROM STDIN (FORMAT text)`, {
          highWaterMark: 4 << 20,
        }),
      ),
    );
    let rejected = 0;
    let accepted = 0;
    const addRejects = (row: number, errs: RowError[]) => {
      rejected++;
      for (const e of errs) rejects.out.text(`${id}\t${row}\t${e.field}\t${copyText(e.reason).replace(/[\t\n\r]/g, ' ')}\n`);
    };
    const validator = new RosterRowValidator();
    const fast = new FastRowWriter(validator);
    const reader = new RosterByteReader({
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
        if (typeof out !== 'string') return addRejects(row, out);
        accepted++;
        stg?.out.text(out);
        if (direct) directRows(out, direct);
      },
      onBytes: (row, b, starts, ends) => {
        if (!fast.write(row, b, starts, ends, stg?.out ?? null, direct)) return false;
        accepted++;
        return true;
      },
    });

    let fileError: RosterFileError | null = null;
    try {
      for await (const chunk of input) {
        raw?.raw(chunk);
        reader.push(chunk);
        await raw?.drained();
        await stg?.drained();
        await rejects.drained();
        await bulk?.drained(main);
        opts.onProgress?.(reader.bytesRead, reader.records);
      }
      reader.end();
      opts.onProgress?.(reader.bytesRead, reader.records);
    } catch (e) {
      if (!(e instanceof RosterFileError)) throw e;
      fileError = e;
    }
    await raw?.end();
    await stg?.end();
    await rejects.end();
    await bulk?.endCopies();
    return { accepted, rejected, records: reader.records, fileError };
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
  private async merge(
    client: ClientBase,
    id: string,
    stg: string,
    r: RosterImportResult,
  ): Promise<void> {
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

    const empty = await c.query<{ empty: boolean }>(REGISTRY_EMPTY);
    r.mergeStrategy = empty.rows[0].empty ? 'INITIAL_LOAD' : 'UPSERT';
    if (empty.rows[0].empty) await this.initialLoad(c, stg, workerSource, r);
    else await this.upsert(c, stg, workerSource, r);
    await c.query('COMMIT');
  }

  /** The first load's fast path (see BulkLoad); false: not applicable, nothing changed, the caller merges. */
  private async bulkLoad(
    main: ClientBase,
    r: RosterImportResult,
    bulk: BulkLoad,
    rows: number,
  ): Promise<boolean> {
    try {
      return await bulk.merge(main, r, rows);
    } finally {
      await bulk.close(main);
    }
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

const REGISTRY_TABLES = ['adhoc_worker', 'appointment', 'coverage_period'] as const;
class NoConnection extends Error {}
/** agreement ids reserved ahead (topped up after every input chunk: more than a chunk can name) */
const ID_RESERVE = 8192;

interface Side {
  lease: PgLease;
  /** guarded and traced: for statements */
  c: ClientBase;
  pid: number;
}

/**
 * First load into an empty registry, fast path (the national roster, no NIK on two rows of the file). The three
 * registry tables are built as shadow tables (`<table>_n<job>`), invisible to the application, and swapped in at
 * the end by one short transaction:
 * - during the load, workers and appointments are COPYed straight into their shadows, each on its own connection
 *   (two more PostgreSQL backends working while Node parses), besides the staging table;
 * - then, on those two connections and the main one at once (both cores): keys, the covering index, the PKS
 *   agreements (from staging), the coverage periods (from staging, with their agreement ids), foreign keys
 *   (added NOT VALID and validated: VALIDATE's locks let both run together) and statistics;
 * - the swap locks the registry, checks it is still empty, inserts/updates the PKS agreements, drops the three
 *   (empty) tables and renames the shadows; keys, indexes, constraints and triggers get the original names and
 *   definitions (read from the catalog, so a later migration's index or trigger comes along).
 * Any failure drops the shadows and leaves the registry as it was. `merge` returns false, having changed nothing,
 * when the fast path does not apply: a NIK on several rows (a key build finds it; duplicates and multi-role workers
 * need the row-number rules of the staging merge), the registry filled meanwhile, or objects depending on the
 * tables (DROP refuses). The caller then runs the transactional staging merge.
 */
class BulkLoad {
  private aborted = false;
  private readonly sfx: string;
  private cons: { tbl: string; name: string; def: string; type: string }[] = [];
  private idx: { tbl: string; name: string; def: string }[] = [];
  private trg: { def: string }[] = [];
  private sides: Side[] = [];
  worker!: CopySink;
  appointment!: CopySink;
  coverage!: CopySink;
  direct!: DirectOut;
  /** PKS agreements of the file: id (existing, or reserved from the identity sequence) and the values seen */
  private readonly agreements = new Map<
    string,
    { id: number; branch: Set<string>; org: Set<string>; region: Set<string>; event: Set<string> }
  >();
  private readonly existing = new Map<string, number>();
  private ids: number[] = [];
  /** an agreement got no id (more new PKS numbers in one chunk than reserved): the staging merge takes over */
  private broken = false;

  private agreement(pks: string, branch: string, org: string, region: string, event: string): number {
    let a = this.agreements.get(pks);
    if (!a) {
      const id = this.existing.get(pks) ?? this.ids.pop();
      if (id === undefined) {
        this.broken = true;
        return 0;
      }
      a = { id, branch: new Set(), org: new Set(), region: new Set(), event: new Set() };
      this.agreements.set(pks, a);
    }
    a.branch.add(branch);
    a.org.add(org);
    a.region.add(region);
    a.event.add(event);
    return a.id;
  }

  /** Ids for new agreements, taken from coverage_agreement's identity sequence ahead (unused ones are skipped). */
  private async reserveIds(main: ClientBase): Promise<void> {
    if (this.ids.length >= ID_RESERVE / 2) return;
    const got = await main.query<{ id: string }>(
      `SELECT nextval(pg_get_serial_sequence('coverage_agreement', 'id')) AS id FROM generate_series(1, $1)`,
      [ID_RESERVE - this.ids.length],
    );
    this.ids.push(...got.rows.map((x) => Number(x.id)).reverse());
  }

  private constructor(
    private readonly connect: PgConnector,
    id: string,
  ) {
    this.sfx = `_n${id.replace(/-/g, '').slice(0, 12)}`;
  }

  private sh(t: string): string {
    return `${t}${this.sfx}`;
  }
  private tmpName(name: string): string {
    return `${name.slice(0, 40)}${this.sfx}`;
  }
  private keysOf(t: string) {
    return this.cons.filter((k) => k.tbl === t && k.type !== 'f');
  }
  private fksOf(t: string) {
    return this.cons.filter((k) => k.tbl === t && k.type === 'f');
  }
  /** a definition of the original, on the shadow: `ON public.appointment USING` → `ON public.appointment_n… USING` */
  private onShadow(def: string, t: string): string {
    return def.replace(new RegExp(`\\b(public\\.)?${t}\\b(?!_)`, 'g'), (_m, schema: string | undefined) => `${schema ?? ''}${this.sh(t)}`);
  }
  private createShadow(t: string): string {
    return `CREATE TABLE ${this.sh(t)} (LIKE ${t} INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING STORAGE INCLUDING COMPRESSION)`;
  }
  private async addKeys(c: ClientBase, t: string): Promise<void> {
    for (const k of this.keysOf(t)) await c.query(`ALTER TABLE ${this.sh(t)} ADD CONSTRAINT "${this.tmpName(k.name)}" ${k.def}`);
  }

  private async open(): Promise<Side> {
    // a small pool (tests, a busy api) may not have three more connections: then no fast path, not a deadlock
    const pending = this.connect();
    const lease = await Promise.race([pending, new Promise<null>((res) => setTimeout(() => res(null), 2000).unref())]);
    if (!lease) {
      pending.then((l) => l.release()).catch(() => undefined);
      throw new NoConnection();
    }
    // once one side has failed, the others stop at their next statement (and their running one is cancelled)
    const guarded = new Proxy(lease.client, {
      get: (target, prop, receiver) => {
        if (prop !== 'query') return Reflect.get(target, prop, receiver);
        return (...args: unknown[]) => {
          if (this.aborted && typeof args[0] === 'string' && !/^(ROLLBACK|RESET)/.test(args[0]))
            return Promise.reject(Object.assign(new Error('stopped: the other side failed'), { code: '57014' }));
          return (target.query as (...a: unknown[]) => unknown)(...args);
        };
      },
    });
    const side: Side = { lease, c: traced(guarded), pid: 0 };
    this.sides.push(side);
    await side.c.query(`SET work_mem = '512MB'`);
    await side.c.query(`SET maintenance_work_mem = '1GB'`);
    await side.c.query(`SET synchronous_commit = off`);
    // three key builds run at once already: parallel workers would only compete with them for the cores
    await side.c.query(`SET max_parallel_maintenance_workers = 0`);
    // Two index builds of the appointments scan the table at once. With synchronised scans the second would start
    // where the first is and wrap around: a roster comes grouped by region, so a scan from the first page hands the
    // covering index (election_event, region_code) its rows already in order, which the sort only checks (6 M rows:
    // 9 s from the first page, 30 s from the middle)
    await side.c.query(`SET synchronize_seqscans = off`);
    side.pid = (await lease.client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
    return side;
  }

  /**
   * Before the load: reads the registry's definitions, creates the three shadows and opens their COPY streams.
   * Null when three more connections are not to be had within 2 s (the staging merge does it all then).
   */
  static async start(connect: PgConnector, id: string, main: ClientBase): Promise<BulkLoad | null> {
    const b = new BulkLoad(connect, id);
    const tables = [...REGISTRY_TABLES];
    b.cons = (
      await main.query<{ tbl: string; name: string; def: string; type: string }>(
        `SELECT conrelid::regclass::text AS tbl, conname AS name, pg_get_constraintdef(oid) AS def, contype AS type
           FROM pg_constraint WHERE conrelid = ANY($1::regclass[]) AND contype IN ('p', 'u', 'f', 'x')`,
        [tables],
      )
    ).rows;
    b.idx = (
      await main.query<{ tbl: string; name: string; def: string }>(
        `SELECT i.indrelid::regclass::text AS tbl, i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
           FROM pg_index i WHERE i.indrelid = ANY($1::regclass[])
            AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)`,
        [tables],
      )
    ).rows;
    b.trg = (
      await main.query<{ def: string }>(
        `SELECT pg_get_triggerdef(oid) AS def FROM pg_trigger WHERE tgrelid = ANY($1::regclass[]) AND NOT tgisinternal`,
        [tables],
      )
    ).rows;
    try {
      const [one, two, three] = [await b.open(), await b.open(), await b.open()];
      // the shadows are created in the transaction that fills them: with wal_level = minimal no WAL, and COPY FREEZE
      // writes the rows frozen and all-visible (no hint-bit writes when the keys are built, no anti-wraparound
      // vacuum of 18 M rows later, index-only scans from the start)
      const copy = async (side: Side, t: string, cols: string) => {
        await side.c.query('BEGIN');
        await side.c.query(b.createShadow(t));
        // binary rows (copy-binary.ts): PostgreSQL parses no dates, numbers or escapes
        const sink = new CopySink(
          side.lease.client.query(
            copyFrom(`COPY ${b.sh(t)} (${cols}) FROM STDIN (FORMAT binary, FREEZE)`, { highWaterMark: 16 << 20 }),
          ),
        );
        sink.raw(COPY_BINARY_HEADER);
        return sink;
      };
      b.worker = await copy(one, 'adhoc_worker', 'nik, full_name, sex, birth_date, phone');
      b.appointment = await copy(
        two,
        'appointment',
        'worker_nik, election_event, organisation, role, region_code, tps_number, sk_number, term_start, term_end, honorarium, cover_segment, cover_wage',
      );
      b.coverage = await copy(
        three,
        'coverage_period',
        'worker_nik, election_event, organisation, role, agreement_id, participant_number, jkk, jkm, period_start, period_end, wage_base, wage_base_source, segment, funding_source, contribution_status',
      );
      for (const g of (await main.query<{ pks: string; id: string }>(`SELECT pks_number AS pks, id FROM coverage_agreement`)).rows)
        b.existing.set(g.pks, Number(g.id));
      await b.reserveIds(main);
      b.direct = {
        worker: b.worker.out,
        appointment: b.appointment.out,
        coverage: b.coverage.out,
        agreement: (pks, branch, org, region, event) => b.agreement(pks, branch, org, region, event),
      };
      return b;
    } catch (e) {
      await b.close(main);
      if (e instanceof NoConnection) return null;
      throw e;
    }
  }

  /** once per input chunk */
  async drained(main: ClientBase): Promise<void> {
    await this.worker.drained();
    await this.appointment.drained();
    await this.coverage.drained();
    await this.reserveIds(main);
  }

  /** End of the load: the COPYs end (their transactions stay open for the keys). */
  async endCopies(): Promise<void> {
    for (const sink of [this.worker, this.appointment, this.coverage]) sink.raw(COPY_BINARY_TRAILER);
    await Promise.all([this.worker.end(), this.appointment.end(), this.coverage.end()]);
  }

  /** rows: the rows copied (the good rows of the file) */
  async merge(main: ClientBase, r: RosterImportResult, rows: number): Promise<boolean> {
    const [one, two] = this.sides;
    const tables = REGISTRY_TABLES;
    const sh = (t: string) => this.sh(t);
    const signal = () => {
      let done!: () => void;
      let fail!: (e: unknown) => void;
      const p = new Promise<void>((res, rej) => ((done = res), (fail = rej)));
      p.catch(() => undefined);
      return { p, done, fail };
    };
    const workersReady = signal();
    const appointmentsCommitted = signal();
    const appointmentIndexed = signal();
    const appointmentsReady = signal();
    const coverageFkAdded = signal();
    // a foreign key in two steps: ADD … NOT VALID locks both tables (SHARE ROW EXCLUSIVE) but is instant; VALIDATE
    // locks only the referencing table (SHARE UPDATE EXCLUSIVE), so it runs beside an index build on the other
    const fkAdd = async (c: ClientBase, t: string, target: string) => {
      const ks = this.fksOf(t).filter((x) => new RegExp(`REFERENCES ${target}\\(`).test(x.def));
      for (const k of ks)
        await c.query(`ALTER TABLE ${sh(t)} ADD CONSTRAINT "${this.tmpName(k.name)}" ${this.onShadow(k.def, target)} NOT VALID`);
      return ks;
    };
    const fkValidate = async (c: ClientBase, t: string, ks: { name: string }[]) => {
      // both keys are indexes over all-visible pages (COPY FREEZE): a merge anti-join of two index-only scans
      // reads each key once, in order; the planner's hash join would build a table of 6 M keys (1 M rows: 1.9 s →
      // 1.0 s)
      await c.query(`SET enable_hashjoin = off`);
      for (const k of ks) await c.query(`ALTER TABLE ${sh(t)} VALIDATE CONSTRAINT "${this.tmpName(k.name)}"`);
      await c.query(`RESET enable_hashjoin`);
    };
    // If one side fails (a NIK on two rows breaks a key), the others are cancelled instead of finishing for nothing.
    const chain = (f: () => Promise<void>, ...signals: ReturnType<typeof signal>[]) =>
      f().catch(async (e: unknown) => {
        for (const x of signals) x.fail(e);
        if (!this.aborted) {
          this.aborted = true;
          for (const s of this.sides) await main.query('SELECT pg_cancel_backend($1)', [s.pid]).catch(() => undefined);
        }
        throw e;
      });
    if (this.broken) return false;
    const three = this.sides[2];
    // The appointment's key is built as a unique index (SHARE lock) and then made the key (USING INDEX), so that
    // its covering index can be built at the same time on the worker's connection (two index builds of one table
    // share its SHARE lock; ALTER TABLE … ADD PRIMARY KEY would lock it whole): four builds on three connections
    // keep both cores busy until the foreign keys.
    const appointmentKeys = this.keysOf('appointment').map((k) => ({ k, cols: /^(PRIMARY KEY|UNIQUE) \(([^()]+)\)$/.exec(k.def) }));
    try {
      const res = await Promise.allSettled([
        //   one: (appointments committed) appointment's covering index ─▶ worker key ─▶ statistics
        //   (the worker key is needed last, by the appointments' foreign key; the covering index holds up the
        //   appointment's key constraint, so it goes first)
        chain(async () => {
          await one.c.query('COMMIT');
          // each in its own transaction (a new index: no WAL with wal_level = minimal)
          await appointmentsCommitted.p;
          for (const i of this.idx.filter((x) => x.tbl === 'appointment'))
            await one.c.query(
              this.onShadow(i.def, 'appointment').replace(`INDEX ${i.name} ON`, `INDEX ${this.tmpName(i.name)} ON`),
            );
          appointmentIndexed.done();
          await this.addKeys(one.c, 'adhoc_worker');
          r.workersInserted = rows; // one per row: the key holds
          workersReady.done();
          await one.c.query(`ANALYZE ${sh('adhoc_worker')}`);
        }, workersReady, appointmentIndexed),
        //   two: appointment key (unique index, beside one's covering index) ─▶ key constraint ─▶ (coverage FK
        //   added) statistics ─▶ (workers) FK → worker
        chain(async () => {
          await two.c.query('COMMIT');
          appointmentsCommitted.done();
          for (const { k, cols } of appointmentKeys)
            if (cols) await two.c.query(`CREATE UNIQUE INDEX "${this.tmpName(k.name)}" ON ${sh('appointment')} (${cols[2]})`);
          await appointmentIndexed.p;
          for (const { k, cols } of appointmentKeys)
            await two.c.query(
              `ALTER TABLE ${sh('appointment')} ADD CONSTRAINT "${this.tmpName(k.name)}" ` +
                (cols ? `${cols[1]} USING INDEX "${this.tmpName(k.name)}"` : k.def),
            );
          r.appointmentsInserted = rows;
          appointmentsReady.done();
          // the coverage periods' key to the appointments is added first (it locks the appointments against
          // ANALYZE and the validation below, which do not lock its validation out)
          await coverageFkAdded.p;
          await two.c.query(`ANALYZE ${sh('appointment')}`);
          await workersReady.p;
          await fkValidate(two.c, 'appointment', await fkAdd(two.c, 'appointment', 'adhoc_worker'));
        }, appointmentsCommitted, appointmentsReady),
        //   three: coverage key ─▶ statistics ─▶ (appointment key) FK → appointment
        chain(async () => {
          await this.addKeys(three.c, 'coverage_period');
          await three.c.query('COMMIT');
          r.coverageInserted = this.coverage.out.rows;
          await three.c.query(`ANALYZE ${sh('coverage_period')}`);
          await appointmentsReady.p;
          const ks = await fkAdd(three.c, 'coverage_period', 'appointment');
          coverageFkAdded.done();
          await fkValidate(three.c, 'coverage_period', ks);
        }, coverageFkAdded),
      ]);
      const failed = res.filter((x): x is PromiseRejectedResult => x.status === 'rejected').map((x) => x.reason);
      // the cause, not the cancellations it led to
      if (failed.length) throw failed.find((e) => (e as { code?: string }).code !== '57014') ?? failed[0];

      // the swap: one short transaction
      await main.query('BEGIN');
      await main.query(`LOCK TABLE ${tables.join(', ')} IN ACCESS EXCLUSIVE MODE`);
      if (!(await main.query<{ empty: boolean }>(REGISTRY_EMPTY)).rows[0].empty) {
        await main.query('ROLLBACK');
        return false;
      }
      // the PKS agreements of the file, one row per PKS number with the smallest of each value, as the staging
      // merge computes them (SQL min: the same collation)
      const g: [number, string, string | null, string | null, string | null, string | null][] = [];
      for (const [pks, x] of this.agreements) {
        for (const v of x.branch) g.push([x.id, pks, v, null, null, null]);
        for (const v of x.org) g.push([x.id, pks, null, v, null, null]);
        for (const v of x.region) g.push([x.id, pks, null, null, v, null]);
        for (const v of x.event) g.push([x.id, pks, null, null, null, v]);
      }
      const col = (i: number) => g.map((x) => x[i]);
      const gUp = await main.query(
        `INSERT INTO coverage_agreement AS t (id, pks_number, bpjs_branch, organisation, office_region_code, election_event)
         SELECT id, pks, min(branch), min(org), min(region), min(event)
           FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
                AS u(id, pks, branch, org, region, event)
          GROUP BY id, pks
         ON CONFLICT (pks_number) DO UPDATE SET bpjs_branch = EXCLUDED.bpjs_branch, updated_at = now()
         WHERE t.bpjs_branch IS DISTINCT FROM EXCLUDED.bpjs_branch`,
        [col(0), col(1), col(2), col(3), col(4), col(5)],
      );
      r.agreementsUpserted = gUp.rowCount ?? 0;
      // the coverage periods' agreement ids must still be the agreements' (a concurrent change fails the key)
      for (const k of this.fksOf('coverage_period').filter((x) => /REFERENCES coverage_agreement\(/.test(x.def)))
        await main.query(`ALTER TABLE ${sh('coverage_period')} ADD CONSTRAINT "${this.tmpName(k.name)}" ${k.def}`);
      await main.query(`DROP TABLE ${[...tables].reverse().join(', ')}`);
      for (const t of tables) {
        await main.query(`ALTER TABLE ${sh(t)} RENAME TO ${t}`);
        for (const k of [...this.keysOf(t), ...this.fksOf(t)])
          await main.query(`ALTER TABLE ${t} RENAME CONSTRAINT "${this.tmpName(k.name)}" TO "${k.name}"`);
      }
      for (const i of this.idx)
        await main.query(`ALTER INDEX ${this.tmpName(i.name)} RENAME TO ${i.name.replace(/^public\./, '')}`);
      for (const t of this.trg) await main.query(t.def);
      await main.query('COMMIT');
      return true;
    } catch (e) {
      await main.query('ROLLBACK').catch(() => undefined);
      const code = (e as { code?: string }).code;
      // a NIK on several rows (the staging merge applies the row rules), something depends on the tables, or a
      // PKS agreement created meanwhile by someone else (its id is not ours: the key to it fails)
      if (code === '23505' || code === '2BP01' || code === '23503') {
        Object.assign(r, { workersInserted: 0, appointmentsInserted: 0, coverageInserted: 0, agreementsUpserted: 0 });
        return false;
      }
      throw e;
    }
  }

  /** Rolls back what is open, drops what is left of the shadows, gives the connections back. */
  async close(main: ClientBase): Promise<void> {
    const sides = this.sides;
    this.sides = [];
    for (const s of sides) {
      await s.lease.client.query('ROLLBACK').catch(() => undefined);
      await s.lease.client.query('RESET ALL').catch(() => undefined);
      await s.lease.release();
    }
    await main
      .query(`DROP TABLE IF EXISTS ${[...REGISTRY_TABLES].reverse().map((t) => this.sh(t)).join(', ')}`)
      .catch(() => undefined);
  }
}
