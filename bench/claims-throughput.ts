/**
 * Claim throughput benchmark (issue #5): start N claims (default 5,000) and let each run automatically to its first
 * human step (coverage check → AWAITING_VERIFICATION); print claims/s, p50/p99 time to the first human step and,
 * on the same server in the same run, the rate of a workflow that does nothing, as a ratio.
 *
 *   npm run bench:claims            (BENCH_CLAIMS=5000 BENCH_CONCURRENCY=200)
 * Starts its own embedded PostgreSQL and Temporal dev server unless DATABASE_URL / TEMPORAL_ADDRESS are set.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ClaimsService } from '@sigap/claims';
import { freePort, startEmbeddedPostgres, startTemporalDevServer } from '@sigap/devstack';
import { runMigrations } from '@sigap/persistence';
import { NOOP_WORKFLOW } from '@sigap/workflows';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { benchDurable, sayDatabaseSettings } from './support';

const N = Number(process.env.BENCH_CLAIMS ?? 5000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 200);
const log = (m: string) => process.stdout.write(`${m}\n`);

async function pool<T>(items: T[], n: number, fn: (t: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i], i);
      }
    }),
  );
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function main(): Promise<void> {
  const stops: (() => Promise<void>)[] = [];
  let tmp: string | undefined;
  if (!process.env.DATABASE_URL) {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sigap-bench-'));
    const pg = await startEmbeddedPostgres({
      dataDir: path.join(tmp, 'pg'),
      port: await freePort(),
      database: 'bench',
      persistent: false,
      durable: benchDurable(),
    });
    process.env.DATABASE_URL = pg.url;
    stops.push(() => pg.stop());
  }
  await runMigrations(process.env.DATABASE_URL!);
  await sayDatabaseSettings(process.env.DATABASE_URL!);
  if (!process.env.TEMPORAL_ADDRESS) {
    const t = await startTemporalDevServer({ port: await freePort(), namespace: 'default' });
    process.env.TEMPORAL_ADDRESS = t.address;
    stops.push(() => t.stop());
  }
  const taskQueue = `bench-${Date.now()}`;
  process.env.TEMPORAL_TASK_QUEUE = taskQueue;
  process.env.LOG_LEVEL = 'silent';
  process.env.DATABASE_POOL_MAX = process.env.DATABASE_POOL_MAX ?? '40';
  Runtime.install({ logger: new DefaultLogger('WARN') });

  const { WorkerModule } = await import('../apps/worker/src/worker.module');
  const { createClaimWorker } = await import('../apps/worker/src/claim-worker');
  const ctx = await NestFactory.createApplicationContext(WorkerModule, { logger: false });
  const ds = ctx.get(DataSource);
  const nconn = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS });
  const worker = await createClaimWorker(ctx, {
    connection: nconn,
    namespace: 'default',
    taskQueue,
    extra: {
      maxConcurrentActivityTaskExecutions: 200,
      maxConcurrentWorkflowTaskExecutions: 100,
      maxCachedWorkflows: N + 100,
    },
  });
  const running = worker.run();
  const conn = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS });
  const client = new Client({ connection: conn });

  // covered workers in the registry (set-based insert)
  const niks = Array.from(
    { length: N },
    (_, i) =>
      `327301${String((i % 28) + 1).padStart(2, '0')}0190${String(1 + Math.floor(i / 28)).padStart(4, '0')}`,
  );
  const today = new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 10);
  const shift = (d: number) =>
    new Date(Date.parse(`${today}T00:00:00Z`) + d * 86400e3).toISOString().slice(0, 10);
  await ds.query(
    `INSERT INTO adhoc_worker (nik, full_name, sex, birth_date) SELECT unnest($1::bigint[]), 'Bench', 'L', '1990-01-01'`,
    [niks],
  );
  await ds.query(
    `INSERT INTO appointment (worker_nik, election_event, organisation, role, region_code, sk_number, term_start, term_end, honorarium)
     SELECT unnest($1::bigint[]), 'BENCH', 'KPU', 'KPPS_ANGGOTA', '3273011001', 'SK/BENCH', $2, $3, 1100000`,
    [niks, shift(-10), shift(10)],
  );
  await ds.query(
    `INSERT INTO coverage_period (worker_nik, election_event, organisation, role, participant_number, jkk, jkm, period_start, period_end,
                                  wage_base, wage_base_source, segment, funding_source, contribution_status)
     SELECT n, 'BENCH', 'KPU', 'KPPS_ANGGOTA', '9' || substr(n::text, 7), true, true, $2, $3, 1100000, 'HONORARIUM', 'BPU', 'APBD', 'PAID'
       FROM unnest($1::bigint[]) AS n`,
    [niks, shift(-10), shift(10)],
  );

  // 1. the yardstick: a workflow that does nothing, on the same server and worker
  const noopStart = Date.now();
  await pool(Array.from({ length: N }), CONCURRENCY, async (_, i) => {
    await client.workflow.execute(NOOP_WORKFLOW, {
      workflowId: `noop-${taskQueue}-${i}`,
      taskQueue,
      args: [],
    });
  });
  const noopRate = N / ((Date.now() - noopStart) / 1000);
  log(
    `no-op workflow: ${N} in ${((Date.now() - noopStart) / 1000).toFixed(1)} s = ${noopRate.toFixed(0)} workflows/s`,
  );

  // 2. claims to their first human step
  const claims = new ClaimsService(ds, client, taskQueue);
  const occurredAt = new Date(Date.now() - 3600e3);
  const started = Date.now();
  await pool(niks, CONCURRENCY, async (nik) => {
    await claims.fileIncident({
      workerNik: nik,
      incidentType: 'DEATH',
      occurredAt,
      regionCode: '3273011001',
      tpsNumber: 1,
    });
  });
  const filedIn = (Date.now() - started) / 1000;
  for (;;) {
    const [{ n }] = await ds.query(
      `SELECT count(*)::int AS n FROM claim WHERE stage IN ('AWAITING_VERIFICATION', 'COVERAGE_REVIEW')`,
    );
    if (n >= N) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const total = (Date.now() - started) / 1000;
  const rows: { ms: number }[] = await ds.query(
    `SELECT extract(epoch FROM (e.occurred_at - c.created_at)) * 1000 AS ms
       FROM claim c JOIN claim_event e ON e.claim_number = c.claim_number
      WHERE e.type IN ('AWAITING_VERIFICATION', 'COVERAGE_REVIEW_REQUIRED')`,
  );
  const lat = rows.map((r) => Number(r.ms)).sort((a, b) => a - b);
  const rate = N / total;
  log(
    `claims: ${N} filed in ${filedIn.toFixed(1)} s; all at their first human step after ${total.toFixed(1)} s`,
  );
  log(
    `claims/s: ${rate.toFixed(0)}   time to first human step p50 ${pct(lat, 50).toFixed(0)} ms, p99 ${pct(lat, 99).toFixed(0)} ms`,
  );
  log(
    `ratio to the no-op workflow: ${(rate / noopRate).toFixed(2)} (${rate.toFixed(0)} / ${noopRate.toFixed(0)} per s)`,
  );

  worker.shutdown();
  await running;
  await nconn.close();
  await conn.close();
  await ctx.close();
  for (const s of stops.reverse()) await s().catch(() => undefined);
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
