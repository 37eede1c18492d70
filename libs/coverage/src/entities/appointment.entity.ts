import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Organisation, Role } from '../rules/roles';

/** An appointment (SK pengangkatan) of a worker to an ad-hoc role for one election event. Its dates bound the term. */
@Entity({ name: 'appointment' })
export class AppointmentEntity {
  @PrimaryColumn({ name: 'worker_nik', type: 'bigint' })
  workerNik!: string;

  @PrimaryColumn({ name: 'election_event', type: 'varchar', length: 32 })
  electionEvent!: string;

  @PrimaryColumn({ name: 'organisation', type: 'varchar', length: 8 })
  organisation!: Organisation;

  @PrimaryColumn({ name: 'role', type: 'varchar', length: 24 })
  role!: Role;

  /** Kemendagri code, undotted: kecamatan (6 digits) for PPK/Panwascam, desa/kelurahan (10) for the others. */
  @Column({ name: 'region_code', type: 'varchar', length: 10 })
  regionCode!: string;

  @Column({ name: 'tps_number', type: 'int', nullable: true })
  tpsNumber!: number | null;

  @Column({ name: 'sk_number', type: 'varchar', length: 100 })
  skNumber!: string;

  @Column({ name: 'term_start', type: 'date' })
  termStart!: string;

  @Column({ name: 'term_end', type: 'date' })
  termEnd!: string;

  /** Monthly honorarium, whole rupiah (pg bigint arrives as a string). */
  @Column({ name: 'honorarium', type: 'bigint' })
  honorarium!: string;

  /** Segment of the appointment's coverage period (null: none), kept in step by triggers on coverage_period. */
  @Column({ name: 'cover_segment', type: 'varchar', length: 3, nullable: true })
  coverSegment!: 'PU' | 'BPU' | null;

  /** Wage base of the appointment's coverage period (null: none), kept in step by triggers on coverage_period. */
  @Column({ name: 'cover_wage', type: 'bigint', nullable: true })
  coverWage!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
