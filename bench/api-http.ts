/**
 * HTTP benchmark of the api (issue #6), with autocannon against the real app listening on a local port:
 *
 *  1. filing incidents: BENCH_FILE_CONNECTIONS (50) concurrent clients for BENCH_FILE_SECONDS (15), a unique worker
 *     NIK per request; prints req/s and p50/p99 latency (target p99 ≤ 100 ms). Every filing also starts a workflow.
 *  2. family tracking lookups (GET /api/v1/track/{n} with the tracking code, over BENCH_TRACK_CLAIMS claims) and, in
 *     the same run and with the same load, the cheapest existing endpoint (GET /api/v1/auth/me: token check, no
 *     database) as the yardstick; prints both req/s, the ratio (target ≥ 0.5) and the tracking p99 (target ≤ 50 ms).
 *
 *   npm run bench:api
 *
 * Starts its own embedded PostgreSQL and Temporal dev server unless DATABASE_URL / TEMPORAL_ADDRESS are set; the api
 * and the worker run in this process. All load comes from one client address, so the per-client throttle of the
 * tracking routes (60/min) is lifted for the run (its storage answers "not blocked"); the per-claim wrong-code
 * counter stays in place.
 */
import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ThrottlerStorage } from '@nestjs/throttler';
import { DEMO_PASSWORD, seedDemoUsers } from '@sigap/auth';
import { freePort, startEmbeddedPostgres, startTemporalDevServer } from '@sigap/devstack';
import { runMigrations } from '@sigap/persistence';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import autocannon from 'autocannon';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';

const FILE_CONNECTIONS = Number(process.env.BENCH_FILE_CONNECTIONS ?? 50);
const FILE_SECONDS = Number(process.env.BENCH_FILE_SECONDS ?? 15);
const TRACK_CONNECTIONS = Number(process.env.BENCH_TRACK_CONNECTIONS ?? 50);
const TRACK_SECONDS = Number(process.env.BENCH_TRACK_SECONDS ?? 10);
const TRACK_CLAIMS = Number(process.env.BENCH_TRACK_CLAIMS ?? 200);
const say = (m: string) => process.stdout.write(`${m}\n`);

/** Unique, valid Kota Bandung NIKs: birth day 01-28 (+40 for women), month, year 60-99, serial. */
function* niks(): Generator<string> {
  for (let serial = 1; serial < 10000; serial++) {
    for (let year = 60; year < 100; year++) {
      for (let month = 1; month <= 12; month++) {
        for (const day of [1, 5, 9, 13, 17, 21, 25, 45, 50, 55, 60, 65]) {
          yield `327301${String(day).padStart(2, '0')}${String(month).padStart(2, '0')}${year}${String(serial).padStart(4, '0')}`;
        }
      }
    }
  }
}

