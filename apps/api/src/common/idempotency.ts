import {
  CallHandler,
  ConflictException,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  SetMetadata,
  UnprocessableEntityException,
  UseInterceptors,
  applyDecorators,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { ApiHeader } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { Observable, catchError, from, map, of, switchMap, throwError } from 'rxjs';
import { DataSource } from 'typeorm';

const IDEMPOTENT_SCOPE = 'sigap:idempotentScope';
const KEY = /^[A-Za-z0-9_.:-]{8,128}$/;

/**
 * Same Idempotency-Key, same answer: the first request with a key runs; a retry with the same key and the same
 * body gets the stored answer and changes nothing; the same key with another body is refused (422). A retry that
 * arrives while the first is still running waits for it. Keys are scoped per user.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    @InjectDataSource() private readonly ds: DataSource,
  ) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const scopeName = this.reflector.get<string>(IDEMPOTENT_SCOPE, ctx.getHandler());
    const http = ctx.switchToHttp();
    const req = http.getRequest<{
      method: string;
      headers: Record<string, string>;
      body: unknown;
      principal?: { userId: string };
    }>();
    const res = http.getResponse<{ status(code: number): void }>();
    // the status Nest will answer with (it is applied after interceptors run)
    const statusCode =
      this.reflector.get<number | undefined>(HTTP_CODE_METADATA, ctx.getHandler()) ??
      (req.method === 'POST' ? 201 : 200);
    const key = req.headers['idempotency-key'];
    if (!scopeName || key === undefined) return next.handle();
    if (!KEY.test(key)) {
      throw new UnprocessableEntityException({
        errors: [{ field: 'Idempotency-Key', message: 'must be 8-128 letters, digits or _ . : -' }],
      });
    }
    const scope = `${scopeName}:${req.principal?.userId ?? 'anonymous'}`.slice(0, 64);
    const hash = createHash('sha256')
      .update(JSON.stringify(req.body ?? null))
      .digest('hex');

    return from(this.claim(scope, key, hash)).pipe(
      switchMap((stored) => {
        if (stored) {
          res.status(stored.statusCode);
          // parsed from the stored JSON text, so it serialises back to the same bytes as the first answer (keys in
          // the same order: text keeps them, where jsonb would reorder them)
          return of(stored.response === null ? null : JSON.parse(stored.response));
        }
        // the answer is stored before it is sent, so a retry can never slip between the two
        return next.handle().pipe(
          switchMap((body) => from(this.complete(scope, key, statusCode, body)).pipe(map(() => body))),
          catchError((err: unknown) =>
            from(this.release(scope, key)).pipe(switchMap(() => throwError(() => err))),
          ),
        );
      }),
    );
  }

  /** Claims the key; returns the stored answer when an earlier request with it completed. */
  private async claim(
    scope: string,
    key: string,
    hash: string,
  ): Promise<{ statusCode: number; response: string | null } | undefined> {
    const deadline = Date.now() + 10000;
    for (;;) {
      const inserted: unknown[] = await this.ds.query(
        `INSERT INTO idempotency_record (scope, key, request_hash) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING RETURNING key`,
        [scope, key, hash],
      );
      if (inserted.length === 1) return undefined; // ours: run the request
      const [row] = await this.ds.query(
        `SELECT request_hash, status_code, response FROM idempotency_record WHERE scope = $1 AND key = $2`,
        [scope, key],
      );
      if (!row) continue; // released by a failed first attempt: try to claim again
      if (row.request_hash !== hash) {
        throw new UnprocessableEntityException({
          errors: [
            { field: 'Idempotency-Key', message: 'this key was already used with a different request body' },
          ],
        });
      }
      if (row.status_code !== null) return { statusCode: row.status_code, response: row.response };
      if (Date.now() > deadline)
        throw new ConflictException('a request with this Idempotency-Key is still running');
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Stores the answer as the JSON text it is sent as (a text column: byte for byte, key order kept). */
  private async complete(scope: string, key: string, statusCode: number, body: unknown): Promise<void> {
    await this.ds.query(
      `UPDATE idempotency_record SET status_code = $3, response = $4, completed_at = now()
        WHERE scope = $1 AND key = $2`,
      [scope, key, statusCode, JSON.stringify(body ?? null)],
    );
  }

  /** A failed request does not hold its key: the client may retry it. */
  private async release(scope: string, key: string): Promise<void> {
    await this.ds.query(
      `DELETE FROM idempotency_record WHERE scope = $1 AND key = $2 AND status_code IS NULL`,
      [scope, key],
    );
  }
}

/** Marks a command as honouring the Idempotency-Key header. */
export const Idempotent = (scope: string) =>
  applyDecorators(
    SetMetadata(IDEMPOTENT_SCOPE, scope),
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description: 'a unique key per intended action: a retry with the same key returns the first answer',
    }),
  );
