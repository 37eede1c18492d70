import { Module } from '@nestjs/common';
import { createSecretKey } from 'node:crypto';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule, JwtService } from '@nestjs/jwt';
import { getDataSourceToken } from '@nestjs/typeorm';
import { ThrottlerModule } from '@nestjs/throttler';
import { WindowThrottlerStorage } from './window-throttler-storage';
import { Env, jwtSecret, rateLimitFromEnv, validateEnv } from '@sigap/config';
import { DataSource } from 'typeorm';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';

/**
 * Login, refresh, logout and the global AuthGuard (every route needs a bearer token unless @Public()).
 * JWTs are HS256, signed with JWT_SECRET, issuer 'sigap'. Needs the `Env` provider and a TypeORM connection.
 */
@Module({
  imports: [
    JwtModule.registerAsync({
      useFactory: () => ({
        // a KeyObject: given a string, the JWT library tries it as a PEM public key on every check first (16% of
        // the api's CPU under load), then falls back to a secret key
        secret: createSecretKey(Buffer.from(jwtSecret(validateEnv(process.env)), 'utf8')),
        signOptions: { algorithm: 'HS256', issuer: 'sigap' },
        verifyOptions: { algorithms: ['HS256'], issuer: 'sigap' },
      }),
    }),
    // limits are per route (@Throttle); the guard is applied only where a route asks for it
    ThrottlerModule.forRoot({
      throttlers: [{ name: 'default', ttl: 60000, limit: rateLimitFromEnv('API_RATE_LIMIT_PER_MINUTE') }],
      storage: new WindowThrottlerStorage(),
    }),
  ],
  controllers: [AuthController],
  providers: [
    {
      provide: AuthService,
      inject: [getDataSourceToken(), JwtService, Env],
      useFactory: (ds: DataSource, jwt: JwtService, env: Env) =>
        new AuthService(ds, jwt, {
          accessTtlSeconds: env.JWT_ACCESS_TTL_SECONDS,
          refreshTtlSeconds: env.JWT_REFRESH_TTL_SECONDS,
        }),
    },
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AuthService, JwtModule],
})
export class AuthModule {}
