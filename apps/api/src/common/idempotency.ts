import { UnprocessableEntityException } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { createHash } from 'node:crypto';

const KEY = /^[A-Za-z0-9_.:-]{8,128}$/;

/**
 * The request's Idempotency-Key (undefined without one), or 422 naming the header. Same key, same answer: a command
 * that honours it stores its answer with its effect, in one transaction (see ClaimsService.fileIncidentOnce); keys
 * are scoped per user and command.
 */
export function idempotencyKeyOf(headers: Record<string, string | string[] | undefined>): string | undefined {
  const key = headers['idempotency-key'];
  if (key === undefined) return undefined;
  if (typeof key !== 'string' || !KEY.test(key)) {
    throw new UnprocessableEntityException({
      errors: [{ field: 'Idempotency-Key', message: 'must be 8-128 letters, digits or _ . : -' }],
    });
  }
  return key;
}

/** What a retry must repeat for its key to replay the first answer: the body as it was parsed. */
export function requestHash(body: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(body ?? null))
    .digest('hex');
}

/** Documents the Idempotency-Key header of a command. */
export const ApiIdempotencyKey = () =>
  ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'a unique key per intended action: a retry with the same key returns the first answer',
  });
