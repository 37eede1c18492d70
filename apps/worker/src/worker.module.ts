import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClaimProjectionService } from '@sigap/claims';
import { Env, loggerParams, validateEnv } from '@sigap/config';
import { dataSourceOptions } from '@sigap/persistence';
import { LoggerModule } from 'nestjs-pino';

/** The Nest application context of the worker: it holds the services whose methods are the activities. */
@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, validate: validateEnv, cache: true }),
    LoggerModule.forRootAsync({ useFactory: () => loggerParams(validateEnv(process.env), 'worker') }),
    TypeOrmModule.forRootAsync({
      useFactory: () => {
        const env = validateEnv(process.env);
        return { ...dataSourceOptions(env.DATABASE_URL, env.DATABASE_POOL_MAX), retryAttempts: 2, retryDelay: 1000 };
      },
    }),
  ],
  providers: [ClaimProjectionService, { provide: Env, useFactory: () => validateEnv(process.env) }],
})
export class WorkerModule {}
