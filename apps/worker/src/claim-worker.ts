import type { INestApplicationContext } from '@nestjs/common';
import {
  BenefitsService,
  ClaimProjectionService,
  CoverageCheckService,
  DocumentsService,
  NotificationsService,
  PaymentsService,
} from '@sigap/claims';
import { webpackConfigHook, WORKFLOWS_PATH } from '@sigap/temporal';
import type { ClaimActivities } from '@sigap/workflows';
import { NativeConnection, Worker, WorkerOptions } from '@temporalio/worker';

/**
 * The activities, bound to the NestJS services that implement them. The object's type is the workflow's
 * ClaimActivities interface, so a missing or misnamed activity fails to compile.
 */
export function claimActivities(ctx: INestApplicationContext): ClaimActivities {
  const projection = ctx.get(ClaimProjectionService);
  const coverage = ctx.get(CoverageCheckService);
  const benefits = ctx.get(BenefitsService);
  const documents = ctx.get(DocumentsService);
  const payments = ctx.get(PaymentsService);
  const notifications = ctx.get(NotificationsService);
  return {
    projectClaimEvent: projection.projectClaimEvent.bind(projection),
    checkCoverage: coverage.checkCoverage.bind(coverage),
    calculateBenefit: benefits.calculateBenefit.bind(benefits),
    recordDocuments: documents.recordDocuments.bind(documents),
    inquireAccount: payments.inquireAccount.bind(payments),
    transfer: payments.transfer.bind(payments),
    enqueueNotification: notifications.enqueueNotification.bind(notifications),
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

export async function createClaimWorker(
  ctx: INestApplicationContext,
  o: ClaimWorkerOptions,
): Promise<Worker> {
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
