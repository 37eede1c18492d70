import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { Client, Connection } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { createApiApp } from '../../apps/api/src/create-app';
import { createClaimWorker } from '../../apps/worker/src/claim-worker';
import { WorkerModule } from '../../apps/worker/src/worker.module';

/**
 * Gives each test file its own task queue on the shared Temporal server, quiet logs, and the env the apps read.
 * Call before creating anything.
 */
export function useTestEnv(name: string): string {
  installQuietRuntime();
  const taskQueue = `test-${name}-${randomUUID().slice(0, 8)}`;
  process.env.TEMPORAL_TASK_QUEUE = taskQueue;
  process.env.NODE_ENV = 'test';
  process.env.LOG_LEVEL = process.env.SIGAP_TEST_VERBOSE === 'true' ? 'debug' : 'silent';
  process.env.LOG_FORMAT = 'json';
  // a test's own requests (tens a second) would read as a busy api and hold its workflow starts back for up to a
  // minute; the holding back itself is tested with its settings made explicit (claim-lifecycle.int-spec.ts)
  process.env.WORKFLOW_START_DEFER_SECONDS = '0';
  return taskQueue;
}

let runtimeInstalled = false;
function installQuietRuntime(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  Runtime.install({ logger: new DefaultLogger(process.env.SIGAP_TEST_VERBOSE === 'true' ? 'INFO' : 'WARN') });
}

export interface RunningWorker {
  ctx: INestApplicationContext;
  worker: Worker;
  stop(): Promise<void>;
}

/** The real worker: the Nest context of apps/worker with its activities, polling the test's task queue. */
export async function startWorker(taskQueue: string): Promise<RunningWorker> {
  const ctx = await NestFactory.createApplicationContext(WorkerModule, { logger: false });
  const connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! });
  const worker = await createClaimWorker(ctx, { connection, namespace: 'default', taskQueue });
  const running = worker.run();
  return {
    ctx,
    worker,
    stop: async () => {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
      await connection.close();
      await ctx.close();
    },
  };
}

export async function startApi(): Promise<INestApplication> {
  const app = await createApiApp();
  await app.init();
  return app;
}

export async function temporalClient(): Promise<{ client: Client; close(): Promise<void> }> {
  const connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS! });
  return { client: new Client({ connection }), close: () => connection.close() };
}

/** Polls fn until it returns a truthy value (read-model projections are asynchronous). */
export async function eventually<T>(fn: () => Promise<T | undefined | false>, timeoutMs = 20000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline)
      throw new Error(`condition not met within ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Seeds the demo users (idempotent) and logs in: the Authorization header for supertest's .set(). */
export async function loginAs(app: INestApplication, username: string): Promise<{ Authorization: string }> {
  const { DEMO_PASSWORD, seedDemoUsers } = await import('@sigap/auth');
  const { DataSource } = await import('typeorm');
  await seedDemoUsers(app.get(DataSource));
  const { default: request } = await import('supertest');
  const res = await request(app.getHttpServer())
    .post('/api/v1/auth/login')
    .send({ username, password: DEMO_PASSWORD });
  if (res.status !== 200)
    throw new Error(`login of ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { Authorization: `Bearer ${res.body.accessToken}` };
}
