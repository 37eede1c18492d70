import { HttpException, HttpStatus, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { hashTrackingCode } from '@sigap/claims';
import { timingSafeEqual } from 'node:crypto';
import { preparedQuery } from '@sigap/persistence';
import DataLoader from 'dataloader';
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

interface TrackRow {
  claim_number: string;
  tracking_code_hash: string;
  stage: string;
  benefit_total: string | null;
  paid_total: string | null;
  failures: number | null;
  events: { stage: string; at: string }[];
  docs: { code: string; label: string; status: string; reason: string | null }[];
  paid_on: string | null;
  pending: number;
  account: string | null;
}

/** Times as JavaScript's toISOString() writes them (UTC, milliseconds, Z). */
const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

export const TRACK_SQL = `
  SELECT c.claim_number, c.tracking_code_hash, c.stage, c.benefit_total, c.paid_total,
         (SELECT t.failures FROM track_attempt t
           WHERE t.claim_number = c.claim_number
             AND t.window_start > now() - make_interval(mins => $2)) AS failures,
         (SELECT coalesce(json_agg(json_build_object('stage', e.stage,
                                                     'at', to_char(e.occurred_at AT TIME ZONE 'UTC', ${ISO}))
                                   ORDER BY e.seq), '[]')
            FROM claim_event e WHERE e.claim_number = c.claim_number) AS events,
         -- the read model changes on review only: an upload made since the last review is no longer expected
         (SELECT coalesce(json_agg(json_build_object('code', d.code, 'label', d.label, 'status', d.status,
                                                     'reason', d.reason) ORDER BY d.code), '[]')
            FROM claim_document d
           WHERE d.claim_number = c.claim_number AND d.supplier = 'FAMILY' AND d.status IN ('MISSING', 'REJECTED')
             AND NOT EXISTS (SELECT 1 FROM claim_document_upload u
                              WHERE u.claim_number = d.claim_number AND u.document_code = d.code
                                AND u.uploaded_at > d.updated_at)) AS docs,
         (SELECT to_char(max(p.updated_at) AT TIME ZONE 'Asia/Jakarta', 'YYYY-MM-DD')
            FROM claim_payment p WHERE p.claim_number = c.claim_number AND p.status = 'COMPLETED') AS paid_on,
         (SELECT count(*)::int FROM claim_payment p
           WHERE p.claim_number = c.claim_number AND p.status = 'REQUESTED') AS pending,
         -- the account that will be paid: the one designated last (not the one registered last)
         (SELECT e.after ->> 'masked' FROM claim_event e
           WHERE e.claim_number = c.claim_number
             AND e.type IN ('PAYOUT_ACCOUNT_DESIGNATED', 'PAYOUT_ACCOUNT_CORRECTED')
           ORDER BY e.seq DESC LIMIT 1) AS account
    FROM claim c WHERE c.claim_number = ANY($1::varchar[])`;

/** Lookups that arrive together are read together, up to this many claims in one statement. */
const BATCH_MAX = 64;

@Injectable()
export class TrackingService {
  /**
   * The lookups whose requests were read in the same turn of the event loop go to PostgreSQL as one statement
   * (DataLoader, dispatched by setImmediate once the turn's input is read; nothing is cached between batches): under
   * load a round trip to PostgreSQL costs this process more than the rows it brings (a socket write that wakes
   * the database, docs/api.md), and 50 families at once share a few. A lone lookup goes at once, as before.
   */
  private readonly rows = new DataLoader<string, TrackRow | undefined>(
    async (numbers) => {
      const found = await preparedQuery<TrackRow>(this.ds, 'sigap_track_claims', TRACK_SQL, [
        numbers,
        TRACK_WINDOW_MINUTES,
      ]);
      const byNumber = new Map(found.map((r) => [r.claim_number, r]));
      return numbers.map((n) => byNumber.get(n));
    },
    { cache: false, maxBatchSize: BATCH_MAX, batchScheduleFn: (dispatch) => setImmediate(dispatch) },
  );

  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * The family's view of a claim. A wrong code answers exactly like an unknown claim (404, same message); wrong
   * codes are counted per claim in PostgreSQL (shared by every api replica) and lock the claim's tracking for the
   * rest of the window (429) after TRACK_FAILURES_PER_CLAIM.
   */
  async track(claimNumber: string, code: string): Promise<TrackingView> {
    // everything in one round trip (a prepared statement, shared with the lookups read at the same time): the
    // claim, its wrong-code count of the current window, its timeline, the documents still expected from the
    // family, and the payout; nothing leaves this method unless the code is right
    const claim = await this.rows.load(claimNumber);
    const given = Buffer.from(hashTrackingCode(code), 'hex');
    const locked = claim ? (claim.failures ?? 0) >= TRACK_FAILURES_PER_CLAIM : false;
    if (locked) throw this.tooMany();
    const ok = claim && timingSafeEqual(Buffer.from(claim.tracking_code_hash, 'hex'), given);
    if (!ok) {
      if (claim) await this.countFailure(claimNumber);
      throw new NotFoundException(UNKNOWN);
    }
    const { events, docs } = claim;
    const pay = claim;

    // one entry per stage change: what a family needs, without who did it
    const timeline: TrackingView['timeline'] = [];
    for (const e of events) {
      if (timeline.at(-1)?.stage === e.stage) continue;
      timeline.push({ at: e.at, stage: e.stage, label: stageLabel(e.stage) });
    }
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
      expectedFromFamily: docs.map((d) => ({
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
