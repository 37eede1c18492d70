import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { EnvValidationError, reportReady, stopWhenParentGoes, validateEnv } from '@sigap/config';
import { connectWorker } from '@sigap/temporal';
import { Logger } from 'nestjs-pino';
import { createClaimWorker } from './claim-worker';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const env = validateEnv(process.env);
  const ctx = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  const logger = ctx.get(Logger);
  ctx.useLogger(logger);
  const connection = await connectWorker(env.TEMPORAL_ADDRESS);
  const worker = await createClaimWorker(ctx, {
    connection,
    namespace: env.TEMPORAL_NAMESPACE,
    taskQueue: env.TEMPORAL_TASK_QUEUE,
    workflowBundlePath: env.WORKFLOW_BUNDLE_PATH,
  });
  logger.log(`worker polling task queue ${env.TEMPORAL_TASK_QUEUE} on ${env.TEMPORAL_ADDRESS}`, 'Worker');
  stopWhenParentGoes(() => {
    if (worker.getState() === 'RUNNING') worker.shutdown();
  });
  const running = worker.run();
  reportReady('worker');
  // Worker.run() returns after SIGINT/SIGTERM (the SDK's shutdown signals) once in-flight tasks are done
  await running;
  await connection.close();
  await ctx.close();
  logger.log('worker stopped', 'Worker');
}

main().catch((err: unknown) => {
  const msg =
    err instanceof EnvValidationError
      ? err.message
      : `worker failed to start: ${(err as Error)?.message ?? err}`;
  process.stderr.write(`${msg}\n`);
  process.exit(1);
});
