import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ClaimEventProjection } from '@sigap/workflows';
import { DataSource } from 'typeorm';

/**
 * Projection + audit activity: every workflow transition writes its append-only audit row (who, what, when, why,
 * before/after) and moves the read model, in one transaction. Activities run at least once, so each write is
 * idempotent per (claim_number, seq) and out-of-order deliveries never move the read model backwards.
 */
@Injectable()
export class ClaimProjectionService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async projectClaimEvent({
    claimNumber,
    entry,
    lateReport,
    readModel,
    before,
    after,
  }: ClaimEventProjection): Promise<void> {
    // One statement, one round trip (it was BEGIN, SELECT … FOR UPDATE, INSERT, UPDATE, COMMIT: five): the event row
    // and the read model commit together. The UPDATE's row lock orders concurrent projections of one claim, and its
    // `last_event_seq < seq` is checked again on the newest row version after a wait, so the read model never moves
    // backwards. A claim without its read-model row fails on claim_event's foreign key and is retried.
    const set = readModel
      ? `, track = $11, determination = $12, assignee_role = $13, assignee = $14, payment_deadline = $15,
           documents_complete_on = $16, benefit_total = $17, penalty_total = $18, paid_total = $19`
      : '';
    await this.ds.query(
      `WITH event AS (
         INSERT INTO claim_event (claim_number, seq, type, stage, actor, reason, occurred_at, before, after)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (claim_number, seq) DO NOTHING
       )
       UPDATE claim SET stage = $4, late_report = $10, last_event_seq = $2, updated_at = now()${set}
        WHERE claim_number = $1 AND last_event_seq < $2`,
      [
        claimNumber,
        entry.seq,
        entry.type,
        entry.stage,
        entry.actor,
        entry.reason ?? null,
        entry.at,
        before ? JSON.stringify(before) : null,
        after ? JSON.stringify(after) : null,
        lateReport,
        ...(readModel
          ? [
              readModel.track,
              readModel.determination,
              readModel.assigneeRole,
              readModel.assignee,
              readModel.paymentDeadline,
              readModel.documentsCompleteOn,
              readModel.benefitTotal,
              readModel.penaltyTotal,
              readModel.paidTotal,
            ]
          : []),
      ],
    );
  }
}
