import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

export type RosterImportStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED';

/** One roster import job (CLI or API): status, counts, and the file-level error when the file was refused. */
@Entity({ name: 'roster_import' })
export class RosterImportEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'status', type: 'varchar', length: 12 })
  status!: RosterImportStatus;

  @Column({ name: 'source', type: 'varchar', length: 8 })
  source!: 'CLI' | 'API' | 'BENCH' | 'TEST';

  @Column({ name: 'file_name', type: 'varchar', length: 255, nullable: true })
  fileName!: string | null;

  @Column({ name: 'rows_total', type: 'int' }) rowsTotal!: number;
  @Column({ name: 'rows_accepted', type: 'int' }) rowsAccepted!: number;
  @Column({ name: 'rows_rejected', type: 'int' }) rowsRejected!: number;
  @Column({ name: 'workers_inserted', type: 'int' }) workersInserted!: number;
  @Column({ name: 'workers_updated', type: 'int' }) workersUpdated!: number;
  @Column({ name: 'appointments_inserted', type: 'int' }) appointmentsInserted!: number;
  @Column({ name: 'appointments_updated', type: 'int' }) appointmentsUpdated!: number;
  @Column({ name: 'coverage_inserted', type: 'int' }) coverageInserted!: number;
  @Column({ name: 'coverage_updated', type: 'int' }) coverageUpdated!: number;
  @Column({ name: 'agreements_upserted', type: 'int' }) agreementsUpserted!: number;

  @Column({ name: 'error_code', type: 'varchar', length: 40, nullable: true })
  errorCode!: string | null;

  @Column({ name: 'error_message', type: 'text', nullable: true })
  errorMessage!: string | null;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}

/** One rejected field of one CSV row (row numbers count the header as row 1, like a spreadsheet). */
@Entity({ name: 'roster_import_reject' })
export class RosterImportRejectEntity {
  @PrimaryColumn({ name: 'import_id', type: 'uuid' })
  importId!: string;

  @PrimaryColumn({ name: 'row_number', type: 'int' })
  rowNumber!: number;

  @PrimaryColumn({ name: 'field', type: 'varchar', length: 40 })
  field!: string;

  @Column({ name: 'reason', type: 'text' })
  reason!: string;
}
