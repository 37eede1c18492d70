import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { assertPortFree, waitForPort } from './ports';
import { repoScript } from './repo-script';

// the resolver is plain JS so that CI can call it before anything is compiled; loaded when a server is started
const cli = () =>
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(repoScript('temporal-cli.js')) as {
    resolveTemporalCli(opts?: {
      build?: boolean;
      log?: (m: string) => void;
    }): Promise<{ kind: 'path'; path: string; source: string } | { kind: 'sdk-download' }>;
  };

export interface TemporalDevServerOptions {
  port: number;
  /** undefined = headless (no web UI) */
  uiPort?: number;
  /** SQLite file for a persistent server; undefined = in memory */
  dbFile?: string;
  namespace: string;
  log?: (line: string) => void;
}

export interface TemporalDevServerHandle {
  address: string;
  uiUrl?: string;
  cliPath: string;
  process: ChildProcess;
  /** true once the server has exited */
  hasExited(): boolean;
  stop(): Promise<void>;
}

/** Starts `temporal server start-dev` from the resolved Temporal CLI (building it once if needed). */
export async function startTemporalDevServer(
  opts: TemporalDevServerOptions,
): Promise<TemporalDevServerHandle> {
  const log = opts.log ?? (() => undefined);
  const resolved = await cli().resolveTemporalCli({ build: true, log });
  if (resolved.kind !== 'path') {
    throw new Error(
      'The Temporal CLI is only available through the SDK download; start Temporal yourself and set TEMPORAL_ADDRESS',
    );
  }
  await assertPortFree('Temporal dev server', opts.port, 'SIGAP_TEMPORAL_PORT or TEMPORAL_ADDRESS');
  if (opts.uiPort !== undefined) await assertPortFree('Temporal UI', opts.uiPort, 'SIGAP_TEMPORAL_UI_PORT');
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(opts.port),
    '--namespace',
    opts.namespace,
    '--log-level',
    'warn',
  ];
  if (opts.uiPort === undefined) args.push('--headless');
  else args.push('--ui-port', String(opts.uiPort), '--ui-ip', '127.0.0.1');
  if (opts.dbFile) {
    fs.mkdirSync(path.dirname(opts.dbFile), { recursive: true });
    args.push('--db-filename', opts.dbFile);
  }
  // on a leash: the server stops when its parent goes away, even if the parent is killed outright
  const leash = repoScript('leash.js');
  const child = spawn(process.execPath, [leash, resolved.path, ...args], {
    // a group of its own: the terminal's SIGINT goes to the supervisor only, which stops Temporal in its turn
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let exited: string | undefined;
  let output = '';
  const onOut = (b: Buffer) => {
    output = (output + b.toString('utf8')).slice(-4000);
    for (const line of b.toString('utf8').split('\n')) if (line.trim()) log(line);
  };
  child.stdout?.on('data', onOut);
  child.stderr?.on('data', onOut);
  child.once('exit', (code, signal) => {
    exited = `exited with ${code ?? signal}`;
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const timer = setTimeout(() => child.kill('SIGKILL'), 10000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGTERM');
    });
  try {
    await Promise.race([
      waitForPort(opts.port, 60000),
      new Promise((_, reject) => child.once('exit', () => reject(new Error(`temporal ${exited}`)))),
    ]);
  } catch (err) {
    await stop();
    throw new Error(`The Temporal dev server did not start: ${(err as Error).message}\n${output}`);
  }
  return {
    address: `127.0.0.1:${opts.port}`,
    uiUrl: opts.uiPort !== undefined ? `http://127.0.0.1:${opts.uiPort}` : undefined,
    cliPath: resolved.path,
    process: child,
    hasExited: () => child.exitCode !== null || child.signalCode !== null,
    stop,
  };
}
