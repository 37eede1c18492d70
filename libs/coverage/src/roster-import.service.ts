import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { RosterImporter, type RosterImportOptions, type RosterImportResult } from './roster/roster-importer';

export interface RosterImportJobView {
  id: string;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED';
  source: string;
  fileName: string | null;
  counts: {
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
  };
  error: { code: string; message: string } | null;
  startedAt: string;
  finishedAt: string | null;
  rejects: { rowNumber: number; field: string; reason: string }[];
  rejectsTruncated: boolean;
}

/** Roster imports inside a Nest application: the importer on the pool of the default TypeORM connection. */
@Injectable()
export class RosterImportService {
  private readonly logger = new Logger(RosterImportService.name);
  private readonly running = new Set<Promise<unknown>>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  importer(): RosterImporter {
    const pool = (this.dataSource.driver as unknown as { master: Pool }).master;
    return new RosterImporter(async () => {
      const client = await pool.connect();
      return { client, release: () => client.release() };
    });
  }

  /** Starts an import in the background and returns the job id at once. */
  async start(input: AsyncIterable<Uint8Array>, opts: RosterImportOptions, onDone?: () => void): Promise<string> {
    const importer = this.importer();
    const id = await importer.createJob(opts.source, opts.fileName ?? null);
    const p = importer
      .run(id, input, opts)
      .then((r: RosterImportResult) =>
        this.logger.log(`roster import ${id}: ${r.status} (${r.rowsAccepted} accepted, ${r.rowsRejected} rejected)`),
      )
      .catch((e: unknown) => this.logger.error(`roster import ${id} crashed: ${(e as Error).message}`))
      .finally(() => {
        this.running.delete(p);
        onDone?.();
      });
    this.running.add(p);
    return id;
  }

  /** Waits for the background imports (shutdown, tests). */
  async idle(): Promise<void> {
    await Promise.all([...this.running]);
  }

  async job(id: string, rejectLimit = 1000): Promise<RosterImportJobView | null> {
    const [j] = await this.dataSource.query(`SELECT * FROM roster_import WHERE id = $1`, [id]);
    if (!j) return null;
    const rejects: { row_number: number; field: string; reason: string }[] = await this.dataSource.query(
      `SELECT row_number, field, reason FROM roster_import_reject WHERE import_id = $1 ORDER BY row_number, field LIMIT $2`,
      [id, rejectLimit + 1],
    );
    return {
      id: j.id,
      status: j.status,
      source: j.source,
      fileName: j.file_name,
      counts: {
        rowsTotal: j.rows_total,
        rowsAccepted: j.rows_accepted,
        rowsRejected: j.rows_rejected,
        workersInserted: j.workers_inserted,
        workersUpdated: j.workers_updated,
        appointmentsInserted: j.appointments_inserted,
        appointmentsUpdated: j.appointments_updated,
        coverageInserted: j.coverage_inserted,
        coverageUpdated: j.coverage_updated,
        agreementsUpserted: j.agreements_upserted,
      },
      error: j.error_code ? { code: j.error_code, message: j.error_message } : null,
      startedAt: new Date(j.started_at).toISOString(),
      finishedAt: j.finished_at ? new Date(j.finished_at).toISOString() : null,
      rejects: rejects.slice(0, rejectLimit).map((r) => ({ rowNumber: r.row_number, field: r.field, reason: r.reason })),
      rejectsTruncated: rejects.length > rejectLimit,
    };
  }
}
