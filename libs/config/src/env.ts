import { plainToInstance, Transform } from 'class-transformer';
import {
  IsEnum,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateIf,
  validateSync,
} from 'class-validator';

export enum NodeEnv {
  Development = 'development',
  Production = 'production',
  Test = 'test',
}

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value.trim()) : value;

/** A whole number from min to max (without max: min or more); the environment's digit string becomes a number. */
function WholeNumber(min: number, max?: number): PropertyDecorator {
  return (target, key) => {
    Transform(toInt)(target, key);
    IsInt()(target, key);
    Min(min)(target, key);
    if (max !== undefined) Max(max)(target, key);
  };
}

/**
 * The environment of the api and the worker. Every variable is documented in .env.example and the README.
 * A wrong or missing value stops start-up with a message that names the variable (see validateEnv).
 */
export class Env {
  @IsEnum(NodeEnv)
  NODE_ENV: NodeEnv = NodeEnv.Development;

  /** postgres://user:password@host:port/database */
  @Matches(/^postgres(ql)?:\/\/([^:@/\s]+(:[^@/\s]*)?@)?[^:/\s]+(:\d{1,5})?\/[^\s?]+(\?\S*)?$/, {
    message: 'must be a URL like postgres://user:password@host:5432/database',
  })
  DATABASE_URL!: string;

  @WholeNumber(1, 200)
  DATABASE_POOL_MAX = 10;

  /**
   * connections each process opens at start and keeps open while idle (unset: DATABASE_POOL_MAX, a fixed-size pool).
   * A new connection costs its start and authentication before its first query; opened on demand, a burst of
   * requests after a quiet spell waited for them (0.7 s and more for the first 36 of 50 filings in bench:api).
   */
  @IsOptional()
  @WholeNumber(0, 200)
  DATABASE_POOL_MIN?: number;

  /** workflow starts the api keeps in flight after filing (the rest wait in order; see ClaimsService) */
  @WholeNumber(1, 64)
  WORKFLOW_START_CONCURRENCY = 4;

  /** workflow starts per second at most after filing: a burst of reports is answered first, the starts follow */
  @WholeNumber(1, 10000)
  WORKFLOW_START_RATE = 20;

  /** while the api answers this many requests a second or more, workflow starts wait (people are answered first) */
  @WholeNumber(1, 1000000)
  WORKFLOW_START_BUSY_RPS = 20;

  /** the longest a workflow start waits for a busy api (0: starts never wait) */
  @WholeNumber(0, 3600)
  WORKFLOW_START_DEFER_SECONDS = 60;

  /**
   * keyed filings sent to PostgreSQL at a time by one api process, each a batch of those that arrived meanwhile
   * (group commit)
   */
  @WholeNumber(1, 64)
  FILING_BATCHES_IN_FLIGHT = 1;

  /** the most keyed filings in one batch */
  @WholeNumber(1, 500)
  FILING_BATCH_MAX = 32;

  /** api processes sharing the port (node:cluster); 1 runs the api in this process */
  @WholeNumber(1, 64)
  API_PROCESSES = 1;

  /** host:port of the Temporal frontend */
  @Matches(/^[A-Za-z0-9.-]+:\d{1,5}$/, { message: 'must be host:port, e.g. 127.0.0.1:7233' })
  TEMPORAL_ADDRESS!: string;

  @IsString()
  @Matches(/^[A-Za-z0-9._-]{1,255}$/, { message: 'must be a Temporal namespace name' })
  TEMPORAL_NAMESPACE = 'default';

  @IsString()
  @Matches(/^[A-Za-z0-9._-]{1,255}$/, { message: 'must be a task queue name' })
  TEMPORAL_TASK_QUEUE = 'sigap-claims';

  @WholeNumber(0, 65535)
  API_PORT = 3000;

  @IsString()
  API_HOST = '127.0.0.1';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** json (machines, production) or pretty (people, development); default: json in production */
  @IsOptional()
  @IsIn(['json', 'pretty'])
  LOG_FORMAT?: 'json' | 'pretty';

  /** HS256 key of the access tokens; required (32+ characters) in production, a fixed development key otherwise */
  @ValidateIf((o: Env) => o.NODE_ENV === NodeEnv.Production || o.JWT_SECRET !== undefined)
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters (required in production)' })
  JWT_SECRET?: string;

  @WholeNumber(60, 86400)
  JWT_ACCESS_TTL_SECONDS = 900;

  @WholeNumber(300, 90 * 86400)
  JWT_REFRESH_TTL_SECONDS = 7 * 86400;

  /** comma-separated origins allowed by CORS (e.g. https://sigap.example.go.id); empty = no cross-origin access */
  @IsOptional()
  @Matches(/^(\*|https?:\/\/[^,\s]+(,https?:\/\/[^,\s]+)*)$/, {
    message: 'must be * or a comma-separated list of http(s) origins',
  })
  CORS_ORIGINS?: string;

