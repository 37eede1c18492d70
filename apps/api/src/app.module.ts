import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClaimsService } from '@sigap/claims';
import { Env, loggerParams, validateEnv } from '@sigap/config';
import { dataSourceOptions } from '@sigap/persistence';
import { LoggerModule } from 'nestjs-pino';
import { ClaimsController } from './claims/claims.controller';
import { HealthModule } from './health/health.module';
import { IncidentsController } from './incidents/incidents.controller';
import { TemporalModule } from './temporal.module';
import { EnvModule } from './env.module';

@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, validate: validateEnv, cache: true }),
    EnvModule,
    LoggerModule.forRootAsync({ inject: [Env], useFactory: (env: Env) => loggerParams(env, 'api') }),
    TypeOrmModule.forRootAsync({
      inject: [Env],
      useFactory: (env: Env) => ({
        ...dataSourceOptions(env.DATABASE_URL, env.DATABASE_POOL_MAX),
        retryAttempts: 2,
        retryDelay: 1000,
      }),
    }),
    TemporalModule,
    HealthModule,
  ],
  controllers: [IncidentsController, ClaimsController],
  providers: [ClaimsService],
})
export class AppModule {}
