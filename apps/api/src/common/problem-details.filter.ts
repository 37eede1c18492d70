import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';

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
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request & { id?: unknown }>();
    let status = HttpStatus.INTERNAL_SERVER_ERROR;
    let detail = 'An unexpected error occurred. It has been logged.';
    let errors: FieldError[] | undefined;
    let extra: Record<string, unknown> = {};

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
    } else if (isClientError(exception)) {
      // errors of the body parser (http-errors): too large, malformed, wrong charset; their own text is not sent
      status = exception.status;
      detail = status === 413 ? 'the request body is too large' : 'the request body could not be read';
    } else {
      this.logger.error(
        {
          reqId: req.id,
          err: exception instanceof Error ? { name: exception.name, stack: exception.stack } : exception,
        },
        'unhandled error',
      );
    }

    res
      .status(status)
      .type('application/problem+json')
      .json({
        type: 'about:blank',
        title: titleOf(status),
        status,
        detail,
        instance: req.originalUrl?.split('?')[0],
        ...(errors ? { errors } : {}),
        ...extra,
      });
  }
}

function isClientError(e: unknown): e is { status: number } {
  const x = e as { status?: unknown; expose?: unknown } | null;
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof x.status === 'number' &&
    x.status >= 400 &&
    x.status < 500 &&
    x.expose === true
  );
}

function titleOf(status: number): string {
  const titles: Record<number, string> = {
    400: 'Bad Request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    405: 'Method Not Allowed',
    409: 'Conflict',
    413: 'Payload Too Large',
    415: 'Unsupported Media Type',
    422: 'Unprocessable Entity',
    429: 'Too Many Requests',
    500: 'Internal Server Error',
    503: 'Service Unavailable',
  };
  return titles[status] ?? 'Error';
}
