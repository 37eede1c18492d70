/**
 * HTTP benchmark of the api (issue #6), with autocannon against the api running as in production:
 *
 *  1. family tracking lookups (GET /api/v1/track/{n} with the tracking code, over BENCH_TRACK_CLAIMS claims) and, in
 *     the same run and with the same load, the cheapest existing endpoint (GET /api/v1/auth/me: token check, no
 *     database) as the yardstick; prints both req/s, the ratio (target ≥ 0.5) and the tracking p99 (target ≤ 50 ms).
 *  2. tracking with 10 and 25 clients (where the latency target holds).
 *  3. filing offered at BENCH_FILE_RATE (50) reports per second by 50 clients (open loop).
 *  4. filing incidents: BENCH_FILE_CONNECTIONS (50) concurrent clients for BENCH_FILE_SECONDS (15), a unique worker
 *     NIK and Idempotency-Key per request; prints req/s and p50/p99 latency (target p99 ≤ 100 ms). The api answers
 *     once the claim is stored; its workflow starter (WORKFLOW_START_RATE, held back while the api is busy:
 *     WORKFLOW_START_BUSY_RPS, WORKFLOW_START_DEFER_SECONDS) and the worker follow, and the bench waits for them
 *     (BENCH_SETTLE_MS) and counts the claims that have their workflow.
 *
 *   npm run bench:api
 *
 * Builds once (npm run build, the workflow bundle) and starts the api and the worker as separate child processes
 * from dist/, NODE_ENV=production, LOG_LEVEL=warn, LOG_FORMAT=json, readiness reported over IPC as under
 * `npm start`; the bank simulator runs in this process. Embedded PostgreSQL and the Temporal dev server are started
 * unless DATABASE_URL / TEMPORAL_ADDRESS are set. This process keeps only autocannon and the seeding.
 * BENCH_SKIP_BUILD=1 reuses dist/; BENCH_API_CPU_PROF=<dir> / BENCH_WORKER_CPU_PROF=<dir> run the api / the worker
 * with --cpu-prof into <dir> (the worker writes one profile per thread: its workflows run in a worker thread).
 *
 * All load comes from one client address, so the per-client throttles (tracking 60/min, other throttled routes such
 * as /auth/me 600/min) would answer 429 after the first second: the api is started with TRACK_RATE_LIMIT_PER_MINUTE
 * and API_RATE_LIMIT_PER_MINUTE raised to 1,000,000 (the throttler still runs and counts on every request); the
 * per-claim wrong-code counter stays in place.
 */
