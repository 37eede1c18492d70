import createClient from 'openapi-fetch';
import type { paths } from './schema';

/**
 * The typed client of the Sigap api: paths, parameters and request bodies come from schema.d.ts, generated from the
 * api's OpenAPI document (npm run web:api-types). Same origin: the api serves this app in production and the Vite
 * dev server proxies /api in development, so no URL or secret is configured in the bundle.
 */
export const api = createClient<paths>({ baseUrl: '' });

export interface FieldError {
  field: string;
  message: string;
}

/** An error answer of the api (application/problem+json), with the per-field messages and the refusal type. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly errors: FieldError[] = [],
    readonly refusal?: string,
  ) {
    super(detail);
  }

  /** The message for a form field (the api names fields like workerNik, documentCode, ...). */
  field(name: string): string | undefined {
    return this.errors.find((e) => e.field === name)?.message;
  }
}

/** Network failure (offline, server unreachable): status 0. */
export const isOffline = (e: unknown) => e instanceof ApiError && e.status === 0;

interface Result<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The data of a call, or an ApiError. `T` names the response where the OpenAPI document leaves it untyped. */
export async function unwrap<T = never, D = unknown>(
  call: Promise<Result<D>>,
): Promise<[T] extends [never] ? D : T> {
  let r: Result<D>;
  try {
    r = await call;
  } catch (err) {
    throw new ApiError(0, (err as Error)?.message ?? 'network error');
  }
  if (r.response.ok) return r.data as never;
  const body = (r.error ?? {}) as { detail?: string; errors?: FieldError[]; refusal?: string };
  throw new ApiError(
    r.response.status,
    body.detail ?? r.response.statusText,
    body.errors ?? [],
    body.refusal,
  );
}

/** multipart/form-data of an upload (the OpenAPI document types the binary file as a string). */
export function formData(body: unknown): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(body as Record<string, string | Blob>)) fd.append(k, v);
  return fd;
}
