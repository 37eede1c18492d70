import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { freePort, startEmbeddedPostgres, startTemporalDevServer } from '../../libs/devstack/src';
import { runMigrations } from '../../libs/persistence/src';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { provisionTestTools } = require('../../scripts/test-tools.js') as {
  provisionTestTools(o: {
    log: (m: string) => void;
  }): Promise<Record<'temporal' | 'timers' | 'browser', Tool>>;
};
type Tool = { ok: true; path: string } | { ok: false; why: string; optedOut?: string };

/**
 * Provisions the test tools (scripts/test-tools.js: the Temporal CLI, the time-skipping test server, Chromium), then
 * starts the real dependencies once per jest run: a throwaway embedded PostgreSQL cluster (or a fresh database on
 * the server of DATABASE_URL) and a Temporal dev server in memory (unless TEMPORAL_ADDRESS is set), then runs the
 * migrations. Test files find them through DATABASE_URL and TEMPORAL_ADDRESS.
 */
export default async function globalSetup(): Promise<void> {
  const verbose = process.env.SIGAP_TEST_VERBOSE === 'true';
  const log = (m: string) => {
    if (verbose) process.stderr.write(`[test-stack] ${m}\n`);
  };
  // the Temporal CLI, the time-skipping test server and Chromium: found in the cache, or installed once (printed)
  const tools = await provisionTestTools({ log: (m: string) => process.stderr.write(`[test-tools] ${m}\n`) });
  if (!tools.temporal.ok && !process.env.TEMPORAL_ADDRESS)
    throw new Error(`the integration tests need the Temporal CLI: ${tools.temporal.why}`);
  if (tools.timers.ok) process.env.TEMPORAL_TEST_SERVER_PATH = tools.timers.path;
  if (tools.browser.ok) process.env.CHROMIUM_PATH = tools.browser.path;
  process.env.SIGAP_TEST_TOOLS = JSON.stringify(tools);
  const stack: { stops: (() => Promise<void>)[]; tmp?: string } = { stops: [] };
  (globalThis as Record<string, unknown>).__SIGAP_TEST_STACK__ = stack;
  const started = Date.now();
  if (process.env.SIGAP_TEST_HOLD_DEFAULT_PORTS === '1') await holdDefaultPorts(stack, log);

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

/**
 * npm start's default ports (api 3000, bank simulator 4010, Temporal 7233 and its UI 8233, PostgreSQL 54329), held
 * for the whole run (CI sets SIGAP_TEST_HOLD_DEFAULT_PORTS=1): a test or a child it starts that still used one of
 * them would fail, as it would beside a developer's running `npm start`. A port already taken is left alone.
 */
export const NPM_START_PORTS = [3000, 4010, 7233, 8233, 54329];
async function holdDefaultPorts(
  stack: { stops: (() => Promise<void>)[] },
  log: (m: string) => void,
): Promise<void> {
  for (const port of NPM_START_PORTS) {
    const srv = net.createServer((socket) => socket.destroy());
    const held = await new Promise<boolean>((resolve) => {
      srv.once('error', () => resolve(false));
      srv.listen({ port, host: '127.0.0.1', exclusive: true }, () => resolve(true));
    });
    log(held ? `holding npm start's port ${port}` : `port ${port} is in use already (an npm start?)`);
    if (held) stack.stops.push(() => new Promise<void>((r) => srv.close(() => r())));
  }
}
