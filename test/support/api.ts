import type { INestApplication } from '@nestjs/common';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import type { BankSim } from '../../apps/bank-sim/src/bank-sim';
import { isoDate, seedCoverage, startTestBank, testNik } from './claims';
import { eventually, loginAs, type RunningWorker, startApi, startWorker, useTestEnv } from './stack';

/** The five kinds of staff of issue #6, by their demo user. */
export const STAFF_USERS = {
  KPU_OPERATOR: 'kpu.kotabandung',
  KPU_APPROVER: 'kpu.approver',
  BPJS_OFFICER: 'bpjs.officer',
  BPJS_SUPERVISOR: 'bpjs.supervisor',
  ADMIN: 'admin',
} as const;
export type StaffRole = keyof typeof STAFF_USERS;
export const STAFF_ROLES = Object.keys(STAFF_USERS) as StaffRole[];

export type Auth = { Authorization: string };
/** A JSON answer as the tests read it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = Record<string, any>;

/** The api (HTTP only from here on), the in-process worker and the bank simulator, on the test's own task queue. */
export interface ApiStack {
  app: INestApplication;
  ds: DataSource;
  bank: BankSim;
  auth: Record<StaffRole, Auth>;
  http(): ReturnType<typeof request>;
  close(): Promise<void>;
}

export async function startApiStack(name: string): Promise<ApiStack> {
  const taskQueue = useTestEnv(name);
  // uploads go to a throwaway directory, never to the repository's .data/
  const docs = fs.mkdtempSync(path.join(os.tmpdir(), `sigap-${name}-docs-`));
  process.env.DOCUMENTS_DIR = docs;
  const bank = await startTestBank();
  let worker: RunningWorker | undefined;
  let app: INestApplication | undefined;
  try {
    worker = await startWorker(taskQueue);
    app = await startApi();
    const auth = {} as Record<StaffRole, Auth>;
    for (const role of STAFF_ROLES) auth[role] = await loginAs(app, STAFF_USERS[role]);
    const a = app;
    const w = worker;
    return {
      app: a,
      ds: a.get(DataSource),
      bank,
      auth,
      http: () => request(a.getHttpServer()),
      close: async () => {
        await a.close();
        await w.stop();
        await bank.close();
        fs.rmSync(docs, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await app?.close();
    await worker?.stop();
    await bank.close();
    throw err;
  }
}

/** A minimal PDF: the bytes start with %PDF- (the storage port checks types by their bytes). */
export function pdf(text = 'dokumen'): Buffer {
  return Buffer.from(
    `%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${text}\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
  );
}

/** A PNG signature and an IHDR chunk header (enough for the magic-byte check). */
export function png(tag = 'scan'): Buffer {
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
    Buffer.from(`IHDR${tag}`),
  ]);
}

export interface Report {
  workerNik: string;
  incidentType: 'ACCIDENT' | 'DEATH';
  occurredAt: string;
  regionCode: string;
  tpsNumber?: number;
  place?: string;
  chronology?: string;
  workerRole?: string;
  reporterName?: string;
  reporterPhone?: string;
}

/** A valid report of a new worker; `covered` seeds the coverage registry for the NIK first (default true). */
export async function newReport(
  s: ApiStack,
  o: Partial<Report> & { covered?: boolean } = {},
): Promise<Report> {
  const { covered = true, ...rest } = o;
  const nik = rest.workerNik ?? testNik();
  const occurred = new Date(Date.now() - 3 * 3600e3);
  if (covered) {
    await seedCoverage(s.ds, nik, {
      termStart: isoDate(new Date(occurred.getTime() - 20 * 86400e3)),
      termEnd: isoDate(new Date(occurred.getTime() + 20 * 86400e3)),
    });
  }
  return {
    workerNik: nik,
    incidentType: 'DEATH',
    occurredAt: occurred.toISOString(),
    regionCode: '32.73.01.1001',
    tpsNumber: 12,
    place: 'TPS 012, Kelurahan Sukamaju',
    chronology: 'Pingsan saat penghitungan suara, dibawa ke RSUD pukul 22.10.',
    workerRole: 'KPPS_ANGGOTA',
    reporterName: 'Operator KPU',
    reporterPhone: '081234567890',
    ...rest,
  };
}

export interface Filed {
  claimNumber: string;
  trackingCode: string;
  nik: string;
}

/** Files a report through POST /api/v1/incidents (201 expected). */
export async function file(
  s: ApiStack,
  by: Auth,
  o: Partial<Report> & { covered?: boolean } = {},
): Promise<Filed> {
  const report = await newReport(s, o);
  const res = await s.http().post('/api/v1/incidents').set(by).send(report);
  if (res.status !== 201) throw new Error(`filing failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { claimNumber: res.body.claimNumber, trackingCode: res.body.trackingCode, nik: report.workerNik };
}

/** The case as a user sees it (GET /api/v1/claims/{n}); `state` is the workflow's. */
export async function caseOf(s: ApiStack, claimNumber: string, by: Auth): Promise<Json> {
  const res = await s.http().get(`/api/v1/claims/${claimNumber}`).set(by);
  if (res.status !== 200)
    throw new Error(`GET claim ${claimNumber}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Polls the case until the workflow reports the stage. */
export function waitStage(
  s: ApiStack,
  claimNumber: string,
  stage: string | string[],
  by: Auth,
  timeoutMs = 30000,
): Promise<Json> {
  const stages = Array.isArray(stage) ? stage : [stage];
  return eventually(async () => {
    const c = await caseOf(s, claimNumber, by);
    return stages.includes(c.state?.stage) && c;
  }, timeoutMs);
}

/** Staff upload: POST /api/v1/claims/{n}/documents (multipart). */
export function staffUpload(
  s: ApiStack,
  claimNumber: string,
  by: Auth,
  documentCode: string,
  bytes: Buffer,
  name: string,
) {
  return s
    .http()
    .post(`/api/v1/claims/${claimNumber}/documents`)
    .set(by)
    .field('documentCode', documentCode)
    .attach('file', bytes, name);
}

/** Family upload: POST /api/v1/track/{n}/documents with the tracking code, no login. */
export function familyUpload(s: ApiStack, f: Filed, documentCode: string, bytes: Buffer, name: string) {
  return s
    .http()
    .post(`/api/v1/track/${f.claimNumber}/documents`)
    .set('X-Tracking-Code', f.trackingCode)
    .field('documentCode', documentCode)
    .attach('file', bytes, name);
}

/** Row count of a table (validation tests prove that refused requests store nothing). */
export async function countRows(ds: DataSource, table: string): Promise<number> {
  const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM ${table}`);
  return n;
}

export const STORED_TABLES = [
  'incident',
  'claim',
  'claim_report',
  'claim_event',
  'claim_document_upload',
  'claim_bank_account',
  'idempotency_record',
];

export async function snapshotCounts(ds: DataSource): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of STORED_TABLES) out[t] = await countRows(ds, t);
  return out;
}
