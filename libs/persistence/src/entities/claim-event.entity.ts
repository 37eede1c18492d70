import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Append-only timeline / audit of a claim. (claim_number, seq) is the idempotency key: an activity that runs twice
 * writes the event once.
 */
@Entity({ name: 'claim_event' })
export class ClaimEventEntity {
  @PrimaryColumn({ name: 'claim_number', type: 'varchar', length: 32 })
  claimNumber!: string;

  @PrimaryColumn({ name: 'seq', type: 'int' })
  seq!: number;

  @Column({ name: 'type', type: 'varchar', length: 64 })
  type!: string;

  @Column({ name: 'stage', type: 'varchar', length: 40 })
  stage!: string;

  /** who did it: a user id, or 'system' for the workflow itself */
  @Column({ name: 'actor', type: 'varchar', length: 128 })
  actor!: string;

  @Column({ name: 'reason', type: 'text', nullable: true })
  reason!: string | null;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;
}
