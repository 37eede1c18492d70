/** Shared by the benchmarks: a PostgreSQL to measure against (DATABASE_URL, else a throwaway embedded cluster). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, startEmbeddedPostgres } from '@sigap/devstack';
import { runMigrations } from '@sigap/persistence';
import { Client } from 'pg';

export interface BenchDb {
  url: string;
  stop(): Promise<void>;
}

export async function benchDatabase(name: string): Promise<BenchDb> {
  if (process.env.DATABASE_URL) {
    await runMigrations(process.env.DATABASE_URL);
    await sayDatabaseSettings(process.env.DATABASE_URL);
    return { url: process.env.DATABASE_URL, stop: async () => undefined };
  }
  // SIGAP_BENCH_PGDATA=/path keeps the cluster (and its registry) between benchmark runs
  const keep = process.env.SIGAP_BENCH_PGDATA;
  const dir = keep ?? fs.mkdtempSync(path.join(os.tmpdir(), `sigap-bench-${name}-`));
  const pg = await startEmbeddedPostgres({
    dataDir: path.join(dir, 'pgdata'),
    port: await freePort(),
    database: 'sigap_bench',
    persistent: Boolean(keep),
    durable: benchDurable(),
    settings: BENCH_PG_SETTINGS,
  });
  await runMigrations(pg.url);
  await sayDatabaseSettings(pg.url);
  return {
    url: pg.url,
    stop: async () => {
      await pg.stop();
      if (!keep) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Server settings of the benchmarks' embedded PostgreSQL (docs/coverage.md "Benchmarks"): a realistic cache for a
 * 24 GB machine (the registry's hot set is ~2 GB), few checkpoints during bulk loads, and wal_level = minimal (no
 * replication on this throwaway cluster) so that tables emptied and refilled in one transaction skip the WAL.
 */
export const BENCH_PG_SETTINGS: Record<string, string> = {
  shared_buffers: '2GB',
  effective_cache_size: '16GB',
  work_mem: '64MB',
  maintenance_work_mem: '1GB',
  max_wal_size: '16GB',
  checkpoint_timeout: '30min',
  wal_level: 'minimal',
  max_wal_senders: '0',
  max_parallel_maintenance_workers: '2',
};

/**
 * BENCH_DURABLE=1: the benchmark's embedded cluster runs with PostgreSQL's durable defaults (fsync,
 * synchronous_commit and full_page_writes on), as `npm start`'s does; otherwise with fsync=off, as a throw-away
 * cluster, which shows no cost of flushing a commit to disk.
 */
export function benchDurable(): boolean {
  const v = process.env.BENCH_DURABLE;
  if (v === undefined || v === '' || v === '0') return false;
  if (v === '1' || v === 'true') return true;
  throw new Error(`BENCH_DURABLE=${v}: use 1 (durable) or 0 (fsync=off)`);
}

/** Prints the durability settings the benchmark's database really runs with (read from the server). */
export async function sayDatabaseSettings(url: string): Promise<void> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query<{ name: string; setting: string }>(
      `SELECT name, setting FROM pg_settings
        WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes', 'wal_level') ORDER BY name`,
    );
    const all = Object.fromEntries(r.rows.map((x) => [x.name, x.setting]));
    const durable = all.fsync === 'on' && all.synchronous_commit !== 'off';
    say(
      `database: ${durable ? 'durable' : 'NOT durable (throw-away)'}: ` +
        r.rows.map((x) => `${x.name}=${x.setting}`).join(' ') +
        (durable ? '' : ' (BENCH_DURABLE=1 runs with the durable defaults)'),
    );
  } finally {
    await c.end();
  }
}

export function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

export const say = (s: string) => process.stdout.write(`${s}\n`);

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Busy and total CPU seconds of the whole machine, from /proc/stat. */
export function machineCpu(): { busy: number; total: number; steal: number } {
  try {
    const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const total = f.reduce((a, b) => a + b, 0) / 100;
    // steal (8th field): time a virtual machine's vCPUs were ready but the host ran something else (counted as busy)
    return { busy: total - (f[3] + f[4]) / 100, total, steal: (f[7] ?? 0) / 100 };
  } catch {
    return { busy: NaN, total: NaN, steal: NaN };
  }
}
