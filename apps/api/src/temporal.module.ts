import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { Env } from '@sigap/config';
import { TASK_QUEUE, TEMPORAL_CLIENT } from '@sigap/claims';
import { connectClient } from '@sigap/temporal';
import { Client, Connection } from '@temporalio/client';

export const TEMPORAL_CONNECTION = Symbol('TEMPORAL_CONNECTION');

/** Temporal client for the api: connects at start-up and fails fast when the server is unreachable. */
@Global()
@Module({
  providers: [
    {
      provide: TEMPORAL_CONNECTION,
      inject: [Env],
      useFactory: (env: Env) => connectClient(env.TEMPORAL_ADDRESS),
    },
    {
      provide: TEMPORAL_CLIENT,
      inject: [TEMPORAL_CONNECTION, Env],
      useFactory: (connection: Connection, env: Env) =>
        new Client({ connection, namespace: env.TEMPORAL_NAMESPACE }),
    },
    { provide: TASK_QUEUE, inject: [Env], useFactory: (env: Env) => env.TEMPORAL_TASK_QUEUE },
  ],
  exports: [TEMPORAL_CONNECTION, TEMPORAL_CLIENT, TASK_QUEUE],
})
export class TemporalModule implements OnApplicationShutdown {
  constructor(@Inject(TEMPORAL_CONNECTION) private readonly connection: Connection) {}

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}
