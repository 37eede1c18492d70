import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import multipart from '@fastify/multipart';
import { apiRequestRate } from '@sigap/claims';
import { Env, requestIdOf } from '@sigap/config';
import { MAX_DOCUMENT_BYTES } from '@sigap/storage';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import helmet from 'helmet';
import fs from 'node:fs';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Logger, PinoLogger } from 'nestjs-pino';
import { storage, type Store } from 'nestjs-pino/storage';
import { AppModule } from './app.module';
import { ProblemDetailsFilter } from './common/problem-details.filter';
import { validationPipe } from './common/validation';

/**
 * JSON bodies above this are refused (413) before they are parsed (100 KiB, as under Express: the largest command is
 * a few KiB); documents go as multipart, rosters as a stream.
 */
export const JSON_BODY_LIMIT = 100 * 1024;

/**
 * The api's HTTP layer is Fastify (through Nest's adapter): on this project's 2-core machine it answers a trivial
 * route ~2.8 times as fast as Express 5 (docs/api.md), and most of an answer's CPU was the framework's.
 */
export function apiHttpAdapter(): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit: JSON_BODY_LIMIT,
    // the request id of every log line and answer (X-Request-Id when sane, else new); pino-http keeps it
    genReqId: requestIdOf,
    // /api/v1/claims/ and /api/v1/claims answer alike, as they did under Express; a path parameter is checked
    // by the route (400 naming it), not cut off by the router at 100 characters (414)
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 2048 },
    // a body with "__proto__" or "constructor.prototype" keys is read without them (the DTO's whitelist then
    // names any other unknown field)
    onProtoPoisoning: 'remove',
    onConstructorPoisoning: 'remove',
  });
}

/**
 * What Fastify itself needs before Nest's routes: security headers, multipart for document uploads, and CSV /
 * octet-stream bodies handed to the handler as the request stream (a roster upload is read as it arrives, never
 * held whole in memory).
 */
async function configureHttp(app: NestFastifyApplication): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance() as FastifyInstance;
  const securityHeaders = staticSecurityHeaders();
  fastify.addHook('onRequest', (req, reply, done) => {
    apiRequestRate.hit(); // the workflow starter holds back while the api is busy (ClaimsService)
    void reply.header('X-Request-Id', req.id).headers(securityHeaders);
    // every log line written while answering carries the request id (nestjs-pino's PinoLogger reads this store)
    storage.run(requestLogStore(req.id), done);
  });
  fastify.addHook('onResponse', (req, reply, done) => {
    logRequest(req, reply);
    done();
  });
  await app.register(multipart, {
    limits: { fileSize: MAX_DOCUMENT_BYTES, files: 1, fields: 5 },
  });
  fastify.addContentTypeParser(['text/csv', 'application/octet-stream'], (_req, _payload, done) =>
    done(null, undefined),
  );
}

/**
 * helmet's headers for this api, computed once: with this configuration (a fixed CSP, no nonces) they are the same
 * for every answer, and setting them from a plain object costs a fraction of running helmet's middleware per request.
 */
export function staticSecurityHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader: (name: string, value: unknown) => void (headers[name] = String(value)),
    removeHeader: (name: string) => void delete headers[name],
  };
  let called = false;
  helmet({
    // Swagger UI needs its inline bootstrap script and styles; everything else stays same-origin
    contentSecurityPolicy: {
      directives: {
        scriptSrc: ["'self'", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
      },
    },
  })({} as IncomingMessage, res as unknown as ServerResponse, () => void (called = true));
  if (!called || !headers['Content-Security-Policy']) throw new Error('helmet did not set its headers');
  return headers;
}

/**
 * The request's log context, as nestjs-pino's middleware would make it: a child of the api's logger bound to the
 * request id, made only when something logs during the request (most answers log nothing below LOG_LEVEL).
 */
function requestLogStore(reqId: string): Store {
  let logger: PinoLogger['logger'] | undefined;
  return {
    get logger() {
      return (logger ??= PinoLogger.root.child({ reqId }));
    },
    set logger(value) {
      logger = value;
    },
    responseLogger: undefined,
  } as Store;
}

/** One line per answer, as pino-http wrote it: "request completed" (info), "request errored" (error, 5xx). */
function logRequest(req: FastifyRequest, reply: FastifyReply): void {
  const failed = reply.statusCode >= 500;
  const root = PinoLogger.root;
  if (!root.isLevelEnabled(failed ? 'error' : 'info')) return;
  const line = {
    reqId: req.id,
    req: { id: req.id, method: req.method, url: req.url.split('?')[0] },
    res: { statusCode: reply.statusCode },
    responseTime: Math.round(reply.elapsedTime),
  };
  if (failed) root.error(line, 'request errored');
  else root.info(line, 'request completed');
}

/** Builds the api application (used by main.ts and by the HTTP tests), without listening. */
export async function createApiApp(): Promise<INestApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, apiHttpAdapter(), {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  const env = app.get(Env);
  await configureHttp(app);
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
  // Fastify takes no more plugins or routes once ready: everything is registered above
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

/**
 * The browser app (apps/web, built by `npm run web:build` into apps/web/dist; SIGAP_WEB_DIR overrides) is served by
 * the api itself: hashed assets cached for a year, precompressed .br/.gz variants when the browser accepts them, and
 * index.html for any other GET that asks for a page. /api and /health are never touched. Without a build, nothing
 * is served and the api works as before.
 */
function serveWebApp(app: NestFastifyApplication): void {
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
  const fastify = app.getHttpAdapter().getInstance() as FastifyInstance;
  fastify.addHook('onRequest', (req: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const urlPath = req.url.split('?')[0];
    if ((req.method !== 'GET' && req.method !== 'HEAD') || isApi(urlPath)) return done();
    let decoded: string;
    try {
      decoded = decodeURIComponent(urlPath);
    } catch {
      return done(); // not a file of the app; Nest answers 404
    }
    let file = path.join(dir, path.normalize(decoded).replace(/^(\.\.[/\\])+/, ''));
    if (!file.startsWith(dir + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      // a page of the app (client-side routes); anything else that is not a file is left to Nest (404)
      if (path.extname(urlPath) || !(req.headers.accept ?? '').includes('text/html')) return done();
      file = index;
    }
    const ext = path.extname(file);
    const accept = String(req.headers['accept-encoding'] ?? '');
    let served = file;
    if (ext !== '.html' || file !== index) {
      if (/\bbr\b/.test(accept) && fs.existsSync(`${file}.br`)) {
        served = `${file}.br`;
        reply.header('Content-Encoding', 'br');
      } else if (/\bgzip\b/.test(accept) && fs.existsSync(`${file}.gz`)) {
        served = `${file}.gz`;
        reply.header('Content-Encoding', 'gzip');
      }
    }
    reply.header('Vary', 'Accept-Encoding');
    reply.header('Content-Type', types[ext] ?? 'application/octet-stream');
    reply.header('Content-Length', String(fs.statSync(served).size));
    reply.header(
      'Cache-Control',
      file === index
        ? 'no-cache'
        : urlPath.startsWith('/assets/')
          ? 'public, max-age=31536000, immutable'
          : 'public, max-age=86400',
    );
    if (req.method === 'HEAD') return void reply.send();
    void reply.send(fs.createReadStream(served));
  });
}
