import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ClaimActivities, ClaimEventProjection } from '@sigap/workflows';
import { DataSource } from 'typeorm';

/**
 * Activities that project a claim's workflow events into PostgreSQL: the append-only timeline and the read model.
 * Activities run at least once, so each write is idempotent per (claim_number, seq) and out-of-order deliveries
 * never move the read model backwards.
 */
@Injectable()
export class ClaimProjectionService implements ClaimActivities {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async projectClaimEvent({ claimNumber, entry, lateReport }: ClaimEventProjection): Promise<void> {
    await this.ds.transaction(async (m) => {
      const claim = await m.query('SELECT 1 FROM claim WHERE claim_number = $1 FOR UPDATE', [claimNumber]);
      if (claim.length === 0) {
        // the read-model row is written before the workflow starts; its absence is a real error, retried
        throw new Error(`claim ${claimNumber} has no read-model row`);
      }
      await m.query(
        `INSERT INTO claim_event (claim_number, seq, type, stage, actor, reason, occurred_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (claim_number, seq) DO NOTHING`,
        [claimNumber, entry.seq, entry.type, entry.stage, entry.actor, entry.reason ?? null, entry.at],
      );
      await m.query(
        `UPDATE claim SET stage = $2, late_report = $3, last_event_seq = $4, updated_at = now()
         WHERE claim_number = $1 AND last_event_seq < $4`,
        [claimNumber, entry.stage, lateReport, entry.seq],
      );
    });
  }
}
