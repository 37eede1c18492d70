import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Tables of the claim lifecycle (migration 1763900200000-ClaimLifecycle, docs/claims.md). The services write them
 * with plain SQL (idempotent upserts); these entities describe them for TypeORM and ad-hoc reads.
 */

/** Every report of an incident: the first opens the claim, later ones of the same worker and day join it. */
@Entity({ name: 'claim_report' })
export class ClaimReportEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'claim_number', type: 'varchar', length: 32 }) claimNumber!: string;
  @Column({ name: 'incident_id', type: 'uuid' }) incidentId!: string;
  @Column({ name: 'joined', type: 'boolean' }) joined!: boolean;
  @Column({ name: 'reported_at', type: 'timestamptz' }) reportedAt!: Date;
}

/** The checklist of a claim and each document's review state. */
@Entity({ name: 'claim_document' })
export class ClaimDocumentEntity {
  @PrimaryColumn({ name: 'claim_number', type: 'varchar', length: 32 }) claimNumber!: string;
  @PrimaryColumn({ name: 'code', type: 'varchar', length: 48 }) code!: string;
  @Column({ name: 'label', type: 'text' }) label!: string;
  @Column({ name: 'requirement', type: 'varchar', length: 12 }) requirement!: string;
  @Column({ name: 'supplier', type: 'varchar', length: 12 }) supplier!: string;
  @Column({ name: 'status', type: 'varchar', length: 12 }) status!: string;
  @Column({ name: 'upload_id', type: 'uuid', nullable: true }) uploadId!: string | null;
  @Column({ name: 'reason', type: 'text', nullable: true }) reason!: string | null;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

/** Each upload: who, when, checksum (the file itself lives in object storage, referenced by storage_ref). */
@Entity({ name: 'claim_document_upload' })
export class ClaimDocumentUploadEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'claim_number', type: 'varchar', length: 32 }) claimNumber!: string;
  @Column({ name: 'document_code', type: 'varchar', length: 48 }) documentCode!: string;
  @Column({ name: 'uploaded_by', type: 'varchar', length: 128 }) uploadedBy!: string;
  @CreateDateColumn({ name: 'uploaded_at', type: 'timestamptz' }) uploadedAt!: Date;
  @Column({ name: 'file_name', type: 'varchar', length: 255, nullable: true }) fileName!: string | null;
  @Column({ name: 'content_type', type: 'varchar', length: 100, nullable: true }) contentType!: string | null;
  @Column({ name: 'size_bytes', type: 'bigint', nullable: true }) sizeBytes!: string | null;
  @Column({ name: 'checksum_sha256', type: 'char', length: 64 }) checksumSha256!: string;
  @Column({ name: 'storage_ref', type: 'text', nullable: true }) storageRef!: string | null;
}

/** One benefit calculation (a new version per proposal), with the domain result and the request it came from. */
@Entity({ name: 'claim_benefit' })
export class ClaimBenefitEntity {
  @PrimaryColumn({ name: 'claim_number', type: 'varchar', length: 32 }) claimNumber!: string;
  @PrimaryColumn({ name: 'version', type: 'int' }) version!: number;
  @Column({ name: 'determination', type: 'varchar', length: 16 }) determination!: string;
  @Column({ name: 'rule_set', type: 'varchar', length: 40 }) ruleSet!: string;
  @Column({ name: 'total', type: 'bigint' }) total!: string;
  @Column({ name: 'scheduled_total', type: 'bigint' }) scheduledTotal!: string;
  @Column({ name: 'proposed_by', type: 'varchar', length: 128, nullable: true }) proposedBy!: string | null;
  @Column({ name: 'request', type: 'jsonb' }) request!: unknown;
  @Column({ name: 'result', type: 'jsonb' }) result!: unknown;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

@Entity({ name: 'claim_benefit_line' })
export class ClaimBenefitLineEntity {
  @PrimaryColumn({ name: 'claim_number', type: 'varchar', length: 32 }) claimNumber!: string;
  @PrimaryColumn({ name: 'version', type: 'int' }) version!: number;
  @PrimaryColumn({ name: 'line_key', type: 'varchar', length: 80 }) lineKey!: string;
  @Column({ name: 'code', type: 'varchar', length: 40 }) code!: string;
  @Column({ name: 'label', type: 'text' }) label!: string;
  @Column({ name: 'amount', type: 'bigint' }) amount!: string;
  @Column({ name: 'calculated_amount', type: 'bigint', nullable: true }) calculatedAmount!: string | null;
  @Column({ name: 'adjustment_reason', type: 'text', nullable: true }) adjustmentReason!: string | null;
  @Column({ name: 'payer', type: 'varchar', length: 24 }) payer!: string;
  @Column({ name: 'due_date', type: 'date', nullable: true }) dueDate!: string | null;
}

/** A payout account: number and holder encrypted (AES-256-GCM); only `masked` is ever shown. */
@Entity({ name: 'claim_bank_account' })
export class ClaimBankAccountEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'claim_number', type: 'varchar', length: 32 }) claimNumber!: string;
  @Column({ name: 'bank_code', type: 'varchar', length: 12 }) bankCode!: string;
  @Column({ name: 'account_number_enc', type: 'text' }) accountNumberEnc!: string;
  @Column({ name: 'holder_name_enc', type: 'text' }) holderNameEnc!: string;
  @Column({ name: 'masked', type: 'varchar', length: 40 }) masked!: string;
  @Column({ name: 'registered_by', type: 'varchar', length: 128 }) registeredBy!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

/** One transfer per line item, keyed by the idempotency key the workflow generated. */
@Entity({ name: 'claim_payment' })
export class ClaimPaymentEntity {
  @PrimaryColumn({ name: 'idempotency_key', type: 'uuid' }) idempotencyKey!: string;
  @Column({ name: 'claim_number', type: 'varchar', length: 32 }) claimNumber!: string;
  @Column({ name: 'line_key', type: 'varchar', length: 80 }) lineKey!: string;
  @Column({ name: 'account_id', type: 'uuid' }) accountId!: string;
  @Column({ name: 'amount', type: 'bigint' }) amount!: string;
  @Column({ name: 'payer', type: 'varchar', length: 24 }) payer!: string;
  @Column({ name: 'status', type: 'varchar', length: 16 }) status!: string;
  @Column({ name: 'bank_transfer_id', type: 'varchar', length: 64, nullable: true }) bankTransferId!:
    string | null;
  @Column({ name: 'attempts', type: 'int' }) attempts!: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

/** Outbox of notifications (reminders, escalations, requests); channels (SMS, WhatsApp, e-mail) read it later. */
@Entity({ name: 'notification_outbox' })
export class NotificationOutboxEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ name: 'dedup_key', type: 'varchar', length: 160 }) dedupKey!: string;
  @Column({ name: 'claim_number', type: 'varchar', length: 32 }) claimNumber!: string;
  @Column({ name: 'recipient_role', type: 'varchar', length: 20 }) recipientRole!: string;
  @Column({ name: 'template', type: 'varchar', length: 40 }) template!: string;
  @Column({ name: 'payload', type: 'jsonb' }) payload!: unknown;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true }) deliveredAt!: Date | null;
}

export const CLAIM_LIFECYCLE_ENTITIES = [
  ClaimReportEntity,
  ClaimDocumentEntity,
  ClaimDocumentUploadEntity,
  ClaimBenefitEntity,
  ClaimBenefitLineEntity,
  ClaimBankAccountEntity,
  ClaimPaymentEntity,
  NotificationOutboxEntity,
];
