/**
 * The family tracking lookup's database statement (apps/api/src/tracking/tracking.service.ts, TRACK_SQL) against a
 * read model of election scale: BENCH_TRACK_CLAIMS (100,000) claims, each with 8 timeline events, 6 documents (2
 * still expected from the family), a bank account and 3 payments (2 completed, 1 requested). Prints the lookup's
 * latency (sequential, one connection, a prepared statement as the api runs it, random claims) with the indexes of
 * migration ClaimChildIndexes and, in the same run, without them (what every lookup cost before: both tables read
 * whole), and the statement's own time from EXPLAIN ANALYZE.
 *
 *   npm run bench:track-lookup
 *
 * DATABASE_URL to use an existing database (its claim tables get the seeded rows), else a throwaway embedded
 * cluster. BENCH_TRACK_CLAIMS, BENCH_TRACK_LOOKUPS (5,000 with the indexes; a tenth of that without).
 */
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { TRACK_SQL, TRACK_WINDOW_MINUTES } from '../apps/api/src/tracking/tracking.service';
import { benchDatabase } from './support';

const CLAIMS = Number(process.env.BENCH_TRACK_CLAIMS ?? 100000);
const LOOKUPS = Number(process.env.BENCH_TRACK_LOOKUPS ?? 5000);
const say = (m: string) => process.stdout.write(`${m}\n`);

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function seed(c: Client): Promise<void> {
  const t0 = performance.now();
  await c.query(`SET synchronous_commit = off`);
  await c.query(
    `
    CREATE TEMP TABLE bench_claim AS
      SELECT n, 'SGP-2026-' || lpad((900000 + n)::text, 7, '0') AS claim_number, gen_random_uuid() AS incident_id,
             gen_random_uuid() AS account_id
        FROM generate_series(1, $1::int) AS n`,
    [CLAIMS],
  );
  await c.query(`
    INSERT INTO incident (id, worker_nik, incident_type, occurred_at, reported_at, region_code)
    SELECT incident_id, '3273' || lpad(n::text, 12, '0'), 'DEATH', now() - interval '30 days', now() - interval '29 days', '3273011001'
      FROM bench_claim`);
  await c.query(`
    INSERT INTO claim (claim_number, incident_id, tracking_code_hash, stage, regency_code, workflow_started_at)
    SELECT claim_number, incident_id, repeat('a', 64), 'PAYOUT', '3273', now() FROM bench_claim`);
  await c.query(`
    INSERT INTO claim_event (claim_number, seq, type, stage, actor, occurred_at)
    SELECT claim_number, s, 'STEP_' || s, (ARRAY['REPORTED','AWAITING_VERIFICATION','AWAITING_VERIFICATION','DOCUMENTS',
           'DOCUMENTS','BENEFIT_PROPOSED','APPROVED','PAYOUT'])[s], 'bench', now() - make_interval(days => 30 - s)
      FROM bench_claim, generate_series(1, 8) AS s`);
  await c.query(`
    INSERT INTO claim_document (claim_number, code, label, requirement, supplier, status)
    SELECT claim_number, 'DOC_' || d, 'Dokumen ' || d, 'REQUIRED', CASE WHEN d <= 2 THEN 'FAMILY' ELSE 'KPU' END,
           CASE WHEN d <= 2 THEN 'MISSING' ELSE 'ACCEPTED' END
      FROM bench_claim, generate_series(1, 6) AS d`);
  await c.query(`
    INSERT INTO claim_bank_account (id, claim_number, bank_code, account_number_enc, holder_name_enc, masked, registered_by)
    SELECT account_id, claim_number, '002', 'enc', 'enc', '****' || lpad((n % 10000)::text, 4, '0'), 'bench' FROM bench_claim`);
  await c.query(`
    INSERT INTO claim_payment (idempotency_key, claim_number, line_key, account_id, amount, payer, status)
    SELECT gen_random_uuid(), claim_number, 'LINE_' || l, account_id, 14000000, 'BPJS',
           CASE WHEN l < 3 THEN 'COMPLETED' ELSE 'REQUESTED' END
      FROM bench_claim, generate_series(1, 3) AS l`);
  await c.query(`ANALYZE`);
  say(
    `seeded ${CLAIMS.toLocaleString('en')} claims (8 events, 6 documents, 1 account, 3 payments each) in ` +
      `${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
}

async function lookups(c: Client, n: number, label: string): Promise<void> {
  const ms: number[] = [];
  for (let i = 0; i < Math.max(50, n / 10); i++) await lookup(c); // warm-up: plan cached, pages in memory
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await lookup(c);
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  const explain = await c.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${TRACK_SQL}`, [
    [randomClaim()],
    TRACK_WINDOW_MINUTES,
  ]);
  const plan = (explain.rows[0]['QUERY PLAN'] as { 'Execution Time': number }[])[0];
  say(
    `${label.padEnd(34)} ${n} lookups: p50 ${pct(ms, 50).toFixed(2)} ms, p99 ${pct(ms, 99).toFixed(2)} ms, ` +
      `${(n / (ms.reduce((a, b) => a + b, 0) / 1000)).toFixed(0)}/s on one connection; ` +
      `statement ${plan['Execution Time'].toFixed(2)} ms (EXPLAIN ANALYZE)`,
  );
}

const randomClaim = () =>
  `SGP-2026-${String(900000 + 1 + Math.floor(Math.random() * CLAIMS)).padStart(7, '0')}`;
const lookup = (c: Client) =>
  c.query({ name: 'sigap_track_claims', text: TRACK_SQL, values: [[randomClaim()], TRACK_WINDOW_MINUTES] });

async function main(): Promise<void> {
  const db = await benchDatabase('track-lookup');
  const c = new Client({ connectionString: db.url });
  await c.connect();
  try {
    await seed(c);
    await lookups(c, LOOKUPS, 'with the claim-number indexes');
    await c.query(`DROP INDEX claim_payment_claim`);
    await c.query(`DROP INDEX claim_bank_account_claim`);
    // a new connection: the prepared statement's plan was made with the indexes
    const before = new Client({ connectionString: db.url });
    await before.connect();
    await lookups(before, Math.max(50, Math.floor(LOOKUPS / 10)), 'without them (before the migration)');
    await before.end();
    await c.query(`CREATE INDEX claim_bank_account_claim ON claim_bank_account (claim_number, created_at)`);
    await c.query(`CREATE INDEX claim_payment_claim ON claim_payment (claim_number, status)`);
  } finally {
    await c.end();
    await db.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:track-lookup failed: ${(err as Error)?.stack ?? err}\n`);
  process.exit(1);
});
