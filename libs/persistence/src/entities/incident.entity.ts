import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export enum IncidentType {
  ACCIDENT = 'ACCIDENT',
  DEATH = 'DEATH',
}

/** An incident during duty as reported by KPU staff (the first report, laporan tahap I). */
@Entity({ name: 'incident' })
export class IncidentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** 16-digit NIK of the ad-hoc worker: personal data, never logged nor put in search attributes. */
  @Column({ name: 'worker_nik', type: 'char', length: 16 })
  workerNik!: string;

  @Column({ name: 'incident_type', type: 'varchar', length: 16 })
  incidentType!: IncidentType;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'reported_at', type: 'timestamptz' })
  reportedAt!: Date;

  /** Kemendagri region code, undotted, 2 to 10 digits */
  @Column({ name: 'region_code', type: 'varchar', length: 10 })
  regionCode!: string;

  @Column({ name: 'tps_number', type: 'int', nullable: true })
  tpsNumber!: number | null;

  @Column({ name: 'place', type: 'text', nullable: true })
  place!: string | null;

  @Column({ name: 'chronology', type: 'text', nullable: true })
  chronology!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