import 'reflect-metadata';
import { DEMO_PASSWORD, seedDemoUsers } from '@sigap/auth';
import { freePort, startEmbeddedPostgres, startTemporalDevServer } from '@sigap/devstack';
import { dataSourceOptions, runMigrations } from '@sigap/persistence';
import autocannon from 'autocannon';
import { ChildProcess, execFileSync, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { startBankSim } from '../apps/bank-sim/src/bank-sim';
import { benchDurable, machineCpu, sayDatabaseSettings } from './support';

const ROOT = path.resolve(__dirname, '..');
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

/** An autocannon result with each connection's first answer told apart from the others (see `connectLine`). */
type Run = autocannon.Result & { firsts: number[]; others: number[] };

function run(opts: autocannon.Options): Promise<Run> {
  const firsts: number[] = [];
  const others: number[] = [];
  const own = opts.setupClient;
  return new Promise((resolve, reject) => {
    autocannon(
      {
        ...opts,
        setupClient: (client) => {
          own?.(client);
          let nth = 0;
          (client as unknown as import('events').EventEmitter).on(
            'response',
            (_status: number, _bytes: number, ms: number) => (nth++ === 0 ? firsts : others).push(ms),
          );
        },
      },
      (err, result) => (err ? reject(err) : resolve({ ...result, firsts, others })),
    );
  });
}

const percentile = (xs: number[], p: number) => {
  if (xs.length === 0) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

/**
 * Each connection's first answer apart from the others. All clients connect at once when a run starts, and the api
 * (libuv since 1.45, Node 20) accepts one new connection per event-loop iteration: once the first requests keep the
 * loop busy, the connections still waiting are accepted one iteration apart, and their first requests wait that long.
 */
function connectLine(r: Run): string {
  const f = (ms: number) => `${Math.round(ms)} ms`;
  return (
    `  each connection's first answer: p50 ${f(percentile(r.firsts, 50))}, max ${f(Math.max(...r.firsts))}; ` +
    `the other ${r.others.length} answers: p50 ${f(percentile(r.others, 50))}, p99 ${f(percentile(r.others, 99))}, ` +
    `max ${f(Math.max(...r.others))}`
  );
}

function line(name: string, r: autocannon.Result): string {
  const ok = r.requests.total - r.non2xx - r.errors;
  return (
    `${name.padEnd(34)} ${r.requests.average.toFixed(0).padStart(6)} req/s   p50 ${String(r.latency.p50).padStart(4)} ms` +
    `   p99 ${String(r.latency.p99).padStart(4)} ms   max ${String(r.latency.max).padStart(5)} ms   ` +
    `${r.requests.total} requests (${ok} 2xx, ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts)`
  );
}

/**
 * CPU seconds (user + system) of one process and its child processes (the api's cluster processes when
 * API_PROCESSES > 1) so far, from /proc (Linux); NaN elsewhere.
 */
function cpuSeconds(pid: number, withChildren = false): number {
  const own = (p: number | string): { ppid: number; secs: number } | undefined => {
    try {
      const f = fs.readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1].split(' ');
      return { ppid: Number(f[1]), secs: (Number(f[11]) + Number(f[12])) / 100 };
    } catch {
      return undefined;
    }
  };
  const self = own(pid);
  if (!self) return NaN;
  let secs = self.secs;
  if (!withChildren) return secs;
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    const c = own(d);
    if (c?.ppid === pid) secs += c.secs;
  }
  return secs;
}

type Procs = Record<string, number>;

