import {
  Inject,
  Injectable,
  Logger,
  NotFoundException,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { ClaimStage, INCIDENT_CLAIM_WORKFLOW, type IncidentClaimInput } from '@sigap/workflows';
import DataLoader from 'dataloader';
import { DataSource } from 'typeorm';
import { ClaimCommandRefusedError } from './command-refused';
import { formatClaimNumber } from './claim-number';
import { BatchGate } from './batch-gate';
import { apiRequestRate, type RequestRate } from './request-rate';
import { hashTrackingCode, newTrackingCode } from './tracking-code';

export const TEMPORAL_CLIENT = Symbol('TEMPORAL_CLIENT');
export const TASK_QUEUE = Symbol('TASK_QUEUE');

export interface FileIncidentCommand {
  workerNik: string;
  incidentType: 'ACCIDENT' | 'DEATH';
  occurredAt: Date;
  regionCode: string;
  tpsNumber?: number;
  place?: string;
  chronology?: string;
  workerRole?: string;
  onDutyContext?: string;
  healthFacility?: string;
  reporterName?: string;
  reporterPhone?: string;
  reporterRelation?: string;
}

export interface FiledClaim {
  claimNumber: string;
  /** shown once; null when the report joined an existing claim (the code was issued with the first report) */
  trackingCode: string | null;
  stage: string;
  lateReport: boolean;
  /** a second report of the same worker and incident day joins the existing claim */
  joined: boolean;
}

export interface ClaimView {
  claimNumber: string;
  stage: string;
  incidentType: string;
  occurredAt: string;
  reportedAt: string;
  regionCode: string;
  tpsNumber: number | null;
  lateReport: boolean;
  workflowStarted: boolean;
  track: string;
  determination: string | null;
  assigneeRole: string | null;
  paymentDeadline: string | null;
  benefitTotal: number | null;
  penaltyTotal: number | null;
  paidTotal: number;
  reopenOf: string | null;
  reportCount: number;
  timeline: { seq: number; type: string; stage: string; actor: string; reason: string | null; at: string }[];
}

const LATE_MS = 2 * 24 * 60 * 60 * 1000;

/** One keyed filing: the arguments of file_incident_once, by name (the JSON element of file_incidents_once). */
interface OnceFiling {
  scope: string;
  key: string;
  requestHash: string;
  trackingCode: string;
  nik: string;
  type: string;
  occurredAt: Date;
  reportedAt: Date;
  region: string;
  tps: number | null;
  place: string | null;
  chronology: string | null;
  workerRole: string | null;
  onDutyContext: string | null;
  healthFacility: string | null;
  reporterName: string | null;
  reporterPhone: string | null;
  reporterRelation: string | null;
  trackingCodeHash: string;
  lateReport: boolean;
}

interface OnceRow {
  status_code: number | null;
  response: string | null;
  request_hash: string;
  replayed: boolean;
  claim_number: string | null;
  incident_id: string | null;
  joined: boolean | null;
}

/** The same Idempotency-Key was used before with another request. */
export class IdempotencyKeyReusedError extends Error {
  constructor() {
    super('this key was already used with a different request body');
    this.name = 'IdempotencyKeyReusedError';
  }
}

/** The key is claimed but has no stored answer (a request that stopped half-way before migration FilingOnce). */
export class IdempotencyKeyBusyError extends Error {
  constructor() {
    super('a request with this Idempotency-Key is still running');
    this.name = 'IdempotencyKeyBusyError';
  }
}

/** A report as file_incident takes it, by name (also the JSON element of file_incidents_once, with its key). */
function reportOf(
  cmd: FileIncidentCommand,
  now: Date,
  trackingCode: string,
  lateReport: boolean,
): Omit<OnceFiling, 'scope' | 'key' | 'requestHash' | 'trackingCode'> {
  return {
    nik: cmd.workerNik,
    type: cmd.incidentType,
    occurredAt: cmd.occurredAt,
    reportedAt: now,
    region: cmd.regionCode,
    tps: cmd.tpsNumber ?? null,
    place: cmd.place ?? null,
    chronology: cmd.chronology ?? null,
    workerRole: cmd.workerRole ?? null,
    onDutyContext: cmd.onDutyContext ?? null,
    healthFacility: cmd.healthFacility ?? null,
    reporterName: cmd.reporterName ?? null,
    reporterPhone: cmd.reporterPhone ?? null,
    reporterRelation: cmd.reporterRelation ?? null,
    trackingCodeHash: hashTrackingCode(trackingCode),
    lateReport,
  };
}

/** The sixteen arguments of the file_incident function, in its order. */
const REPORT_ARGUMENTS = [
  'nik',
  'type',
  'occurredAt',
  'reportedAt',
  'region',
  'tps',
  'place',
  'chronology',
  'workerRole',
  'onDutyContext',
  'healthFacility',
  'reporterName',
  'reporterPhone',
  'reporterRelation',
  'trackingCodeHash',
  'lateReport',
] as const;

const reportArguments = (r: ReturnType<typeof reportOf>): unknown[] => REPORT_ARGUMENTS.map((k) => r[k]);

@Injectable()
export class ClaimsService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ClaimsService.name);
  private sweeper?: NodeJS.Timeout;
  private readonly startQueue: { input: IncidentClaimInput; queuedAt: number }[] = [];
  private startsInFlight = 0;
  private readonly idleWaiters: (() => void)[] = [];
  private readonly startConcurrency = Math.max(1, Number(process.env.WORKFLOW_START_CONCURRENCY ?? 4) || 4);
  /** starts per second at most (a token bucket of one second): a burst of reports is answered first */
  private readonly startRate = Math.max(1, Number(process.env.WORKFLOW_START_RATE ?? 20) || 20);
  private startTokens = this.startRate;
  private tokensAt = Date.now();
  private pumpTimer?: NodeJS.Timeout;
  /**
   * While this process answers WORKFLOW_START_BUSY_RPS requests a second or more, starts wait, for
   * WORKFLOW_START_DEFER_SECONDS at most (0: never): on a machine shared with the worker and Temporal a workflow start
   * costs ~70 ms of CPU, and people filing and looking up claims are answered first. The report is stored either way.
   */
  private readonly busyRps = Math.max(1, Number(process.env.WORKFLOW_START_BUSY_RPS ?? 20) || 20);
  /** (settable by tests, as is the request rate it reads) */
  startDeferMs = Math.max(0, Number(process.env.WORKFLOW_START_DEFER_SECONDS ?? 60) || 0) * 1000;
  requestRate: Pick<RequestRate, 'perSecond'> = apiRequestRate;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(TASK_QUEUE) private readonly taskQueue: string,
  ) {}

  /**
   * Stores the incident and its claim (stage REPORTED) in one transaction and one round trip (the file_incident
   * function of migration FilingFunction), then hands the claim to the workflow starter and answers: a report is
   * never lost once this returns. The starter starts the claim's workflow at once (WORKFLOW_START_CONCURRENCY
   * starts in flight at most, the rest queued in order); if Temporal is unavailable, or this process stops first,
   * the sweeper starts it later, and a command sent to a claim whose workflow is not running yet starts it
   * (ClaimCommands). So a burst of reports is answered at the database's pace, and the workflows follow.
   */
  async fileIncident(cmd: FileIncidentCommand, now = new Date()): Promise<FiledClaim> {
    const trackingCode = newTrackingCode();
    const lateReport = now.getTime() - cmd.occurredAt.getTime() > LATE_MS;
    const [filed]: {
      claim_number: string;
      incident_id: string;
      joined: boolean;
      stage: string;
      late_report: boolean;
    }[] = await this.ds.query(
      `SELECT * FROM file_incident($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
      reportArguments(reportOf(cmd, now, trackingCode, lateReport)),
    );
    if (filed.joined) {
      return {
        claimNumber: filed.claim_number,
        trackingCode: null,
        stage: filed.stage,
        lateReport: filed.late_report,
        joined: true,
      };
    }
    this.startFiled(cmd, filed.claim_number, filed.incident_id, now);
    return {
      claimNumber: filed.claim_number,
      trackingCode,
      stage: ClaimStage.REPORTED,
      lateReport,
      joined: false,
    };
  }

  /**
   * fileIncident with an Idempotency-Key, in one transaction and one round trip (file_incident_once, migration
   * FilingOnce): the first request with a key files and its answer is stored with the claim; a retry with the same
   * key and request hash gets that answer (`replayed`), even while the first is still running (it waits for it);
   * the same key with another request is refused (IdempotencyKeyReusedError). The answer is the JSON text of the
   * FiledClaim, so a replay is byte for byte the first answer.
   */
  async fileIncidentOnce(
    cmd: FileIncidentCommand,
    once: { scope: string; key: string; requestHash: string },
    now = new Date(),
  ): Promise<{ statusCode: number; response: string; replayed: boolean }> {
    const trackingCode = newTrackingCode();
    const lateReport = now.getTime() - cmd.occurredAt.getTime() > LATE_MS;
    const r = await this.onceFilings.load({
      ...once,
      trackingCode,
      ...reportOf(cmd, now, trackingCode, lateReport),
    });
    if (r.replayed && r.request_hash !== once.requestHash) throw new IdempotencyKeyReusedError();
    // a key claimed without an answer: only left by the three-statement filing before migration FilingOnce
    if (r.status_code === null || r.response === null) throw new IdempotencyKeyBusyError();
    if (!r.replayed && !r.joined) this.startFiled(cmd, r.claim_number!, r.incident_id!, now);
    return { statusCode: r.status_code, response: r.response, replayed: r.replayed };
  }

  /**
   * Keyed filings go to PostgreSQL together, in one statement and one transaction (file_incidents_once, migration
   * FilingBatch; DataLoader, nothing cached): under load a round trip costs more than the rows it writes
   * (docs/api.md). Group commit: FILING_BATCHES_IN_FLIGHT batches (1) run at a time, and the filings that arrive
   * while they run make the next batch (at most FILING_BATCH_MAX, 32), sent the moment one ends; a filing alone goes
   * after the current turn of the event loop. If a batch fails as a whole (a report the database refuses, a deadlock
   * with another process's batch), nothing of it was kept, and each report is filed again on its own: each answer
   * is its own, as without the batch.
   */
  readonly filingGate = new BatchGate(
    Math.max(1, Math.floor(Number(process.env.FILING_BATCHES_IN_FLIGHT ?? 1)) || 1),
  );
  private readonly onceFilings = new DataLoader<OnceFiling, OnceRow>(
    (batch) => this.filingGate.run(() => this.fileOnceBatch(batch)),
    {
      cache: false,
      maxBatchSize: Math.max(1, Math.floor(Number(process.env.FILING_BATCH_MAX ?? 32)) || 32),
      batchScheduleFn: this.filingGate.schedule,
    },
  );

  private async fileOnceAlone(f: OnceFiling): Promise<OnceRow> {
    const [r]: OnceRow[] = await this.ds.query(
      `SELECT * FROM file_incident_once($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17,
                                        $18, $19, $20)`,
      [f.scope, f.key, f.requestHash, f.trackingCode, ...reportArguments(f)],
    );
    return r;
  }

  private async fileOnceBatch(batch: readonly OnceFiling[]): Promise<(OnceRow | Error)[]> {
    const alone = (f: OnceFiling) => this.fileOnceAlone(f).catch((err: Error) => err);
    if (batch.length === 1) return [await alone(batch[0])];
    try {
      const rows: (OnceRow & { ord: number })[] = await this.ds.query(
        `SELECT * FROM file_incidents_once($1::jsonb)`,
        [JSON.stringify(batch)],
      );
      const byOrd = new Map(rows.map((r) => [r.ord, r]));
      return batch.map((_, i) => byOrd.get(i + 1) ?? new Error('a filing of the batch has no result'));
    } catch (err) {
      // the code only: a data exception's message may quote a value
      this.logger.warn(
        `${batch.length} filings sent together were refused as a whole (${(err as { code?: string }).code ?? 'no code'}); filing each on its own`,
      );
      return Promise.all(batch.map(alone));
    }
  }

  private startFiled(cmd: FileIncidentCommand, claimNumber: string, incidentId: string, now: Date): void {
    this.enqueueStart({
      claimNumber,
      incidentId,
      incidentType: cmd.incidentType,
      occurredAt: cmd.occurredAt.toISOString(),
      reportedAt: now.toISOString(),
      regencyCode: cmd.regionCode.slice(0, 4),
    });
  }

  /** Starts queued workflows, at most `startConcurrency` at a time; a failed start is left to the sweeper. */
  private enqueueStart(input: IncidentClaimInput): void {
    this.startQueue.push({ input, queuedAt: Date.now() });
    this.pumpStarts();
  }

  /** Whether the next start waits: the api is busy answering and the oldest queued start has not waited too long. */
  private deferring(now: number): boolean {
    return (
      this.startDeferMs > 0 &&
      this.startQueue.length > 0 &&
      now - this.startQueue[0].queuedAt < this.startDeferMs &&
      this.requestRate.perSecond() >= this.busyRps
    );
  }

  private pumpLater(ms: number): void {
    this.pumpTimer ??= setTimeout(() => {
      this.pumpTimer = undefined;
      this.pumpStarts();
    }, ms);
    this.pumpTimer.unref(); // what is still queued at shutdown is the sweeper's at the next start
  }

  private pumpStarts(): void {
    const now = Date.now();
    this.startTokens = Math.min(
      this.startRate,
      this.startTokens + ((now - this.tokensAt) / 1000) * this.startRate,
    );
    this.tokensAt = now;
    while (this.startsInFlight < this.startConcurrency && this.startQueue.length > 0) {
      if (this.deferring(now)) return this.pumpLater(100);
      if (this.startTokens < 1) {
        // out of tokens: come back when the next one is due
        return this.pumpLater(Math.ceil(((1 - this.startTokens) / this.startRate) * 1000));
      }
      this.startTokens--;
      const { input } = this.startQueue.shift()!;
      this.startsInFlight++;
      this.startWorkflow(input)
        .catch((err: Error) =>
          this.logger.warn(
            `workflow of ${input.claimNumber} not started yet, the sweeper retries: ${err.message}`,
          ),
        )
        .finally(() => {
          this.startsInFlight--;
          this.pumpStarts();
          if (this.startsInFlight === 0 && this.startQueue.length === 0) {
            for (const resolve of this.idleWaiters.splice(0)) resolve();
          }
        });
    }
  }

  /** Resolves when every workflow handed to the starter so far has been started (or left to the sweeper). */
  startsSettled(): Promise<void> {
    if (this.startsInFlight === 0 && this.startQueue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * Starts the workflow of one stored claim if it is not running yet (a command arrived before the starter got to
   * it, or after Temporal was down). Returns false when there is no such claim.
   */
  async ensureWorkflowStarted(claimNumber: string): Promise<boolean> {
    const [r] = await this.pendingStarts(`c.claim_number = $1`, [claimNumber]);
    if (r) await this.startWorkflow(r);
    return r !== undefined;
  }

  private async pendingStarts(where: string, params: unknown[]): Promise<IncidentClaimInput[]> {
    const rows: {
      claim_number: string;
      incident_id: string;
      incident_type: 'ACCIDENT' | 'DEATH';
      occurred_at: Date;
      reported_at: Date;
      regency_code: string;
      reopen_of: string | null;
      reopen_reason: string | null;
      reopened_by: string | null;
    }[] = await this.ds.query(
      `SELECT c.claim_number, c.incident_id, i.incident_type, i.occurred_at, i.reported_at, c.regency_code,
              c.reopen_of, c.reopen_reason, c.reopened_by
       FROM claim c JOIN incident i ON i.id = c.incident_id
       WHERE c.workflow_started_at IS NULL AND ${where}
       ORDER BY c.created_at LIMIT 500`,
      params,
    );
    return rows.map((r) => ({
      claimNumber: r.claim_number,
      incidentId: r.incident_id,
      incidentType: r.incident_type,
      occurredAt: r.occurred_at.toISOString(),
      reportedAt: r.reported_at.toISOString(),
      regencyCode: r.regency_code,
      ...(r.reopen_of
        ? {
            reopenOf: {
              claimNumber: r.reopen_of,
              reason: r.reopen_reason ?? '',
              actor: r.reopened_by ?? 'unknown (reopened before reopened_by was recorded)',
            },
          }
        : {}),
    }));
  }

  /**
   * Reopens a rejected or withdrawn claim as a new claim of the same incident, linked to the original with a
   * reason. The family's tracking code stays valid (same hash).
   */
  /**
   * Reopens a REJECTED claim, or a WITHDRAWN one that paid nothing, as a new claim linked to it (never a PAID or CLOSED
   * one: that would pay again). At most once per original (unique index claim_reopen_once): a repeated or concurrent
   * call answers the claim the first one made, and starts its workflow if that had not happened yet.
   */
  async reopenClaim(
    original: string,
    cmd: { actor: string; reason: string },
    now = new Date(),
  ): Promise<FiledClaim & { replayed?: boolean }> {
    if (!cmd.reason || cmd.reason.trim().length < 5)
      throw new Error('a reason is required to reopen a claim');
    const reason = cmd.reason.trim();
    const reopened = await this.ds
      .transaction(async (m) => {
        const [orig] = await m.query(
          `SELECT c.*, i.incident_type, i.occurred_at, i.reported_at,
                  (SELECT claim_number FROM claim r WHERE r.reopen_of = c.claim_number AND r.reopen_flag IS NULL)
                    AS reopened_as,
                  EXISTS (SELECT 1 FROM claim_payment p WHERE p.claim_number = c.claim_number
                             AND p.status IN ('REQUESTED', 'COMPLETED')) AS paid_something
             FROM claim c JOIN incident i ON i.id = c.incident_id
            WHERE c.claim_number = $1 FOR UPDATE OF c`,
          [original],
        );
        if (!orig) throw new NotFoundException(`claim ${original} not found`);
        if (orig.reopened_as) return { number: orig.reopened_as as string, orig, replayed: true };
        refuseReopen(orig.stage, orig.paid_something);
        const [{ seq }] = await m.query(`SELECT nextval('claim_number_seq')::int AS seq`);
        const number = formatClaimNumber(now, seq);
        await m.query(
          `INSERT INTO claim (claim_number, incident_id, tracking_code_hash, stage, regency_code, late_report,
                              reopen_of, reopen_reason, reopened_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [
            number,
            orig.incident_id,
            orig.tracking_code_hash,
            ClaimStage.REPORTED,
            orig.regency_code,
            orig.late_report,
            original,
            reason,
            cmd.actor,
          ],
        );
        return { number, orig, replayed: false };
      })
      .catch(async (err: { constraint?: string }) => {
        // two first calls at once: the original's row lock orders them, and the index holds even without it
        if (err.constraint !== 'claim_reopen_once') throw err;
        const [orig] = await this.ds.query(
          `SELECT c.*, i.incident_type, i.occurred_at, i.reported_at, r.claim_number AS reopened_as
             FROM claim c JOIN incident i ON i.id = c.incident_id
             JOIN claim r ON r.reopen_of = c.claim_number AND r.reopen_flag IS NULL
            WHERE c.claim_number = $1`,
          [original],
        );
        return { number: orig.reopened_as as string, orig, replayed: true };
      });
    const [row] = await this.ds.query(
      `SELECT stage, reopen_reason, reopened_by, workflow_started_at FROM claim WHERE claim_number = $1`,
      [reopened.number],
    );
    if (!row.workflow_started_at) {
      await this.startWorkflow({
        claimNumber: reopened.number,
        incidentId: reopened.orig.incident_id,
        incidentType: reopened.orig.incident_type,
        occurredAt: reopened.orig.occurred_at.toISOString(),
        reportedAt: reopened.orig.reported_at.toISOString(),
        regencyCode: reopened.orig.regency_code,
        reopenOf: { claimNumber: original, reason: row.reopen_reason, actor: row.reopened_by },
      });
    }
    return {
      claimNumber: reopened.number,
      trackingCode: null,
      stage: reopened.replayed ? row.stage : ClaimStage.REPORTED,
      lateReport: reopened.orig.late_report,
      joined: false,
      ...(reopened.replayed ? { replayed: true } : {}),
    };
  }

  async startWorkflow(input: IncidentClaimInput): Promise<void> {
    try {
      await this.temporal.workflow.start(INCIDENT_CLAIM_WORKFLOW, {
        workflowId: input.claimNumber,
        taskQueue: this.taskQueue,
        args: [input],
        // a claim number is never reused, even after its workflow closed
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
    await this.ds.query(
      `UPDATE claim SET workflow_started_at = now() WHERE claim_number = $1 AND workflow_started_at IS NULL`,
      [input.claimNumber],
    );
  }

  /**
   * Starts the workflows of stored claims whose start did not go through (Temporal was down, the process stopped);
   * returns how many. Claims younger than the longest a start may wait (WORKFLOW_START_DEFER_SECONDS) plus 10 s are
   * left alone: another api process may still hold them back while it is busy.
   */
  async startPendingWorkflows(olderThanMs = this.startDeferMs + 10000): Promise<number> {
    // claims still queued in this process are the starter's; the sweep is for those nobody is starting
    if (this.startQueue.length > 0) return 0;
    const pending = await this.pendingStarts(`c.created_at < now() - make_interval(secs => $1)`, [
      olderThanMs / 1000,
    ]);
    let started = 0;
    for (const input of pending) {
      try {
        await this.startWorkflow(input);
        started++;
      } catch (err) {
        this.logger.warn(`workflow of ${input.claimNumber} still not started: ${(err as Error).message}`);
        break; // Temporal is still down; try again at the next sweep
      }
    }
    return started;
  }

  onApplicationBootstrap(): void {
    const sweep = () =>
      this.startPendingWorkflows().catch((err) =>
        this.logger.warn(`sweep failed: ${(err as Error).message}`),
      );
    void sweep();
    this.sweeper = setInterval(sweep, 15000);
    this.sweeper.unref();
  }

  onModuleDestroy(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    if (this.pumpTimer) clearTimeout(this.pumpTimer);
  }

  async getClaim(claimNumber: string): Promise<ClaimView> {
    const [row] = await this.ds.query(
      `SELECT c.claim_number, c.stage, c.late_report, c.workflow_started_at, i.incident_type, i.occurred_at,
              i.reported_at, i.region_code, i.tps_number, c.track, c.determination, c.assignee_role,
              to_char(c.payment_deadline, 'YYYY-MM-DD') AS payment_deadline, c.benefit_total::float8 AS benefit_total,
              c.penalty_total::float8 AS penalty_total, c.paid_total::float8 AS paid_total, c.reopen_of, c.report_count
       FROM claim c JOIN incident i ON i.id = c.incident_id WHERE c.claim_number = $1`,
      [claimNumber],
    );
    if (!row) throw new NotFoundException(`claim ${claimNumber} not found`);
    const events = await this.ds.query(
      `SELECT seq, type, stage, actor, reason, occurred_at FROM claim_event WHERE claim_number = $1 ORDER BY seq`,
      [claimNumber],
    );
    return {
      claimNumber: row.claim_number,
      stage: row.stage,
      incidentType: row.incident_type,
      occurredAt: row.occurred_at.toISOString(),
      reportedAt: row.reported_at.toISOString(),
      regionCode: row.region_code,
      tpsNumber: row.tps_number,
      lateReport: row.late_report,
      workflowStarted: row.workflow_started_at !== null,
      track: row.track,
      determination: row.determination,
      assigneeRole: row.assignee_role,
      paymentDeadline: row.payment_deadline,
      benefitTotal: row.benefit_total,
      penaltyTotal: row.penalty_total,
      paidTotal: row.paid_total,
      reopenOf: row.reopen_of,
      reportCount: row.report_count,
      timeline: events.map(
        (e: {
          seq: number;
          type: string;
          stage: string;
          actor: string;
          reason: string | null;
          occurred_at: Date;
        }) => ({
          seq: e.seq,
          type: e.type,
          stage: e.stage,
          actor: e.actor,
          reason: e.reason,
          at: e.occurred_at.toISOString(),
        }),
      ),
    };
  }
}

/**
 * Which claims may be reopened: a REJECTED one, or a WITHDRAWN one that paid nothing. A PAID, CLOSED or otherwise
 * paying claim never is (its items are paid; a reopen would pay them again).
 */
export function refuseReopen(stage: string, paidSomething: boolean): void {
  if (stage === ClaimStage.REJECTED) return;
  if (stage === ClaimStage.WITHDRAWN && !paidSomething) return;
  throw new ClaimCommandRefusedError(
    'NotAllowedInStage',
    stage === ClaimStage.WITHDRAWN
      ? 'this withdrawn claim already paid part of its benefit: it cannot be reopened'
      : `the claim is ${stage}: only a rejected claim, or a withdrawn one that paid nothing, is reopened`,
  );
}
