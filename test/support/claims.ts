import type { INestApplicationContext } from '@nestjs/common';
import {
  ClaimCommands,
  ClaimsService,
  DocumentsService,
  PaymentsService,
  type FileIncidentCommand,
} from '@sigap/claims';
import { getClaimStateQuery, type ClaimState } from '@sigap/workflows';
import { Client } from '@temporalio/client';
import { randomInt } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { startBankSim, type BankAccount, type BankSim } from '../../apps/bank-sim/src/bank-sim';
import { eventually } from './stack';

/** A valid, unique-enough NIK for a test worker (Kota Bandung, random birth date and serial). */
export function testNik(): string {
  const day = String(randomInt(1, 29) + (randomInt(2) ? 40 : 0)).padStart(2, '0');
  const month = String(randomInt(1, 13)).padStart(2, '0');
  const year = String(randomInt(60, 100)).padStart(2, '0');
  return `327301${day}${month}${year}${String(randomInt(1, 10000)).padStart(4, '0')}`;
}

export interface SeedCoverage {
  termStart: string;
  termEnd: string;
  wageBase?: number;
  organisation?: 'KPU' | 'BAWASLU';
  role?: string;
  jkk?: boolean;
  jkm?: boolean;
}

/** Real rows in the coverage registry's tables (libs/coverage): worker, appointment, coverage period. */
export async function seedCoverage(ds: DataSource, nik: string, o: SeedCoverage): Promise<void> {
  const org = o.organisation ?? 'KPU';
  const role = o.role ?? 'KPPS_ANGGOTA';
  await ds.query(
    `INSERT INTO adhoc_worker (nik, full_name, sex, birth_date) VALUES ($1, 'Test Worker', 'P', '1990-07-01')
     ON CONFLICT (nik) DO NOTHING`,
    [nik],
  );
  await ds.query(
    `INSERT INTO appointment (worker_nik, election_event, organisation, role, region_code, tps_number, sk_number, term_start, term_end, honorarium)
     VALUES ($1, 'PILKADA_2026', $2, $3, '3273011001', 12, 'SK/TEST/1', $4, $5, $6)`,
    [nik, org, role, o.termStart, o.termEnd, o.wageBase ?? 1_100_000],
  );
  await ds.query(
    `INSERT INTO coverage_period (worker_nik, election_event, organisation, role, participant_number, jkk, jkm, period_start, period_end,
                                  wage_base, wage_base_source, segment, funding_source, contribution_status)
     VALUES ($1, 'PILKADA_2026', $2, $3, $4, $5, $6, $7, $8, $9, 'HONORARIUM', 'BPU', 'APBD', 'PAID')`,
    [
      nik,
      org,
      role,
      `9${nik.slice(6, 16)}`,
      o.jkk ?? true,
      o.jkm ?? true,
      o.termStart,
      o.termEnd,
      o.wageBase ?? 1_100_000,
    ],
  );
}

export const isoDate = (d: Date) => new Date(d.getTime() + 7 * 3600e3).toISOString().slice(0, 10);

/** Everything a claim test drives: the services of the worker context and a client of the test's server. */
export class ClaimsHarness {
  readonly ds: DataSource;
  readonly claims: ClaimsService;
  readonly commands: ClaimCommands;

  constructor(
    ctx: INestApplicationContext,
    readonly client: Client,
    taskQueue: string,
    readonly bank: BankSim,
  ) {
    this.ds = ctx.get(DataSource);
    this.claims = new ClaimsService(this.ds, client, taskQueue);
    this.commands = new ClaimCommands(
      client,
      ctx.get(DocumentsService),
      ctx.get(PaymentsService),
      this.claims,
    );
  }

  /** Files an incident for a (new) covered worker; `covered: false` leaves the registry without a record. */
  async file(
    o: Partial<FileIncidentCommand> & { covered?: boolean; wageBase?: number; occurredAt?: Date } = {},
  ): Promise<{ claimNumber: string; nik: string; trackingCode: string | null }> {
    const nik = o.workerNik ?? testNik();
    const occurredAt = o.occurredAt ?? new Date(Date.now() - 3 * 3600e3);
    if (o.covered !== false && !o.workerNik) {
      const day = isoDate(occurredAt);
      await seedCoverage(this.ds, nik, {
        termStart: isoDate(new Date(occurredAt.getTime() - 20 * 86400e3)),
        termEnd: isoDate(
          new Date(Math.max(occurredAt.getTime(), Date.parse(`${day}T00:00:00Z`)) + 20 * 86400e3),
        ),
        ...(o.wageBase ? { wageBase: o.wageBase } : {}),
      });
    }
    const r = await this.claims.fileIncident({
      workerNik: nik,
      incidentType: o.incidentType ?? 'DEATH',
      occurredAt,
      regionCode: o.regionCode ?? '3273011001',
      tpsNumber: 12,
      place: 'TPS 012',
      chronology: 'Collapsed while counting ballots; taken to RSUD at 22:10.',
      workerRole: 'KPPS_ANGGOTA',
      reporterName: 'Operator KPU',
      reporterPhone: '081234567890',
    });
    return { claimNumber: r.claimNumber, nik, trackingCode: r.trackingCode };
  }

