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
    await this.ds.transaction(async (m) => {
      const claim = await m.query('SELECT 1 FROM claim WHERE claim_number = $1 FOR UPDATE', [claimNumber]);
      if (claim.length === 0) {
        // the read-model row is written before the workflow starts; its absence is a real error, retried
        throw new Error(`claim ${claimNumber} has no read-model row`);
      }
      await m.query(
        `INSERT INTO claim_event (claim_number, seq, type, stage, actor, reason, occurred_at, before, after)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (claim_number, seq) DO NOTHING`,
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
        ],
      );
      if (!readModel) {
        await m.query(
          `UPDATE claim SET stage = $2, late_report = $3, last_event_seq = $4, updated_at = now()
           WHERE claim_number = $1 AND last_event_seq < $4`,
          [claimNumber, entry.stage, lateReport, entry.seq],
        );
        return;
      }
      await m.query(
        `UPDATE claim SET stage = $2, late_report = $3, last_event_seq = $4, updated_at = now(),
                track = $5, determination = $6, assignee_role = $7, assignee = $8, payment_deadline = $9,
                documents_complete_on = $10, benefit_total = $11, penalty_total = $12, paid_total = $13
         WHERE claim_number = $1 AND last_event_seq < $4`,
        [
          claimNumber,
          entry.stage,
          lateReport,
          entry.seq,
          readModel.track,
          readModel.determination,
          readModel.assigneeRole,
          readModel.assignee,
          readModel.paymentDeadline,
          readModel.documentsCompleteOn,
          readModel.benefitTotal,
          readModel.penaltyTotal,
          readModel.paidTotal,
        ],
      );
    });
  }
}
