import type { INestApplicationContext } from '@nestjs/common';
import { ClaimProjectionService } from '@sigap/claims';
import { webpackConfigHook, WORKFLOWS_PATH } from '@sigap/temporal';
import type { ClaimActivities } from '@sigap/workflows';
import { NativeConnection, Worker, WorkerOptions } from '@temporalio/worker';

/**
 * The activities, bound to the NestJS services that implement them. The object's type is the workflow's
 * ClaimActivities interface, so a missing or misnamed activity fails to compile.
 */
export function claimActivities(ctx: INestApplicationContext): ClaimActivities {
  const projection = ctx.get(ClaimProjectionService);
  return {
    projectClaimEvent: projection.projectClaimEvent.bind(projection),
  };
}

export interface ClaimWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  /** a prebuilt bundle (production images); otherwise the workflows are bundled from source */
  workflowBundlePath?: string;
  extra?: Partial<WorkerOptions>;
}

export async function createClaimWorker(ctx: INestApplicationContext, o: ClaimWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: o.connection,
    namespace: o.namespace,
    taskQueue: o.taskQueue,
    activities: claimActivities(ctx),
    ...(o.workflowBundlePath
      ? { workflowBundle: { codePath: o.workflowBundlePath } }
      : { workflowsPath: WORKFLOWS_PATH, bundlerOptions: { webpackConfigHook } }),
    ...o.extra,
  });
}
