import 'reflect-metadata';
import { EnvValidationError, reportReady, stopWhenParentGoes, validateEnv } from '@sigap/config';
import cluster from 'node:cluster';
import { createApiApp } from './create-app';

async function main(): Promise<void> {
  const env = validateEnv(process.env);
  if (env.API_PROCESSES > 1 && cluster.isPrimary) return primary(env.API_PROCESSES);
  const app = await createApiApp();
  try {
    await app.listen(env.API_PORT, env.API_HOST);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new Error(`port ${env.API_PORT} on ${env.API_HOST} is already in use (set API_PORT)`);
    }
    throw err;
  }
  stopWhenParentGoes(() => app.close());
  reportReady('api');
}

/**
 * API_PROCESSES > 1: this process only forks that many api processes sharing the port (node:cluster, one per core
 * is the usual choice) and reports ready once all are. They are stateless apart from the per-process throttle
 * counters (docs/api.md). A process that dies takes the whole api down with a message: the supervisor (npm start,
 * systemd, the container runtime) restarts it, as with one process.
 */
function primary(n: number): void {
  let ready = 0;
  let stopping = false;
  for (let i = 0; i < n; i++) {
    cluster
      .fork()
      .on('message', (m: { type?: string }) => {
        if (m?.type === 'ready' && ++ready === n) reportReady('api');
      })
      // an IPC error while stopping (the channel is already closed) is not a reason to crash the primary
      .on('error', (err) => {
        if (!stopping) process.stderr.write(`api process: ${err.message}\n`);
      });
  }
  cluster.on('exit', (w, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    process.stderr.write(`api process ${w.process.pid} stopped (${signal ?? code}); stopping the api\n`);
    stop(1);
  });
  const stop = (code = 0) => {
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
    setTimeout(() => process.exit(code), 10000).unref();
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(code);
  };
  for (const s of ['SIGINT', 'SIGTERM'] as const) process.once(s, () => stop(0));
  stopWhenParentGoes(() => stop(0));
}

main().catch((err: unknown) => {
  const msg =
    err instanceof EnvValidationError
      ? err.message
      : `api failed to start: ${(err as Error)?.message ?? err}`;
  process.stderr.write(`${msg}\n`);
  process.exit(1);
});
