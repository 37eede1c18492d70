import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import { Env, logFormat } from './env';

/**
 * Paths that may carry personal data (NIK, names, phone numbers, bank accounts, tracking codes).
 * pino replaces them with [REDACTED] wherever a log call passes such an object; request bodies are
 * never logged in the first place.
 */
export const PERSONAL_DATA_PATHS = [
  'nik',
  'name',
  'fullName',
  'phone',
  'bankAccount',
  'accountNumber',
  'accountName',
  'trackingCode',
  '*.nik',
  '*.workerNik',
  '*.name',
  '*.fullName',
  '*.reporterName',
  '*.phone',
  '*.reporterPhone',
  '*.bankAccount',
  '*.accountNumber',
  '*.accountName',
  '*.trackingCode',
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-tracking-code"]',
];

/** A request's id: its X-Request-Id when that is sane (letters, digits, . _ -, at most 64), else a new UUID. */
export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && /^[A-Za-z0-9._-]{1,64}$/.test(given) ? given : randomUUID();
}

export function loggerParams(env: Env, service: 'api' | 'worker'): Params {
  const pretty = logFormat(env) === 'pretty';
  return {
    pinoHttp: {
      level: env.LOG_LEVEL,
      base: { service },
      // a request id on every log line and answer: taken from X-Request-Id when it is sane, else new
      // (under the api's Fastify the request already has its id, made by Fastify's genReqId = requestIdOf, and
      // pino-http keeps it)
      genReqId: (req: IncomingMessage, res: ServerResponse) => {
        const id = requestIdOf(req);
        res.setHeader('X-Request-Id', id);
        return id;
      },
      redact: { paths: PERSONAL_DATA_PATHS, censor: '[REDACTED]' },
      // the URL of the family tracking endpoint carries the claim number only; query strings are dropped
      serializers: {
        req: (req: { id?: unknown; method?: string; url?: string }) => ({
          id: req.id,
          method: req.method,
          url: typeof req.url === 'string' ? req.url.split('?')[0] : req.url,
        }),
      },
      transport: pretty
        ? { target: 'pino-pretty', options: { singleLine: true, translateTime: 'SYS:HH:MM:ss.l' } }
        : undefined,
    },
  };
}
