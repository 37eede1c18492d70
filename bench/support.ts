/** Shared by the benchmarks: a PostgreSQL to measure against (DATABASE_URL, else a throwaway embedded cluster). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { freePort, startEmbeddedPostgres } from '@sigap/devstack';
import { runMigrations } from '@sigap/persistence';

export interface BenchDb {
  url: string;
  stop(): Promise<void>;
}

export async function benchDatabase(name: string): Promise<BenchDb> {
  if (process.env.DATABASE_URL) {
    await runMigrations(process.env.DATABASE_URL);
    return { url: process.env.DATABASE_URL, stop: async () => undefined };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `sigap-bench-${name}-`));
  const pg = await startEmbeddedPostgres({
    dataDir: path.join(dir, 'pgdata'),
    port: await freePort(),
    database: 'sigap_bench',
    persistent: false,
  });
  await runMigrations(pg.url);
  // bulk-load server settings (docs/coverage.md): fewer checkpoints during the load
  const c = new Client({ connectionString: pg.url });
  await c.connect();
  await c.query(`ALTER SYSTEM SET max_wal_size = '16GB'`);
  await c.query(`ALTER SYSTEM SET checkpoint_timeout = '30min'`);
  await c.query(`SELECT pg_reload_conf()`);
  await c.end();
  return {
    url: pg.url,
    stop: async () => {
      await pg.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

export const say = (s: string) => process.stdout.write(`${s}\n`);

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