/** Runs fn and reports the CPU use (in cores) of the given processes and of the machine while it ran. */
async function measured<T>(
  procs: Procs,
  fn: () => Promise<T>,
): Promise<{ result: T; cpu: string; load: string; busy: number; api: number; seconds: number }> {
  const before = Object.fromEntries(
    Object.entries(procs).map(([k, pid]) => [k, cpuSeconds(pid, k === 'api')]),
  );
  const m0 = machineCpu();
  const t0 = Date.now();
  const result = await fn();
  const secs = (Date.now() - t0) / 1000;
  const m1 = machineCpu();
  const used = Object.entries(procs).map(
    ([k, pid]) => [k, (cpuSeconds(pid, k === 'api') - before[k]) / secs] as const,
  );
  const cores = os.cpus().length;
  const busy = (m1.busy - m0.busy) / ((m1.total - m0.total) / cores);
  // on a virtual machine the host may give our vCPUs' time to others: /proc/stat counts it as busy ("steal")
  const steal = (m1.steal - m0.steal) / ((m1.total - m0.total) / cores);
  const parts = [
    ...used,
    ['rest (PostgreSQL, Temporal, others)', busy - steal - used.reduce((a, [, c]) => a + c, 0)] as const,
    ['stolen by the host', steal] as const,
  ].map(([k, c]) => `${k} ${c.toFixed(2)}`);
  const machine = busy.toFixed(2);
  return {
    result,
    busy,
    api: used.find(([k]) => k === 'api')?.[1] ?? NaN,
    seconds: secs,
    cpu: `CPU (cores): ${parts.join(', ')}; machine ${machine} of ${cores}`,
    load: `load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  };
}

/**
 * What this machine allows for one kind of request, from the same run: the CPU spent per answer by the whole machine
 * (api, PostgreSQL, the load generator and the rest together) and by the api's event loops alone, the answers per
 * second each allows (all cores; one core per api process), and by Little's law the shortest possible mean answer
 * time for `clients` closed-loop clients at that rate. A p99 cannot be below the mean.
 */
function machineBound(
  m: { busy: number; api: number; seconds: number; result: autocannon.Result },
  clients: number,
): string {
  const cores = os.cpus().length;
  const processes = Math.max(1, Number(process.env.API_PROCESSES ?? 1) || 1);
  const answers = m.result.requests.total || m.result.requests.average * m.seconds;
  const bound = (cpuMs: number, onCores: number) => {
    const ceiling = (onCores * 1000) / cpuMs;
    return `${cpuMs.toFixed(2)} ms of CPU per answer → at most ${ceiling.toFixed(0)}/s → mean answer ≥ ${((clients / ceiling) * 1000).toFixed(0)} ms`;
  };
  return (
    `  bounds at ${clients} clients: whole machine (${cores} cores) ${bound((m.busy * m.seconds * 1000) / answers, cores)}; ` +
    `the api (${processes} event loop${processes > 1 ? 's' : ''}) ${bound((m.api * m.seconds * 1000) / answers, Math.min(processes, cores))}`
  );
}

/** Waits until the process uses under 5% of a core over 2 s (or maxMs); returns the seconds waited. */
async function settled(pid: number, maxMs: number): Promise<number> {
  const t0 = Date.now();
  await new Promise((r) => setTimeout(r, 2000));
  for (;;) {
    const c0 = cpuSeconds(pid);
    await new Promise((r) => setTimeout(r, 2000));
    if ((cpuSeconds(pid) - c0) / 2 < 0.05 || Date.now() - t0 > maxMs || Number.isNaN(c0)) break;
  }
  return (Date.now() - t0) / 1000;
}

/**
 * Waits until the whole machine is quiet (under 0.15 of a core busy over 2 s: PostgreSQL's autovacuum of the tables
 * the filing run filled, the Temporal server's own work) or maxMs has passed; returns the seconds waited and the
 * cores still busy. Without it the first read run after the filing shares the cores with that work and the next
 * does not.
 */
async function quiet(maxMs: number): Promise<{ waited: number; busy: number }> {
  const t0 = Date.now();
  let busy = NaN;
  for (;;) {
    const m0 = machineCpu();
    await new Promise((r) => setTimeout(r, 2000));
    busy = (machineCpu().busy - m0.busy) / 2;
    if (busy < 0.15 || Date.now() - t0 > maxMs || Number.isNaN(busy)) break;
  }
  return { waited: (Date.now() - t0) / 1000, busy };
}

/** Forks dist/apps/<name>/src/main.js and resolves when it reports ready over IPC (as scripts/start.ts does). */
function startChild(
  name: 'api' | 'worker',
  env: NodeJS.ProcessEnv,
  execArgv: string[] = [],
): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const proc = fork(path.join(ROOT, 'dist', 'apps', name, 'src', 'main.js'), [], {
      cwd: ROOT,
      env,
      execArgv,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let ready = false;
    proc.on('message', (m: { type?: string }) => {
      if (m?.type === 'ready' && !ready) {
        ready = true;
        resolve(proc);
      }
    });
    proc.once('exit', (code, signal) => {
      if (!ready) reject(new Error(`${name} exited during start-up (${code ?? signal})`));
    });
  });
}

/** Closes the IPC channel (the child then stops itself and exits 0, writing its CPU profile); SIGKILL after 20 s. */
function stopChild(proc: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
    const timer = setTimeout(() => proc.kill('SIGKILL'), 20000);
    proc.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    if (proc.connected) proc.disconnect();
    else proc.kill('SIGTERM');
  });
}

async function main(): Promise<void> {
  const stops: (() => Promise<void>)[] = [];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sigap-bench-api-'));
  const cleanup = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    stops.length = 0;
    fs.rmSync(tmp, { recursive: true, force: true });
  };
  process.once('SIGINT', () => void cleanup().finally(() => process.exit(130)));
  try {
    await bench(stops, tmp);
  } finally {
    await cleanup();
  }
}

async function bench(stops: (() => Promise<void>)[], tmp: string): Promise<void> {
  if (!process.env.BENCH_SKIP_BUILD) {
    say('building (npm run build, workflow bundle)…');
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const bundle = path.join(tmp, 'workflow-bundle.js');
  execFileSync(process.execPath, [path.join(ROOT, 'dist', 'scripts', 'build-workflow-bundle.js'), bundle], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    const pg = await startEmbeddedPostgres({
      dataDir: path.join(tmp, 'pg'),
      port: await freePort(),
      database: 'bench',
      persistent: false,
      durable: benchDurable(),
      // BENCH_PG_STATS=1: the statements PostgreSQL spent its time on, printed at the end (pg_stat_statements)
      ...(process.env.BENCH_PG_STATS ? { settings: { shared_preload_libraries: 'pg_stat_statements' } } : {}),
    });
    databaseUrl = pg.url;
    stops.push(() => pg.stop());
  }
  await runMigrations(databaseUrl);
  await sayDatabaseSettings(databaseUrl);
  if (process.env.BENCH_PG_STATS) {
    const c = new DataSource(dataSourceOptions(databaseUrl, 1));
    await c.initialize();
    await c.query(`CREATE EXTENSION IF NOT EXISTS pg_stat_statements`);
    stops.push(async () => {
      const top: { calls: number; total_ms: number; mean_ms: number; query: string }[] = await c.query(
        `SELECT calls::int, round(total_exec_time)::int AS total_ms, round(mean_exec_time::numeric, 3)::float AS mean_ms,
                regexp_replace(left(query, 160), '\\s+', ' ', 'g') AS query
           FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 15`,
      );
      say('\nPostgreSQL statements by total time (pg_stat_statements):');
      for (const t of top)
        say(
          `  ${String(t.total_ms).padStart(7)} ms ${String(t.calls).padStart(7)} calls ${String(t.mean_ms).padStart(8)} ms  ${t.query}`,
        );
      await c.destroy();
    });
  }
  let temporalAddress = process.env.TEMPORAL_ADDRESS;
  if (!temporalAddress) {
    const t = await startTemporalDevServer({ port: await freePort(), namespace: 'default' });
    temporalAddress = t.address;
    stops.push(() => t.stop());
  }
  const bank = await startBankSim({ port: await freePort(), host: '127.0.0.1' });
  stops.push(() => bank.close());

  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    JWT_SECRET: 'bench-only-jwt-secret-0123456789abcdef',
    SIGAP_DATA_KEY: 'bench-only-data-key-0123456789abcdef',
    LOG_LEVEL: 'warn',
    LOG_FORMAT: 'json',
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_MAX: process.env.DATABASE_POOL_MAX ?? '40',
    TEMPORAL_ADDRESS: temporalAddress,
    TEMPORAL_NAMESPACE: 'default',
    TEMPORAL_TASK_QUEUE: `bench-api-${Date.now()}`,
    BANK_GATEWAY_URL: bank.url,
    DOCUMENTS_DIR: path.join(tmp, 'documents'),
    WORKFLOW_BUNDLE_PATH: bundle,
    API_HOST: '127.0.0.1',
    API_PORT: String(port),
    TRACK_RATE_LIMIT_PER_MINUTE: '1000000',
    API_RATE_LIMIT_PER_MINUTE: '1000000',
    TS_NODE_PROJECT: undefined,
  };
  const cpuProf = (dir: string | undefined) =>
    dir ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(dir)] : [];
  const worker = await startChild('worker', env, cpuProf(process.env.BENCH_WORKER_CPU_PROF));
  stops.push(() => stopChild(worker));
  // every process opens its whole pool at start (DATABASE_POOL_MIN defaults to the maximum): the api's processes
  // share the bench's pool size, so that they, the worker and the bench fit PostgreSQL's max_connections (100)
  const apiProcesses = Math.max(1, Number(process.env.API_PROCESSES ?? 1) || 1);
  const apiPool = String(
    Math.ceil(Number(process.env.BENCH_API_POOL_MAX ?? env.DATABASE_POOL_MAX) / apiProcesses),
  );
  const api = await startChild(
    'api',
    { ...env, DATABASE_POOL_MAX: apiPool },
    cpuProf(process.env.BENCH_API_CPU_PROF),
  );
  stops.push(() => stopChild(api));
  const procs: Procs = { api: api.pid!, worker: worker.pid!, bench: process.pid };
  const base = `http://127.0.0.1:${port}`;

  // seeding over this process's own connection
  const ds = await new DataSource(dataSourceOptions(databaseUrl, 2)).initialize();
  stops.push(() => ds.destroy());
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
    `INSERT INTO adhoc_worker (nik, full_name, sex, birth_date) SELECT unnest($1::bigint[]), 'Bench', 'L', '1990-01-01'`,
    [pool],
  );
  await ds.query(
    `INSERT INTO appointment (worker_nik, election_event, organisation, role, region_code, sk_number, term_start, term_end, honorarium)
     SELECT unnest($1::bigint[]), 'BENCH', 'KPU', 'KPPS_ANGGOTA', '3273011001', 'SK/BENCH', $2, $3, 1100000`,
    [pool, day(-20), day(20)],
  );
  await ds.query(
    `INSERT INTO coverage_period (worker_nik, election_event, organisation, role, participant_number, jkk, jkm, period_start, period_end,
                                  wage_base, wage_base_source, segment, funding_source, contribution_status)
     SELECT n, 'BENCH', 'KPU', 'KPPS_ANGGOTA', '9' || substr(n::text, 7), true, true, $2, $3, 1100000, 'HONORARIUM', 'BPU', 'APBD', 'PAID'
       FROM unnest($1::bigint[]) AS n`,
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
    if (r.status !== 201)
      throw new Error(`filing for the tracking claims: HTTP ${r.status} ${await r.text()}`);
    const b = (await r.json()) as { claimNumber: string; trackingCode: string };
    tracked.push({ n: b.claimNumber, code: b.trackingCode });
  }
  say(
    `api at ${base} (pid ${api.pid}), worker pid ${worker.pid}; ${pool.length} covered workers; ` +
      `${tracked.length} claims to track; load average before ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
  );

  // warm-up (JIT, connection pools)
  await run({
    url: `${base}/api/v1/auth/me`,
    connections: 10,
    duration: 2,
    headers: { Authorization: auth },
  });

  // let the workflows of filed claims settle before measuring anything else: the api answers once a claim is stored,
  // its starter and the worker (a separate process on the same cores) follow for a while, and would take CPU from
  // the api
  const settleAll = async (after: string) => {
    const settleStart = Date.now();
    const settleMax = Number(process.env.BENCH_SETTLE_MS ?? 900000);
    const startCounts = async () =>
      (
        await ds.query(
          `SELECT count(*)::int AS claims, count(workflow_started_at)::int AS started FROM claim`,
        )
      )[0] as { claims: number; started: number };
    let counts = await startCounts();
    while (counts.started < counts.claims && Date.now() - settleStart < settleMax) {
      await new Promise((r) => setTimeout(r, 1000));
      counts = await startCounts();
    }
    await settled(worker.pid!, Math.max(5000, settleMax - (Date.now() - settleStart)));
    const settle = (Date.now() - settleStart) / 1000;
    const { claims, started } = counts;
    say(
      `  after the ${after}: worker settled in ${settle.toFixed(0)} s; ${started} of ${claims} claims have their ` +
        `workflow started (the api answers once the claim is stored; its starter and the worker follow)`,
    );
    const calm = await quiet(Number(process.env.BENCH_QUIET_MS ?? 120000));
    say(
      `  machine quiet after ${calm.waited.toFixed(0)} s more (${calm.busy.toFixed(2)} cores busy; PostgreSQL's ` +
        `autovacuum of the filed tables, the Temporal server)`,
    );
  };

  await settleAll('setup');

  say(
    `\n1. family tracking vs the cheapest endpoint: ${TRACK_CONNECTIONS} connections, ${TRACK_SECONDS} s each`,
  );
  // family lookups over the tracked claims in turn, each with its code
  let t = 0;
  const trackRun = (connections: number, duration: number) =>
    run({
      url: base,
      connections,
      duration,
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
  // warm-up of the lookup itself, at the measured concurrency: each database connection pays the lookup's prepared
  // statement once (before the pools stayed open, DATABASE_POOL_MIN, they had also closed while the workflows
  // settled, and a 10-client warm-up left the first 50-client run at 756-800 req/s, p99 266-270 ms)
  await trackRun(TRACK_CONNECTIONS, 3);
  const tr = await measured(procs, () => trackRun(TRACK_CONNECTIONS, TRACK_SECONDS));
  const tracking = tr.result;
  const tv = await measured(procs, () =>
    run({
      url: `${base}/api/v1/auth/me`,
      connections: TRACK_CONNECTIONS,
      duration: TRACK_SECONDS,
      headers: { Authorization: auth },
    }),
  );
  const trivial = tv.result;
  if (!/worker 0\.0/.test(tr.cpu) || !/worker 0\.0/.test(tv.cpu)) {
    say('  (the worker was busy during the read runs: the ratio compares unlike conditions)');
  }
  say(line('GET /api/v1/track/{n} (family)', tracking));
  say(connectLine(tracking));
  say(`  ${tr.cpu}; ${tr.load}`);
  say(machineBound(tr, TRACK_CONNECTIONS));
  say(line('GET /api/v1/auth/me (yardstick)', trivial));
  say(connectLine(trivial));
  say(`  ${tv.cpu}; ${tv.load}`);
  say(machineBound(tv, TRACK_CONNECTIONS));
  const ratio = tracking.requests.average / trivial.requests.average;

  // where the tracking target holds: fewer clients
  say(`\n2. tracking latency by load`);
  const sweep: { name: string; r: autocannon.Result }[] = [];
  for (const connections of [10, 25]) {
    const r = await trackRun(connections, 5);
    sweep.push({ name: `tracking, ${connections} connections`, r });
    say(line(`GET /api/v1/track/{n}, ${connections} conn.`, r));
    say(connectLine(r));
  }
  const fileRequest: autocannon.Request = {
    method: 'POST',
    path: '/api/v1/incidents',
    headers: { 'Content-Type': 'application/json', Authorization: auth },
    // as the web app files: every report carries its own Idempotency-Key
    setupRequest: (req) => ({
      ...req,
      headers: { ...req.headers, 'Idempotency-Key': randomUUID() },
      body: JSON.stringify(report()),
    }),
  };
  // warm-up of filing, two reports per client, their workflows settled before the measured run: a fresh api's first
  // filing on each of its database connections pays PostgreSQL's compilation of file_incident_once and of its plans
  // in that backend (once per connection; the pool keeps its connections open). Printed, not counted.
  const cold = await run({
    url: base,
    connections: FILE_CONNECTIONS,
    amount: 2 * FILE_CONNECTIONS,
    requests: [fileRequest],
  });
  say(line('\nwarm-up: the first filings after start', cold));
  await settleAll('warm-up');

  // filing at an offered rate (open loop: 50 clients sending BENCH_FILE_RATE reports per second in all, instead of
  // each sending its next report the moment the last is answered)
  say(`\n3. filing offered at a rate`);
  const fileRate = Number(process.env.BENCH_FILE_RATE ?? 50);
  const fr = await measured(procs, () =>
    run({
      url: base,
      connections: FILE_CONNECTIONS,
      overallRate: fileRate,
      duration: 10,
      requests: [fileRequest],
    }),
  );
  say(line(`POST /api/v1/incidents @ ${fileRate}/s`, fr.result));
  say(`  ${fr.cpu}; ${fr.load}`);

  await settleAll('filing at a rate');

  say(
    `\n4. filing incidents: ${FILE_CONNECTIONS} connections, ${FILE_SECONDS} s, unique NIK and Idempotency-Key per request`,
  );
  // BENCH_TRACE_SLOW_MS=<ms>: list every filing answer slower than that, with its connection, its number on that
  // connection and when it was sent (is a slow answer a connection's first request, or one connection starved?)
  const traceSlow = Number(process.env.BENCH_TRACE_SLOW_MS ?? 0);
  const slow: { client: number; nth: number; sentMs: number; ms: number }[] = [];
  const fileStart = Date.now();
  let clients = 0;
  const f = await measured(procs, () =>
    run({
      url: base,
      connections: FILE_CONNECTIONS,
      duration: FILE_SECONDS,
      ...(traceSlow > 0
        ? {
            setupClient: (client: autocannon.Client) => {
              const id = clients++;
              let nth = 0;
              (client as unknown as import('events').EventEmitter).on(
                'response',
                (_s: number, _b: number, ms: number) => {
                  nth++;
                  if (ms >= traceSlow)
                    slow.push({ client: id, nth, sentMs: Date.now() - fileStart - ms, ms });
                },
              );
            },
          }
        : {}),
      requests: [fileRequest],
    }),
  );
  const filing = f.result;
  say(line('POST /api/v1/incidents', filing));
  say(connectLine(filing));
  say(`  ${f.cpu}; ${f.load}`);
  say(machineBound(f, FILE_CONNECTIONS));
  if (traceSlow > 0) {
    say(`  ${slow.length} answers over ${traceSlow} ms (connection #, request # on it, sent at, took):`);
    for (const x of slow)
      say(
        `    conn ${x.client} req ${x.nth} sent ${(x.sentMs / 1000).toFixed(2)} s took ${x.ms.toFixed(0)} ms`,
      );
  }

  // every filed claim gets its workflow: the starts held back while the api was busy follow now
  await settleAll('filing run');

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
  // the targets are judged on every answer above; these leave out each connection's first (see connectLine)
  say(
    `  without each connection's first answer: filing p99 ${Math.round(percentile(filing.others, 99))} ms, ` +
      `tracking p99 ${Math.round(percentile(tracking.others, 99))} ms, yardstick p99 ${Math.round(percentile(trivial.others, 99))} ms`,
  );
  for (const x of sweep)
    say(`  ${x.name}: ${x.r.requests.average.toFixed(0)} req/s, p99 ${x.r.latency.p99} ms`);
  say(
    `  filing offered at ${fileRate}/s by ${FILE_CONNECTIONS} clients: ${fr.result.requests.average.toFixed(0)} req/s answered, ` +
      `p50 ${fr.result.latency.p50} ms, p99 ${fr.result.latency.p99} ms`,
  );
  say(
    `  (node ${process.version}, ${os.cpus().length} CPUs, api (API_PROCESSES=${process.env.API_PROCESSES ?? 1}) and ` +
      `worker as separate processes, NODE_ENV=production, WORKFLOW_START_RATE=${process.env.WORKFLOW_START_RATE ?? 20}, ` +
      `FILING_BATCHES_IN_FLIGHT=${process.env.FILING_BATCHES_IN_FLIGHT ?? 1}, FILING_BATCH_MAX=${process.env.FILING_BATCH_MAX ?? 32})`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:api failed: ${(err as Error)?.stack ?? err}\n`);
  process.exit(1);
});
