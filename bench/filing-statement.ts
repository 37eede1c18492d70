/**
 * The keyed filing's database statement on its own (`file_incidents_once(jsonb)`, as ClaimsService sends it under
 * load: batches of FILING_BATCH_MAX filings, one batch at a time on one connection, as the group commit does).
 * Prints the statement's time per batch and per filing (the payloads are built between statements, not counted) and
 * PostgreSQL's CPU per filing read from the backend's /proc stat, so the statement's cost is seen apart from the api.
 *
 *   npm run bench:filing-sql
 *
 * DATABASE_URL to use an existing database (the filed claims stay in it), else a throwaway embedded cluster.
 * BENCH_FILING_BATCHES (400), BENCH_FILING_BATCH (32), BENCH_FILING_ROUNDS (3: the figures of each round, then the
 * best).
 */
import 'reflect-metadata';
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { benchDatabase, percentile, say } from './support';

const BATCHES = Number(process.env.BENCH_FILING_BATCHES ?? 400);
const BATCH = Number(process.env.BENCH_FILING_BATCH ?? 32);
const ROUNDS = Number(process.env.BENCH_FILING_ROUNDS ?? 3);
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

let nikSeq = 0;
/** A filing as ClaimsService's OnceFiling serialises it (the JSON element of file_incidents_once). */
function filing(now: Date): Record<string, unknown> {
  nikSeq++;
  const key = randomUUID();
  return {
    scope: 'file-incident:bench',
    key,
    requestHash: sha(key),
    trackingCode: 'ABCDEFGHJK',
    nik: `327301${String(nikSeq).padStart(10, '0')}`,
    type: 'DEATH',
    occurredAt: new Date(now.getTime() - 3600_000),
    reportedAt: now,
    region: '3273011001',
    tps: 12,
    place: 'TPS 12 Kelurahan Cipedes',
    chronology: 'Collapsed while counting the ballots after midnight; taken to the puskesmas.',
    workerRole: 'KPPS_ANGGOTA',
    onDutyContext: 'Counting at the polling station',
    healthFacility: 'Puskesmas Cipedes',
    reporterName: 'Siti Rahma',
    reporterPhone: '081234567890',
    reporterRelation: 'Ketua KPPS',
    trackingCodeHash: sha(`code-${key}`),
    lateReport: false,
  };
}

/** CPU seconds (user + system) of one process, from /proc (the backend serving the connection). */
function cpuSeconds(pid: number): number {
  try {
    const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return NaN; // a remote database: its CPU is not readable here
  }
}

async function main(): Promise<void> {
  const db = await benchDatabase('filing');
  const c = new Client({ connectionString: db.url });
  await c.connect();
  try {
    const [{ pid }] = (await c.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows;
    say(
      `file_incidents_once: ${BATCHES} batches of ${BATCH} filings a round, one at a time on one connection, ${ROUNDS} rounds`,
    );
    // warm-up: the function's plans are made once per connection
    await c.query('SELECT * FROM file_incidents_once($1::jsonb)', [
      JSON.stringify(Array.from({ length: BATCH }, () => filing(new Date()))),
    ]);
    const rounds: { perFiling: number; cpuPerFiling: number; p99: number }[] = [];
    for (let r = 1; r <= ROUNDS; r++) {
      const times: number[] = [];
      const cpu0 = cpuSeconds(pid);
      for (let b = 0; b < BATCHES; b++) {
        const payload = JSON.stringify(Array.from({ length: BATCH }, () => filing(new Date())));
        const s = performance.now();
        const { rows } = await c.query('SELECT * FROM file_incidents_once($1::jsonb)', [payload]);
        times.push(performance.now() - s);
        if (rows.length !== BATCH || rows.some((x: { status_code: number }) => x.status_code !== 201))
          throw new Error(`batch ${b}: ${rows.length} results, not ${BATCH} new claims`);
      }
      const cpu = (cpuSeconds(pid) - cpu0) * 1000;
      // the statements' own time: the payloads are built between them
      const wall = times.reduce((a, b) => a + b, 0);
      times.sort((a, b) => a - b);
      const p50 = percentile(times, 50);
      const p99 = percentile(times, 99);
      const filed = BATCHES * BATCH;
      rounds.push({ perFiling: wall / filed, cpuPerFiling: cpu / filed, p99 });
      say(
        `  round ${r}: ${filed} filings in ${(wall / 1000).toFixed(2)} s → ${Math.round(filed / (wall / 1000))} a second; ` +
          `batch p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms; per filing ${(wall / filed).toFixed(3)} ms of time, ` +
          `${(cpu / filed).toFixed(3)} ms of the backend's CPU`,
      );
    }
    const best = rounds.reduce((a, b) => (b.perFiling < a.perFiling ? b : a));
    say(
      `best round: ${best.perFiling.toFixed(3)} ms a filing (${Math.round(1000 / best.perFiling)} filings a second on one backend), ` +
        `backend CPU ${best.cpuPerFiling.toFixed(3)} ms a filing`,
    );
  } finally {
    await c.end();
    await db.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