function run(opts: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(opts, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

function line(name: string, r: autocannon.Result): string {
  const ok = r.requests.total - r.non2xx - r.errors;
  return (
    `${name.padEnd(34)} ${r.requests.average.toFixed(0).padStart(6)} req/s   p50 ${String(r.latency.p50).padStart(4)} ms` +
    `   p99 ${String(r.latency.p99).padStart(4)} ms   max ${String(r.latency.max).padStart(5)} ms   ` +
    `${r.requests.total} requests (${ok} 2xx, ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts)`
  );
}

async function main(): Promise<void> {
  const stops: (() => Promise<void>)[] = [];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sigap-bench-api-'));
  if (!process.env.DATABASE_URL) {
    const pg = await startEmbeddedPostgres({
      dataDir: path.join(tmp, 'pg'),
      port: await freePort(),
      database: 'bench',
      persistent: false,
    });
    process.env.DATABASE_URL = pg.url;
    stops.push(() => pg.stop());
  }
  await runMigrations(process.env.DATABASE_URL!);
  if (!process.env.TEMPORAL_ADDRESS) {
    const t = await startTemporalDevServer({ port: await freePort(), namespace: 'default' });
    process.env.TEMPORAL_ADDRESS = t.address;
    stops.push(() => t.stop());
  }
  const taskQueue = `bench-api-${Date.now()}`;
  process.env.TEMPORAL_TASK_QUEUE = taskQueue;
  process.env.LOG_LEVEL = 'silent';
  process.env.NODE_ENV = 'development';
  process.env.DOCUMENTS_DIR = path.join(tmp, 'documents');
  process.env.DATABASE_POOL_MAX = process.env.DATABASE_POOL_MAX ?? '40';
  Runtime.install({ logger: new DefaultLogger('WARN') });

  const { WorkerModule } = await import('../apps/worker/src/worker.module');
  const { createClaimWorker } = await import('../apps/worker/src/claim-worker');
  const { createApiApp } = await import('../apps/api/src/create-app');
  const ctx = await NestFactory.createApplicationContext(WorkerModule, { logger: false });
  const nconn = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS });
  const worker = await createClaimWorker(ctx, {
    connection: nconn,
    namespace: 'default',
    taskQueue,
    extra: { maxConcurrentActivityTaskExecutions: 100, maxConcurrentWorkflowTaskExecutions: 50 },
  });
  const running = worker.run();
  const app: INestApplication = await createApiApp();
  const port = await freePort();
  await app.listen(port, '127.0.0.1');
  const base = `http://127.0.0.1:${port}`;
  // one client address: lift the per-client throttle (the storage still runs and counts)
  const storage = app.get(ThrottlerStorage);
  const increment = storage.increment.bind(storage);
  storage.increment = async (...args: Parameters<typeof increment>) => ({
    ...(await increment(...args)),
    isBlocked: false,
    timeToBlockExpire: 0,
  });

  const ds = app.get(DataSource);
  await seedDemoUsers(ds);
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'kpu.kotabandung', password: DEMO_PASSWORD }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const auth = `Bearer ${accessToken}`;

  // covered workers for every request the run could make (set-based insert)
  const gen = niks();
  const pool = Array.from(
    { length: Number(process.env.BENCH_NIKS ?? 60000) },
    () => gen.next().value as string,
  );
  const day = (d: number) => new Date(Date.now() + d * 86400e3).toISOString().slice(0, 10);
  await ds.query(
    `INSERT INTO adhoc_worker (nik, full_name, sex, birth_date) SELECT unnest($1::char(16)[]), 'Bench', 'L', '1990-01-01'`,
    [pool],
  );
  await ds.query(
    `INSERT INTO appointment (worker_nik, election_event, organisation, role, region_code, sk_number, term_start, term_end, honorarium)
     SELECT unnest($1::char(16)[]), 'BENCH', 'KPU', 'KPPS_ANGGOTA', '3273011001', 'SK/BENCH', $2, $3, 1100000`,
    [pool, day(-20), day(20)],
  );
  await ds.query(
    `INSERT INTO coverage_period (worker_nik, election_event, organisation, role, participant_number, jkk, jkm, period_start, period_end,
                                  wage_base, wage_base_source, segment, funding_source, contribution_status)
     SELECT n, 'BENCH', 'KPU', 'KPPS_ANGGOTA', '9' || substr(n, 7), true, true, $2, $3, 1100000, 'HONORARIUM', 'BPU', 'APBD', 'PAID'
       FROM unnest($1::char(16)[]) AS n`,
    [pool, day(-20), day(20)],
  );
  let next = 0;
  const report = () => ({
    workerNik: pool[next++ % pool.length],
    incidentType: 'DEATH',
    occurredAt: new Date(Date.now() - 3 * 3600e3).toISOString(),
    regionCode: '3273011001',
    tpsNumber: 12,
    place: 'TPS 012',
    chronology: 'Pingsan saat penghitungan suara.',
  });

  // claims for the tracking lookups (filed through the api, before the measurement)
  const tracked: { n: string; code: string }[] = [];
  for (let i = 0; i < TRACK_CLAIMS; i++) {
    const r = await fetch(`${base}/api/v1/incidents`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: auth },
      body: JSON.stringify(report()),
    });
    const b = (await r.json()) as { claimNumber: string; trackingCode: string };
    tracked.push({ n: b.claimNumber, code: b.trackingCode });
  }
  say(`api at ${base}; ${pool.length} covered workers; ${tracked.length} claims to track`);

  // warm-up (JIT, connection pools)
  await run({
    url: `${base}/api/v1/auth/me`,
    connections: 10,
    duration: 2,
    headers: { Authorization: auth },
  });

  say(`\n1. filing incidents: ${FILE_CONNECTIONS} connections, ${FILE_SECONDS} s, unique NIK per request`);
  const filing = await run({
    url: base,
    connections: FILE_CONNECTIONS,
    duration: FILE_SECONDS,
    requests: [
      {
        method: 'POST',
        path: '/api/v1/incidents',
        headers: { 'Content-Type': 'application/json', Authorization: auth },
        setupRequest: (req) => ({ ...req, body: JSON.stringify(report()) }),
      },
    ],
  });
  say(line('POST /api/v1/incidents', filing));

  // let the workflows of the filing run settle before the read benchmark
  await new Promise((r) => setTimeout(r, Number(process.env.BENCH_SETTLE_MS ?? 10000)));

  say(
    `\n2. family tracking vs the cheapest endpoint: ${TRACK_CONNECTIONS} connections, ${TRACK_SECONDS} s each`,
  );
  let t = 0;
  const tracking = await run({
    url: base,
    connections: TRACK_CONNECTIONS,
    duration: TRACK_SECONDS,
    requests: [
      {
        method: 'GET',
        setupRequest: (req) => {
          const c = tracked[t++ % tracked.length];
          return {
            ...req,
            path: `/api/v1/track/${c.n}`,
            headers: { ...req.headers, 'X-Tracking-Code': c.code },
          };
        },
      },
    ],
  });
  const trivial = await run({
    url: `${base}/api/v1/auth/me`,
    connections: TRACK_CONNECTIONS,
    duration: TRACK_SECONDS,
    headers: { Authorization: auth },
  });
  say(line('GET /api/v1/track/{n} (family)', tracking));
  say(line('GET /api/v1/auth/me (yardstick)', trivial));
  const ratio = tracking.requests.average / trivial.requests.average;

  say('\nsummary');
  say(
    `  filing:   ${filing.requests.average.toFixed(0)} req/s, p50 ${filing.latency.p50} ms, p99 ${filing.latency.p99} ms ` +
      `(target p99 <= 100 ms: ${filing.latency.p99 <= 100 ? 'met' : 'NOT met'})`,
  );
  say(
    `  tracking: ${tracking.requests.average.toFixed(0)} req/s vs ${trivial.requests.average.toFixed(0)} req/s, ratio ` +
      `${ratio.toFixed(2)} (target >= 0.5: ${ratio >= 0.5 ? 'met' : 'NOT met'}), p99 ${tracking.latency.p99} ms ` +
      `(target <= 50 ms: ${tracking.latency.p99 <= 50 ? 'met' : 'NOT met'})`,
  );
  say(`  (node ${process.version}, ${os.cpus().length} CPUs, api + worker in one process)`);

  await app.close();
  worker.shutdown();
  await running;
  await nconn.close();
  await ctx.close();
  for (const stop of stops.reverse()) await stop();
  fs.rmSync(tmp, { recursive: true, force: true });
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:api failed: ${(err as Error)?.stack ?? err}\n`);
  process.exit(1);
});
