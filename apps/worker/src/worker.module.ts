import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import {
  BenefitsService,
  ClaimProjectionService,
  COVERAGE_VERIFIER,
  CoverageCheckService,
  DocumentsService,
  HttpBankGateway,
  NotificationsService,
  PAYMENT_GATEWAY,
  PaymentsService,
} from '@sigap/claims';
import { Env, loggerParams, poolSize, validateEnv } from '@sigap/config';
import { CoverageModule, CoverageVerificationService } from '@sigap/coverage';
import { dataSourceOptions, dataSourceWithOpenPool } from '@sigap/persistence';
import { LoggerModule } from 'nestjs-pino';

/** The Nest application context of the worker: it holds the services whose methods are the activities. */
@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, validate: validateEnv, cache: true }),
    LoggerModule.forRootAsync({ useFactory: () => loggerParams(validateEnv(process.env), 'worker') }),
    TypeOrmModule.forRootAsync({
      useFactory: () => {
        const env = validateEnv(process.env);
        return {
          ...dataSourceOptions(env.DATABASE_URL, poolSize(env).max, poolSize(env).min),
          retryAttempts: 2,
          retryDelay: 1000,
        };
      },
      dataSourceFactory: dataSourceWithOpenPool,
    }),
    CoverageModule,
  ],
  providers: [
    ClaimProjectionService,
    CoverageCheckService,
    { provide: COVERAGE_VERIFIER, useExisting: CoverageVerificationService },
    BenefitsService,
    DocumentsService,
    PaymentsService,
    NotificationsService,
    // the bank: the simulator in development and tests; a production bank is a configuration change
    {
      provide: PAYMENT_GATEWAY,
      inject: [Env],
      useFactory: (env: Env) =>
        new HttpBankGateway(env.BANK_GATEWAY_URL, env.BANK_TIMEOUT_MS, env.BANK_API_KEY),
    },
    { provide: Env, useFactory: () => validateEnv(process.env) },
  ],
})
export class WorkerModule {}
