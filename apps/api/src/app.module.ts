import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '@sigap/auth';
import { Env, loggerParams, poolSize, validateEnv } from '@sigap/config';
import { dataSourceOptions, dataSourceWithOpenPool } from '@sigap/persistence';
import { LoggerModule } from 'nestjs-pino';
import { ClaimsApiModule } from './claims/claims-api.module';
import { CoverageApiModule } from './coverage/coverage-api.module';
import { HealthModule } from './health/health.module';
import { TemporalModule } from './temporal.module';
import { EnvModule } from './env.module';

@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, validate: validateEnv, cache: true }),
    EnvModule,
    // pino-http is not run as Nest middleware here: the api logs its requests from two Fastify hooks
    // (create-app.ts, requestLogging), with the same logger, request id and redaction, at a third of the cost
    LoggerModule.forRootAsync({
      inject: [Env],
      useFactory: (env: Env) => ({ ...loggerParams(env, 'api'), forRoutes: [] }),
    }),
    TypeOrmModule.forRootAsync({
      inject: [Env],
      useFactory: (env: Env) => ({
        ...dataSourceOptions(env.DATABASE_URL, poolSize(env).max, poolSize(env).min),
        retryAttempts: 2,
        retryDelay: 1000,
      }),
      dataSourceFactory: dataSourceWithOpenPool,
    }),
    TemporalModule,
    AuthModule,
    HealthModule,
    ClaimsApiModule,
    CoverageApiModule,
  ],
})
export class AppModule {}
