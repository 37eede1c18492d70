import { HttpException, HttpStatus, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { hashTrackingCode } from '@sigap/claims';
import { timingSafeEqual } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CHECKLISTS } from '@sigap/domain';
import { stageLabel } from './labels';

/** Document labels in both languages, by code, from the checklists of libs/domain. */
const DOCUMENT_LABELS = new Map(
  Object.values(CHECKLISTS).flatMap((list) => list.map((d) => [d.code, d.label] as const)),
);

/** Wrong codes tolerated per claim in one window before the claim's tracking is locked for the rest of it. */
export const TRACK_FAILURES_PER_CLAIM = 10;
export const TRACK_WINDOW_MINUTES = 15;

export interface TrackingView {
  claimNumber: string;
  stage: { code: string; label: { id: string; en: string } };
  timeline: { at: string; stage: string; label: { id: string; en: string } }[];
  /** documents the family still has to supply (missing or rejected), with the reason of a rejection */
  /** label in Bahasa Indonesia, labelEn in English */
  expectedFromFamily: {
    code: string;
    label: string;
    labelEn: string;
    status: string;
    reason: string | null;
  }[];
  payout: {
    status: 'NOT_YET' | 'IN_PROGRESS' | 'PAID';
    benefitTotal: number | null;
    paidTotal: number;
    paidOn: string | null;
    account: string | null;
  };
}

const UNKNOWN = 'no claim with this number and tracking code';

@Injectable()
export class TrackingService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * The family's view of a claim. A wrong code answers exactly like an unknown claim (404, same message); wrong
   * codes are counted per claim in PostgreSQL (shared by every api replica) and lock the claim's tracking for the
   * rest of the window (429) after TRACK_FAILURES_PER_CLAIM.
   */
  async track(claimNumber: string, code: string): Promise<TrackingView> {
    // the claim and its wrong-code count of the current window in one round trip
    const [claim] = await this.ds.query(
      `SELECT c.claim_number, c.tracking_code_hash, c.stage, c.benefit_total, c.paid_total,
              (SELECT t.failures FROM track_attempt t
                WHERE t.claim_number = c.claim_number
                  AND t.window_start > now() - make_interval(mins => $2)) AS failures
         FROM claim c WHERE c.claim_number = $1`,
      [claimNumber, TRACK_WINDOW_MINUTES],
    );
    const given = Buffer.from(hashTrackingCode(code), 'hex');
    const locked = claim ? (claim.failures ?? 0) >= TRACK_FAILURES_PER_CLAIM : false;
    if (locked) throw this.tooMany();
    const ok = claim && timingSafeEqual(Buffer.from(claim.tracking_code_hash, 'hex'), given);
    if (!ok) {
      if (claim) await this.countFailure(claimNumber);
      throw new NotFoundException(UNKNOWN);
    }

    const [events, docs, payments] = await Promise.all([
      this.ds.query(`SELECT stage, occurred_at FROM claim_event WHERE claim_number = $1 ORDER BY seq`, [
        claimNumber,
      ]),
      this.ds.query(
        // the read model changes on review only: an upload made since the last review is no longer expected
        `SELECT d.code, d.label, d.status, d.reason FROM claim_document d
          WHERE d.claim_number = $1 AND d.supplier = 'FAMILY' AND d.status IN ('MISSING', 'REJECTED')
            AND NOT EXISTS (SELECT 1 FROM claim_document_upload u
                             WHERE u.claim_number = d.claim_number AND u.document_code = d.code
                               AND u.uploaded_at > d.updated_at)
          ORDER BY d.code`,
        [claimNumber],
      ),
      this.ds.query(
        `SELECT to_char(max(p.updated_at) FILTER (WHERE p.status = 'COMPLETED') AT TIME ZONE 'Asia/Jakarta',
                        'YYYY-MM-DD') AS paid_on,
                count(*) FILTER (WHERE p.status = 'REQUESTED') AS pending,
                (SELECT a.masked FROM claim_bank_account a WHERE a.claim_number = $1
                  ORDER BY a.created_at DESC LIMIT 1) AS account
           FROM claim_payment p WHERE p.claim_number = $1`,
        [claimNumber],
      ),
    ]);

    // one entry per stage change: what a family needs, without who did it
    const timeline: TrackingView['timeline'] = [];
    for (const e of events as { stage: string; occurred_at: Date }[]) {
      if (timeline.at(-1)?.stage === e.stage) continue;
      timeline.push({ at: e.occurred_at.toISOString(), stage: e.stage, label: stageLabel(e.stage) });
    }
    const pay = payments[0] ?? {};
    const paidTotal = Number(claim.paid_total ?? 0);
    const benefitTotal =
      claim.benefit_total === null || claim.benefit_total === undefined ? null : Number(claim.benefit_total);
    const status: TrackingView['payout']['status'] =
      ['PAID', 'INSTALLMENTS', 'CLOSED'].includes(claim.stage) && paidTotal > 0
        ? 'PAID'
        : paidTotal > 0 || Number(pay.pending ?? 0) > 0 || claim.stage === 'PAYOUT'
          ? 'IN_PROGRESS'
          : 'NOT_YET';
    return {
      claimNumber,
      stage: { code: claim.stage, label: stageLabel(claim.stage) },
      timeline,
      expectedFromFamily: (
        docs as { code: string; label: string; status: string; reason: string | null }[]
      ).map((d) => ({
        ...d,
        label: DOCUMENT_LABELS.get(d.code)?.id ?? d.label,
        labelEn: DOCUMENT_LABELS.get(d.code)?.en ?? d.label,
      })),
      payout: {
        status,
        benefitTotal,
        paidTotal,
        paidOn: pay.paid_on ?? null, // the date in Indonesia (WIB), like the timeline
        account: pay.account ?? null,
      },
    };
  }

  private async countFailure(claimNumber: string): Promise<void> {
    await this.ds.query(
      `INSERT INTO track_attempt (claim_number, window_start, failures) VALUES ($1, now(), 1)
       ON CONFLICT (claim_number) DO UPDATE SET
         failures = CASE WHEN track_attempt.window_start > now() - make_interval(mins => $2)
                         THEN track_attempt.failures + 1 ELSE 1 END,
         window_start = CASE WHEN track_attempt.window_start > now() - make_interval(mins => $2)
                             THEN track_attempt.window_start ELSE now() END`,
      [claimNumber, TRACK_WINDOW_MINUTES],
    );
  }

  private tooMany(): HttpException {
    return new HttpException(
      `too many wrong tracking codes for this claim; try again in ${TRACK_WINDOW_MINUTES} minutes`,
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}
