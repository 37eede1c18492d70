import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Env } from '@sigap/config';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { ProblemDetailsFilter } from './common/problem-details.filter';
import { validationPipe } from './common/validation';

/** Builds the api application (used by main.ts and by the HTTP tests), without listening. */
export async function createApiApp(): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  const env = app.get(Env);
  app.use(
    helmet({
      // Swagger UI needs its inline bootstrap script and styles; everything else stays same-origin
      contentSecurityPolicy: {
        directives: {
          scriptSrc: ["'self'", "'unsafe-inline'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
        },
      },
    }),
  );
  const origins = env.CORS_ORIGINS?.split(',').map((o) => o.trim());
  app.enableCors({
    origin: origins?.includes('*') ? true : (origins ?? false),
    exposedHeaders: ['X-Request-Id', 'Location'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Request-Id'],
  });
  app.useGlobalPipes(validationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.enableShutdownHooks();
  const doc = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Sigap API')
      .setDescription(
        'Claims case management for BPJS Ketenagakerjaan JKK/JKM claims of election ad-hoc workers (KPPS, PPS, PPK, ...)',
      )
      .setVersion('0.1.0')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .build(),
  );
  SwaggerModule.setup('api/docs', app, doc, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}