  /** key of the field encryption of bank accounts (AES-256-GCM); required (32+ characters) in production */
  @ValidateIf((o: Env) => o.NODE_ENV === NodeEnv.Production || o.SIGAP_DATA_KEY !== undefined)
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters (required in production)' })
  SIGAP_DATA_KEY?: string;

  /** the bank's payment API (the simulator, apps/bank-sim, in development) */
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'must be an http(s) URL' })
  BANK_GATEWAY_URL = 'http://127.0.0.1:4010';

  @WholeNumber(100, 120000)
  BANK_TIMEOUT_MS = 3000;

  @IsOptional()
  @IsString()
  BANK_API_KEY?: string;

  /** where uploaded documents are stored (local-disk storage adapter) */
  @IsString()
  @MinLength(1)
  DOCUMENTS_DIR = '.data/documents';

  /** lookups per minute and client address of the family tracking (GET /api/v1/track/{n}); wrong codes are limited per claim regardless */
  @WholeNumber(1, 1000000)
  TRACK_RATE_LIMIT_PER_MINUTE = 60;

  /** requests per minute and client address of the throttled routes without a limit of their own (e.g. GET /api/v1/auth/me) */
  @WholeNumber(1, 1000000)
  API_RATE_LIMIT_PER_MINUTE = 600;

  /**
   * File of the prebuilt workflow bundle (production images); unset = bundle from source at worker start.
   */
  @IsOptional()
  @IsString()
  WORKFLOW_BUNDLE_PATH?: string;
}

export class EnvValidationError extends Error {
  constructor(readonly problems: { variable: string; reasons: string[] }[]) {
    super(
      'Invalid configuration:\n' +
        problems.map((p) => `  - ${p.variable}: ${p.reasons.join('; ')}`).join('\n') +
        '\nSee .env.example for every variable and its meaning.',
    );
    this.name = 'EnvValidationError';
  }
}

/** The connection pool of a process: at most DATABASE_POOL_MAX, DATABASE_POOL_MIN of them open from the start. */
export function poolSize(env: Env): { max: number; min: number } {
  return { max: env.DATABASE_POOL_MAX, min: env.DATABASE_POOL_MIN ?? env.DATABASE_POOL_MAX };
}

/** Validates and types the environment; throws EnvValidationError naming each wrong or missing variable. */
export function validateEnv(raw: Record<string, unknown>): Env {
  const cleaned: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) {
    // an empty variable means "not set", so the default applies (as in docker-compose `VAR=`)
    if (v !== '' && v !== undefined) cleaned[k] = v;
  }
  const env = plainToInstance(Env, cleaned, { exposeDefaultValues: true });
  const errors = validateSync(env, { skipMissingProperties: false, whitelist: false });
  const problems = errors.map((e) => ({
    variable: e.property,
    reasons:
      e.value === undefined
        ? ['is missing']
        : Object.values(e.constraints ?? {}).map((m) => m.replace(`${e.property} `, '')),
  }));
  const named = new Set(problems.map((p) => p.variable));
  if (
    !named.has('DATABASE_POOL_MIN') &&
    !named.has('DATABASE_POOL_MAX') &&
    env.DATABASE_POOL_MIN !== undefined &&
    env.DATABASE_POOL_MIN > env.DATABASE_POOL_MAX
  ) {
    problems.push({
      variable: 'DATABASE_POOL_MIN',
      reasons: [`must not be more than DATABASE_POOL_MAX (${env.DATABASE_POOL_MAX})`],
    });
  }
  if (problems.length > 0) throw new EnvValidationError(problems);
  return env;
}

export function logFormat(env: Env): 'json' | 'pretty' {
  return env.LOG_FORMAT ?? (env.NODE_ENV === NodeEnv.Production ? 'json' : 'pretty');
}

const DEVELOPMENT_JWT_SECRET = 'sigap-development-only-secret-never-use-in-production';

/** The JWT key: JWT_SECRET, or outside production a fixed development key. */
export function jwtSecret(env: Env): string {
  return env.JWT_SECRET ?? DEVELOPMENT_JWT_SECRET;
}

const RATE_LIMIT_DEFAULTS = { TRACK_RATE_LIMIT_PER_MINUTE: 60, API_RATE_LIMIT_PER_MINUTE: 600 } as const;

/**
 * A throttler limit read from the environment when a request is checked (validateEnv at start-up rejects a wrong
 * value; here a missing or malformed one falls back to the default). The parse is cached per raw value.
 */
export function rateLimitFromEnv(name: keyof typeof RATE_LIMIT_DEFAULTS): () => number {
  let raw: string | undefined;
  let value: number = RATE_LIMIT_DEFAULTS[name];
  return () => {
    const now = process.env[name];
    if (now !== raw) {
      raw = now;
      const t = now?.trim() ?? '';
      value = /^\d{1,7}$/.test(t) && Number(t) >= 1 ? Number(t) : RATE_LIMIT_DEFAULTS[name];
    }
    return value;
  };
}
