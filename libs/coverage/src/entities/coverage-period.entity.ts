import { Column, Entity, PrimaryColumn } from 'typeorm';

export type WageBaseSource = 'HONORARIUM' | 'UMP';
export type FundingSource = 'APBD' | 'SELF_PAID' | 'KPU' | 'BAWASLU';
export type ContributionStatus = 'PAID' | 'PENDING' | 'ARREARS';

/**
 * A BPJS Ketenagakerjaan coverage period of one appointment: participant number (KPJ), programmes, dates (inclusive),
 * wage base and its source, segment (PU/BPU), who funds the contributions and whether they were paid.
 */
@Entity({ name: 'coverage_period' })
export class CoveragePeriodEntity {
  @PrimaryColumn({ name: 'worker_nik', type: 'bigint' })
  workerNik!: string;

  @PrimaryColumn({ name: 'election_event', type: 'varchar', length: 32 })
  electionEvent!: string;

  @PrimaryColumn({ name: 'organisation', type: 'varchar', length: 8 })
  organisation!: string;

  @PrimaryColumn({ name: 'role', type: 'varchar', length: 24 })
  role!: string;

  @Column({ name: 'agreement_id', type: 'bigint', nullable: true })
  agreementId!: string | null;

  @Column({ name: 'participant_number', type: 'varchar', length: 20 })
  participantNumber!: string;

  @Column({ name: 'jkk', type: 'boolean' })
  jkk!: boolean;

  @Column({ name: 'jkm', type: 'boolean' })
  jkm!: boolean;

  @Column({ name: 'period_start', type: 'date' })
  periodStart!: string;

  @Column({ name: 'period_end', type: 'date' })
  periodEnd!: string;

  @Column({ name: 'wage_base', type: 'bigint' })
  wageBase!: string;

  @Column({ name: 'wage_base_source', type: 'varchar', length: 12 })
  wageBaseSource!: WageBaseSource;

  @Column({ name: 'segment', type: 'varchar', length: 3 })
  segment!: 'PU' | 'BPU';

  @Column({ name: 'funding_source', type: 'varchar', length: 12 })
  fundingSource!: FundingSource;

  @Column({ name: 'contribution_status', type: 'varchar', length: 12 })
  contributionStatus!: ContributionStatus;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
