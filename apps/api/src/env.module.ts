import { Global, Module } from '@nestjs/common';
import { Env, validateEnv } from '@sigap/config';

/** The validated, typed environment, injectable as `Env`. */
@Global()
@Module({ providers: [{ provide: Env, useFactory: () => validateEnv(process.env) }], exports: [Env] })
export class EnvModule {}