  handle(claimNumber: string) {
    return this.client.workflow.getHandle(claimNumber);
  }

  state(claimNumber: string): Promise<ClaimState> {
    return this.handle(claimNumber).query(getClaimStateQuery);
  }

  /** Waits (wall time) until the workflow reports the stage. */
  async stage(claimNumber: string, stage: string, timeoutMs = 30000): Promise<ClaimState> {
    return eventually(async () => {
      const s = await this.state(claimNumber);
      return s.stage === stage && s;
    }, timeoutMs);
  }

  /** Uploads and accepts every document on the checklist (a different officer each time is not needed). */
  async completeDocuments(claimNumber: string, officer = 'officer-1'): Promise<ClaimState> {
    const s = await this.stage(claimNumber, 'DOCUMENTS');
    for (const d of s.documents) {
      await this.upload(claimNumber, d.code);
    }
    await eventually(async () =>
      (await this.state(claimNumber)).documents.every((d) => d.status === 'UPLOADED'),
    );
    let last = s;
    for (const d of s.documents) {
      last = await this.commands.reviewDocument(claimNumber, {
        actor: officer,
        documentCode: d.code,
        decision: 'ACCEPT',
      });
    }
    return last;
  }

  upload(claimNumber: string, documentCode: string, by = 'family-1') {
    return this.commands.uploadDocument({
      claimNumber,
      documentCode,
      uploadedBy: by,
      content: Buffer.from(`${claimNumber}/${documentCode}/${Date.now()}`),
      fileName: `${documentCode}.pdf`,
      contentType: 'application/pdf',
    });
  }

  /**
   * Registers the payout account, after opening it at the bank under the same holder name (the simulator knows only
   * opened accounts). A number starting with 000 stays invalid at the bank although opened. The holder is the heir
   * ("Ahli Waris") for a death, and the worker (the roster's name) for an accident, as the payee check expects;
   * `holderName` opens it under another name (a mismatch).
   */
  async setAccount(claimNumber: string, accountNumber = '1234567890', by = 'family-1', holderName?: string) {
    const [row] = await this.ds.query(
      `SELECT i.incident_type, c.determination, w.full_name FROM claim c JOIN incident i ON i.id = c.incident_id
         LEFT JOIN adhoc_worker w ON w.nik = i.worker_nik::bigint WHERE c.claim_number = $1`,
      [claimNumber],
    );
    const death = row?.incident_type === 'DEATH' || /DEATH|^JKM/.test(row?.determination ?? '');
    const holder = holderName ?? (!death && row?.full_name ? row.full_name : 'Ahli Waris');
    if (!this.bank.accounts.has(`BNI:${accountNumber}`)) {
      this.bank.openAccount({ bankCode: 'BNI', accountNumber, holderName: holder });
    }
    return this.commands.setPayoutAccount({
      claimNumber,
      bankCode: 'BNI',
      accountNumber,
      holderName: holder,
      registeredBy: by,
    });
  }

  /** Transfers in the bank's ledger for this claim. */
  ledger(claimNumber: string) {
    return this.bank.ledger.filter((t) => t.reference.startsWith(`${claimNumber} `));
  }

  async events(
    claimNumber: string,
  ): Promise<{ seq: number; type: string; actor: string; reason: string | null }[]> {
    return this.ds.query(
      `SELECT seq, type, actor, reason FROM claim_event WHERE claim_number = $1 ORDER BY seq`,
      [claimNumber],
    );
  }
}

/** The bank simulator for a test, with `accounts` open (it knows only opened accounts: `bank.openAccount(…)`). */
export async function startTestBank(accounts: BankAccount[] = []): Promise<BankSim> {
  const bank = await startBankSim({ accounts });
  process.env.BANK_GATEWAY_URL = bank.url;
  process.env.BANK_TIMEOUT_MS = '2000';
  return bank;
}

/** Saves a workflow's history to test/histories/<name>.json (SIGAP_RECORD_HISTORIES=true, or when missing). */
export async function recordHistory(client: Client, claimNumber: string, name: string): Promise<void> {
  const file = path.join(__dirname, '..', 'histories', `${name}.json`);
  if (fs.existsSync(file) && process.env.SIGAP_RECORD_HISTORIES !== 'true') return;
  const history = await client.workflow.getHandle(claimNumber).fetchHistory();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ workflowId: claimNumber, history }));
}

/** The worker of apps/worker on a given connection (e.g. a TestWorkflowEnvironment's). */
export async function startWorkerOn(
  connection: import('@temporalio/worker').NativeConnection,
  taskQueue: string,
): Promise<{ ctx: INestApplicationContext; stop(): Promise<void> }> {
  const { NestFactory } = await import('@nestjs/core');
  const { WorkerModule } = await import('../../apps/worker/src/worker.module');
  const { createClaimWorker } = await import('../../apps/worker/src/claim-worker');
  const ctx = await NestFactory.createApplicationContext(WorkerModule, { logger: false });
  const worker = await createClaimWorker(ctx, { connection, namespace: 'default', taskQueue });
  const running = worker.run();
  return {
    ctx,
    stop: async () => {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
      await ctx.close();
    },
  };
}
