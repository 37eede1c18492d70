import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { freePort, startEmbeddedPostgres, startTemporalDevServer } from '../../libs/devstack/src';
import { runMigrations } from '../../libs/persistence/src';

/**
 * Starts the real dependencies once per jest run: a throwaway embedded PostgreSQL cluster (or a fresh database on
 * the server of DATABASE_URL) and a Temporal dev server in memory (unless TEMPORAL_ADDRESS is set), then runs the
 * migrations. Test files find them through DATABASE_URL and TEMPORAL_ADDRESS.
 */
export default async function globalSetup(): Promise<void> {
  const verbose = process.env.SIGAP_TEST_VERBOSE === 'true';
  const log = (m: string) => {
    if (verbose) process.stderr.write(`[test-stack] ${m}\n`);
  };
  const stack: { stops: (() => Promise<void>)[]; tmp?: string } = { stops: [] };
  (globalThis as Record<string, unknown>).__SIGAP_TEST_STACK__ = stack;
  const started = Date.now();

  if (process.env.DATABASE_URL) {
    // an external server: a database of our own on it, dropped at the end
    const base = new URL(process.env.DATABASE_URL);
    const dbName = `sigap_test_${process.pid}_${Date.now()}`;
    const admin = new Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    await admin.end();
    base.pathname = `/${dbName}`;
    process.env.DATABASE_URL = base.toString();
    stack.stops.push(async () => {
      const c = new Client({
        connectionString: process.env.DATABASE_URL!.replace(`/${dbName}`, '/postgres'),
      });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await c.end();
    });
  } else {
    stack.tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sigap-test-'));
    const pg = await startEmbeddedPostgres({
      dataDir: path.join(stack.tmp, 'pgdata'),
      port: await freePort(),
      database: 'sigap_test',
      persistent: false,
      log,
    });
    process.env.DATABASE_URL = pg.url;
    stack.stops.push(() => pg.stop());
  }
  await runMigrations(process.env.DATABASE_URL);

  if (!process.env.TEMPORAL_ADDRESS) {
    const temporal = await startTemporalDevServer({ port: await freePort(), namespace: 'default', log });
    process.env.TEMPORAL_ADDRESS = temporal.address;
    stack.stops.push(() => temporal.stop());
  }
  process.env.SIGAP_TEST_STACK_READY_MS = String(Date.now() - started);
  log(`ready in ${Date.now() - started} ms: postgres and temporal at ${process.env.TEMPORAL_ADDRESS}`);
}
