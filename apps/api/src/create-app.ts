import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Env } from '@sigap/config';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import fs from 'node:fs';
import path from 'node:path';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { ProblemDetailsFilter } from './common/problem-details.filter';
import { validationPipe } from './common/validation';

/** Builds the api application (used by main.ts and by the HTTP tests), without listening. */
export async function createApiApp(): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bufferLogs: true });
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
  // the web app is served by the api itself (same origin); CORS only when other origins are configured
  const origins = env.CORS_ORIGINS?.split(',').map((o) => o.trim());
  if (origins?.length) {
    app.enableCors({
      origin: origins.includes('*') ? true : origins,
      exposedHeaders: ['X-Request-Id', 'Location'],
      allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Request-Id'],
    });
  }
  serveWebApp(app);
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

/**
 * The browser app (apps/web, built by `npm run web:build` into apps/web/dist; SIGAP_WEB_DIR overrides) is served by
 * the api itself: hashed assets cached for a year, precompressed .br/.gz variants when the browser accepts them, and
 * index.html for any other GET that asks for a page. /api and /health are never touched. Without a build, nothing
 * is served and the api works as before.
 */
function serveWebApp(app: NestExpressApplication): void {
  const dir = [
    process.env.SIGAP_WEB_DIR,
    path.resolve(process.cwd(), 'apps/web/dist'),
    path.resolve(__dirname, '../../web/dist'),
  ]
    .filter((d): d is string => !!d)
    .find((d) => fs.existsSync(path.join(d, 'index.html')));
  if (!dir) return;
  const types: Record<string, string> = {
    '.js': 'text/javascript; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
    '.json': 'application/json; charset=utf-8',
    '.html': 'text/html; charset=utf-8',
    '.svg': 'image/svg+xml',
    '.png': 'image/png',
    '.ico': 'image/x-icon',
  };
  const index = path.join(dir, 'index.html');
  const isApi = (p: string) =>
    p === '/api' || p.startsWith('/api/') || p === '/health' || p.startsWith('/health/');
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || isApi(req.path)) return next();
    let file = path.join(dir, path.normalize(decodeURIComponent(req.path)).replace(/^(\.\.[/\\])+/, ''));
    if (!file.startsWith(dir + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      // a page of the app (client-side routes); anything else that is not a file is left to Nest (404)
      if (path.extname(req.path) || !(req.headers.accept ?? '').includes('text/html')) return next();
      file = index;
    }
    const ext = path.extname(file);
    const accept = String(req.headers['accept-encoding'] ?? '');
    let served = file;
    if (ext !== '.html' || file !== index) {
      if (/\bbr\b/.test(accept) && fs.existsSync(`${file}.br`)) {
        served = `${file}.br`;
        res.setHeader('Content-Encoding', 'br');
      } else if (/\bgzip\b/.test(accept) && fs.existsSync(`${file}.gz`)) {
        served = `${file}.gz`;
        res.setHeader('Content-Encoding', 'gzip');
      }
    }
    res.setHeader('Vary', 'Accept-Encoding');
    res.setHeader('Content-Type', types[ext] ?? 'application/octet-stream');
    res.setHeader('Content-Length', String(fs.statSync(served).size));
    res.setHeader(
      'Cache-Control',
      file === index
        ? 'no-cache'
        : req.path.startsWith('/assets/')
          ? 'public, max-age=31536000, immutable'
          : 'public, max-age=86400',
    );
    if (req.method === 'HEAD') return res.end();
    fs.createReadStream(served).pipe(res);
  });
}
