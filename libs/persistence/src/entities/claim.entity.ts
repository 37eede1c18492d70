import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import { IncidentEntity } from './incident.entity';

/**
 * The read model of a claim: one row per IncidentClaimWorkflow (workflowId = claimNumber). The workflow is the
 * source of truth for the process; this row is what lists, dashboards and family tracking read.
 */
@Entity({ name: 'claim' })
export class ClaimEntity {
  /** Human-readable claim number, e.g. SGP-2026-000042; also the Temporal workflow id */
  @PrimaryColumn({ name: 'claim_number', type: 'varchar', length: 32 })
  claimNumber!: string;

  @Column({ name: 'incident_id', type: 'uuid' })
  incidentId!: string;

  @ManyToOne(() => IncidentEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'incident_id' })
  incident?: IncidentEntity;

  /** sha256 of the family tracking code; the code itself is shown once, to the reporter */
  @Column({ name: 'tracking_code_hash', type: 'char', length: 64 })
  trackingCodeHash!: string;

  @Column({ name: 'stage', type: 'varchar', length: 40 })
  stage!: string;

  /** Kemendagri code of the kab/kota (4 digits): the scope of KPU operators and BPJS branches */
  @Column({ name: 'regency_code', type: 'varchar', length: 4 })
  regencyCode!: string;

  /** First report later than 2 x 24 h after the incident (Permenaker 5/2021 jo. 1/2025 Pasal 8) */
  @Column({ name: 'late_report', type: 'boolean', default: false })
  lateReport!: boolean;

  /** Set once the workflow is known to run; null = still to be started (see ClaimStarter) */
  @Column({ name: 'workflow_started_at', type: 'timestamptz', nullable: true })
  workflowStartedAt!: Date | null;

  /** The sequence number of the last workflow event applied: projections apply events in order, once */
  @Column({ name: 'last_event_seq', type: 'int', default: 0 })
  lastEventSeq!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
