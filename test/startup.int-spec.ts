import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { freePort } from '../libs/devstack/src';

const ROOT = path.resolve(__dirname, '..');

/** Runs `npm start`'s script (scripts/start.ts) with the given environment; collects its output and exit code. */
function start(
  env: Record<string, string>,
  opts: { detached?: boolean } = {},
): {
  proc: ChildProcess;
  done: Promise<{ code: number | null; out: string }>;
} {
  const proc = spawn(
    process.execPath,
    ['-r', 'ts-node/register', '-r', 'tsconfig-paths/register', 'scripts/start.ts'],
    {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        TS_NODE_TRANSPILE_ONLY: 'true',
        LOG_LEVEL: 'warn',
        LOG_FORMAT: 'json',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      // a process group of its own, as a terminal gives `npm start`: a Ctrl-C then reaches the whole group
      detached: opts.detached,
    },
  );
  let out = '';
  proc.stdout!.on('data', (b) => (out += b));
  proc.stderr!.on('data', (b) => (out += b));
  const done = new Promise<{ code: number | null; out: string }>((resolve) =>
    proc.once('exit', (code) => resolve({ code, out })),
  );
  return { proc, done };
}

async function waitFor(get: () => string, pattern: RegExp, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(get())) {
    if (Date.now() > deadline) throw new Error(`no ${pattern} within ${timeoutMs} ms:\n${get()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('npm start (scripts/start.ts) against the test stack', () => {
  let bankPort: number;
  beforeEach(async () => {
    // never npm start's default 4010: a developer's `npm start` may be running beside the tests
    bankPort = await freePort();
  });
  const base = () => ({
    DATABASE_URL: process.env.DATABASE_URL!,
    TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS!,
    // the shared test database keeps an empty coverage registry (the demo roster: test/demo-roster.int-spec.ts)
    SIGAP_DEMO_ROSTER_ROWS: '0',
    SIGAP_BANK_SIM_PORT: String(bankPort),
  });

  it('stops at once with a message naming DATABASE_URL when it is malformed', async () => {
    const { done } = start({ ...base(), DATABASE_URL: 'mysql://nope', API_PORT: String(await freePort()) });
    const { code, out } = await done;
    expect(code).not.toBe(0);
    expect(out).toMatch(/DATABASE_URL: must be a URL like postgres:\/\//);
    expect(out).not.toMatch(/Sigap is ready/);
  });

  it('stops at once with a message naming SIGAP_DEMO_ROSTER_ROWS when it is not a row count', async () => {
    const { done } = start({ ...base(), SIGAP_DEMO_ROSTER_ROWS: 'lots', API_PORT: String(await freePort()) });
    const { code, out } = await done;
    expect(code).not.toBe(0);
    expect(out).toContain('SIGAP_DEMO_ROSTER_ROWS=lots is not a row count');
    expect(out).not.toMatch(/starting|migrations|Sigap is ready/);
  });

  it('stops with a clear message when TEMPORAL_ADDRESS is unreachable', async () => {
    const dead = await freePort();
    const { done } = start({
      ...base(),
      TEMPORAL_ADDRESS: `127.0.0.1:${dead}`,
      API_PORT: String(await freePort()),
    });
    const { code, out } = await done;
    expect(code).not.toBe(0);
    expect(out).toContain(`Temporal is unreachable at TEMPORAL_ADDRESS=127.0.0.1:${dead}`);
  });

  it('stops with a clear message when the api port is already in use', async () => {
    const blocker = net.createServer();
    const port = await new Promise<number>((resolve) =>
      blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as net.AddressInfo).port)),
    );
    try {
      const { code, out } = await start({ ...base(), API_PORT: String(port) }).done;
      expect(code).not.toBe(0);
      expect(out).toContain(`port ${port} is already in use`);
      expect(out).toContain('API_PORT');
    } finally {
      blocker.close();
    }
  });

  it('reaches ready, serves /health, and stops every child on SIGINT', async () => {
    const port = await freePort();
    const { proc, done } = start({ ...base(), API_PORT: String(port), TEMPORAL_TASK_QUEUE: `start-${port}` });
    let out = '';
    proc.stdout!.on('data', (b) => (out += b));
    await waitFor(() => out, /Sigap is ready in/, 90000);
    expect(out).toContain(`OpenAPI docs http://127.0.0.1:${port}/api/docs`);
    const health = await fetch(`http://127.0.0.1:${port}/health`);
    expect(health.status).toBe(200);
    proc.kill('SIGINT');
    const { code } = await done;
    expect(code).toBe(0);
    // the api child is gone: nothing answers on its port any more
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
  });

  it('with API_PROCESSES=2 the api runs as two processes on one port, and all stop on SIGINT', async () => {
    const port = await freePort();
    const { proc, done } = start({
      ...base(),
      API_PORT: String(port),
      API_PROCESSES: '2',
      TEMPORAL_TASK_QUEUE: `start2-${port}`,
    });
    let out = '';
    proc.stdout!.on('data', (b) => (out += b));
    await waitFor(() => out, /Sigap is ready in/, 90000);
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => fetch(`http://127.0.0.1:${port}/health`).then((r) => r.status)),
    );
    expect(answers).toEqual(Array(20).fill(200));
    proc.kill('SIGINT');
    const { code } = await done;
    expect(code).toBe(0);
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
  });

  it('embedded: PostgreSQL is durable, and Ctrl-C to the whole group stops api → worker → bank → Temporal → PostgreSQL', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sigap-start-'));
    const port = await freePort();
    const pgPort = await freePort();
    const env: Record<string, string> = {
      SIGAP_DEMO_ROSTER_ROWS: '0',
      SIGAP_DATA_DIR: dataDir,
      API_PORT: String(port),
      SIGAP_BANK_SIM_PORT: String(bankPort),
      SIGAP_POSTGRES_PORT: String(pgPort),
      SIGAP_TEMPORAL_PORT: String(await freePort()),
      SIGAP_TEMPORAL_UI_PORT: String(await freePort()),
    };
    const { proc, done } = start(env, { detached: true });
    let out = '';
    proc.stdout!.on('data', (b) => (out += b));
    try {
      await waitFor(() => out, /Sigap is ready in/, 120000);
      // the persistent cluster of npm start keeps PostgreSQL's durable defaults
      const db = new Client({ connectionString: `postgres://postgres:postgres@127.0.0.1:${pgPort}/sigap` });
      await db.connect();
      const settings = await db.query<{ name: string; setting: string }>(
        `SELECT name, setting FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes')`,
      );
      await db.end();
      expect(Object.fromEntries(settings.rows.map((r) => [r.name, r.setting]))).toEqual({
        fsync: 'on',
        synchronous_commit: 'on',
        full_page_writes: 'on',
      });
      // as a terminal does on Ctrl-C: SIGINT to every process of the foreground group
      process.kill(-proc.pid!, 'SIGINT');
      const { code } = await done;
      expect(code).toBe(0);
      const lines = out.trim().split('\n');
      const stopped = lines.filter((l) => / stopped$/.test(l) && l !== '[sigap] stopped');
      expect(stopped).toEqual([
        '[sigap] api stopped',
        '[sigap] worker stopped',
        '[sigap] bank simulator stopped',
        '[sigap] Temporal stopped',
        '[sigap] PostgreSQL stopped',
      ]);
      expect(out).not.toMatch(/had already stopped|did not stop cleanly|stopped unexpectedly/);
      expect(lines[lines.length - 1]).toBe('[sigap] stopped');
    } finally {
      if (proc.exitCode === null) process.kill(-proc.pid!, 'SIGKILL');
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 180000);
});
