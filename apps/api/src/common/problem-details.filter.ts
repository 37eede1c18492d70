import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';

export interface FieldError {
  field: string;
  message: string;
}

/**
 * Every error leaves the server as application/problem+json (RFC 9457), with a message per field where the input
 * was wrong. Nothing internal (stack traces, SQL, driver messages) is ever sent; unexpected errors are logged
 * with the request id and answered with a generic 500.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<FastifyReply>();
    const req = ctx.getRequest<FastifyRequest>();
    let status = HttpStatus.INTERNAL_SERVER_ERROR;
    let detail = 'An unexpected error occurred. It has been logged.';
    let errors: FieldError[] | undefined;
    let extra: Record<string, unknown> = {};
    const parserStatus = clientErrorStatus(exception);

    if (exception instanceof HttpException) {
      status = exception.getStatus();
      const body = exception.getResponse();
      if (typeof body === 'string') detail = body;
      else if (body && typeof body === 'object') {
        const b = body as Record<string, unknown>;
        if (Array.isArray(b.errors)) errors = b.errors as FieldError[];
        if (typeof b.message === 'string') detail = b.message;
        else if (Array.isArray(b.message)) detail = b.message.join('; ');
        else if (errors) detail = errors.map((e) => `${e.field}: ${e.message}`).join('; ');
        else detail = exception.message;
        if (b.extra && typeof b.extra === 'object') extra = b.extra as Record<string, unknown>;
      }
    } else if (parserStatus !== undefined) {
      // errors of the body parsers (Fastify's, multipart's): too large, malformed, wrong type; their own text is not
      // sent
      status = parserStatus;
      detail =
        status === 413
          ? 'the request body is too large'
          : status === 415
            ? 'this content type is not accepted here'
            : 'the request body could not be read';
    } else {
      this.logger.error(
        {
          reqId: req.id,
          err: exception instanceof Error ? { name: exception.name, stack: exception.stack } : exception,
        },
        'unhandled error',
      );
    }

    void res
      .status(status)
      .header('Content-Type', 'application/problem+json')
      .send(
        JSON.stringify({
          type: 'about:blank',
          title: titleOf(status),
          status,
          detail,
          instance: (req.originalUrl ?? req.url)?.split('?')[0],
          ...(errors ? { errors } : {}),
          ...extra,
        }),
      );
  }
}

/**
 * The 4xx status of an error raised by Fastify's body parsing or @fastify/multipart (they carry `statusCode` and a
 * `FST_` code; a malformed JSON body is a SyntaxError with statusCode 400); undefined for anything else.
 */
function clientErrorStatus(e: unknown): number | undefined {
  const x = e as { statusCode?: unknown; code?: unknown } | null;
  if (typeof x !== 'object' || x === null || typeof x.statusCode !== 'number') return undefined;
  if (x.statusCode < 400 || x.statusCode >= 500) return undefined;
  const fromParser = (typeof x.code === 'string' && x.code.startsWith('FST_')) || e instanceof SyntaxError;
  return fromParser ? x.statusCode : undefined;
}

function titleOf(status: number): string {
  const titles: Record<number, string> = {
    400: 'Bad Request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    405: 'Method Not Allowed',
    406: 'Not Acceptable',
    409: 'Conflict',
    413: 'Payload Too Large',
    414: 'URI Too Long',
    415: 'Unsupported Media Type',
    422: 'Unprocessable Entity',
    429: 'Too Many Requests',
    500: 'Internal Server Error',
    503: 'Service Unavailable',
  };
  return titles[status] ?? 'Error';
}
