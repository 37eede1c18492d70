import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Organisation } from '../rules/roles';

/** PKS (perjanjian kerja sama) between a BPJS Ketenagakerjaan branch and a KPU or Bawaslu office. */
@Entity({ name: 'coverage_agreement' })
export class CoverageAgreementEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'pks_number', type: 'varchar', length: 100, unique: true })
  pksNumber!: string;

  @Column({ name: 'bpjs_branch', type: 'varchar', length: 120 })
  bpjsBranch!: string;

  @Column({ name: 'organisation', type: 'varchar', length: 8 })
  organisation!: Organisation;

  /** Kab/kota (4 digits) or province (2) of the KPU/Bawaslu office. */
  @Column({ name: 'office_region_code', type: 'varchar', length: 4 })
  officeRegionCode!: string;

  @Column({ name: 'election_event', type: 'varchar', length: 32 })
  electionEvent!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
