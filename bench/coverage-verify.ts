/**
 * npm run bench:verify [-- --rows 6000000 --lookups 10000 --no-prewarm]
 * Single-lookup latency (p50/p95/p99, sequential, one connection at a time) and the throughput of a 10,000-lookup
 * batch (verifyMany: one round trip), on a registry of --rows appointments (DATABASE_URL, else embedded).
 * Lookups: NIKs drawn at random from the whole registry (ORDER BY random()), 1 in 10 turned into an unknown NIK.
 * Warm-up (stated in the output): pg_prewarm of the three tables and their keys when available (a running
 * registry's pages are in the cache), then 500 lookups that are not measured.
 */
import { CoverageVerificationService, type CoverageProgram } from '@sigap/coverage';
import { arg, benchDatabase, percentile, say } from './support';
import { ensureRegistry } from './registry';

async function main(): Promise<void> {
  const rows = Number(arg('rows', '6000000'));
  const lookups = Number(arg('lookups', '10000'));
  const db = await benchDatabase('verify');
  const ds = await ensureRegistry(db.url, rows, 42);
  try {
    const svc = new CoverageVerificationService(ds);
    const sample: { nik: string }[] = await ds.query(
      `SELECT nik FROM adhoc_worker ORDER BY random() LIMIT $1`,
      [Math.max(lookups, 10000)],
    );
    if (!process.argv.includes('--no-prewarm')) {
      const t = Date.now();
      try {
        await ds.query(`CREATE EXTENSION IF NOT EXISTS pg_prewarm`);
        const rels = [
          'adhoc_worker',
          'adhoc_worker_pkey',
          'appointment',
          'appointment_pkey',
          'coverage_period',
          'coverage_period_pkey',
        ];
        for (const r of rels) await ds.query(`SELECT pg_prewarm($1)`, [r]);
        say(`warm-up: pg_prewarm of ${rels.join(', ')} in ${Date.now() - t} ms`);
      } catch (e) {
        say(`warm-up: pg_prewarm unavailable (${(e as Error).message}); cold cache`);
      }
    }
    // 1 in 10 lookups is an unknown NIK (NO_RECORD)
    const reqs = sample.map((s, i) => ({
      nik: i % 10 === 9 ? s.nik.slice(0, 12) + '9999' : s.nik,
      incidentDate: i % 3 === 0 ? '2024-02-14' : i % 3 === 1 ? '2024-01-25' : '2023-06-01',
      program: (i % 2 ? 'JKK' : 'JKM') as CoverageProgram,
    }));
    for (let i = 0; i < 500; i++) {
      const r = reqs[reqs.length - 1 - i]; // warm-up (not measured): connections, prepared statements, JIT of the decision code
      await svc.verify(r.nik, r.incidentDate, r.program);
    }
    const lat: number[] = [];
    const outcomes: Record<string, number> = {};
    for (let i = 0; i < lookups; i++) {
      const r = reqs[i % reqs.length];
      const t = process.hrtime.bigint();
      const v = await svc.verify(r.nik, r.incidentDate, r.program);
      lat.push(Number(process.hrtime.bigint() - t) / 1e6);
      outcomes[v.outcome] = (outcomes[v.outcome] ?? 0) + 1;
    }
    lat.sort((a, b) => a - b);
    say(
      `# coverage verification on ${rows} appointments (load at the end: ${(await import('node:os'))
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')})`,
    );
    say(
      `single lookups (${lookups}, sequential): p50 ${percentile(lat, 50).toFixed(2)} ms, p95 ${percentile(lat, 95).toFixed(2)} ms, p99 ${percentile(lat, 99).toFixed(2)} ms, max ${lat[lat.length - 1].toFixed(1)} ms`,
    );
    say(`  outcomes: ${JSON.stringify(outcomes)}`);
    const batch = reqs.slice(0, 10000);
    for (let round = 1; round <= 3; round++) {
      const t = Date.now();
      const out = await svc.verifyMany(batch);
      const ms = Date.now() - t;
      say(
        `batch of ${out.length} (verifyMany, one round trip), run ${round}: ${ms} ms, ${Math.round(out.length / (ms / 1000))} lookups/s`,
      );
    }
    const t = Date.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < batch.length) {
          const r = batch[next++];
          await svc.verify(r.nik, r.incidentDate, r.program);
        }
      }),
    );
    const ms = Date.now() - t;
    say(`10000 single lookups, 8 concurrent: ${ms} ms, ${Math.round(10000 / (ms / 1000))} lookups/s`);
  } finally {
    await ds.destroy();
    await db.stop();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`bench:verify failed: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
