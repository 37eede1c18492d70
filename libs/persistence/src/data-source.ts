import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { DataSource, DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { QueryErrorLogger } from './query-logger';

/**
 * poolMin: connections kept open while idle (pg-pool's `min`; the others close after 10 s idle). They are opened
 * by openPool, not by the pool itself.
 */
export function dataSourceOptions(databaseUrl: string, poolMax = 10, poolMin = 0): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    synchronize: false,
    migrationsRun: false,
    logging: ['error'],
    logger: new QueryErrorLogger(),
    extra: { max: poolMax, min: Math.min(poolMin, poolMax), application_name: 'sigap' },
  };
}

/** The slice of pg's Pool that openPool uses (TypeORM's PostgresDriver keeps it as `master`). */
interface PgPool {
  connect(): Promise<{ release(): void }>;
  totalCount: number;
  options: { max: number };
}

/**
 * Opens the pool's connections up to `count` at start (all at once, then back to the pool as idle), so that the
 * first burst of requests does not wait for connections to be made. Does not throw: when PostgreSQL refuses some
 * (max_connections reached) the process runs with those it has and opens the rest on demand, as before; the
 * answer says how many are open and why not more.
 */
export async function openPool(ds: DataSource, count: number): Promise<{ open: number; error?: string }> {
  const pool = (ds.driver as unknown as { master?: PgPool }).master;
  if (!pool || count <= 0) return { open: pool?.totalCount ?? 0 };
  count = Math.min(count, pool.options.max); // more would wait for a release that comes only after them
  const missing = Math.max(0, count - pool.totalCount);
  // every connect() of the batch waits for its own connection: the idle ones are handed out first, the rest opened
  const held = await Promise.allSettled(Array.from({ length: count }, () => pool.connect()));
  for (const h of held) if (h.status === 'fulfilled') h.value.release();
  const failed = held.find((h): h is PromiseRejectedResult => h.status === 'rejected');
  return {
    open: pool.totalCount,
    ...(failed && missing > 0 ? { error: String((failed.reason as Error)?.message ?? failed.reason) } : {}),
  };
}

/**
 * The dataSourceFactory of the api's and the worker's TypeOrmModule: the DataSource, with its pool's `min`
 * connections (dataSourceOptions' poolMin) open from the start (openPool; a shortfall is logged, not fatal).
 */
export async function dataSourceWithOpenPool(options?: DataSourceOptions): Promise<DataSource> {
  if (!options) throw new Error('dataSourceWithOpenPool: no DataSource options');
  const ds = await new DataSource(options).initialize();
  const min = Number((options as { extra?: { min?: number } }).extra?.min ?? 0);
  const { open, error } = await openPool(ds, min);
  if (error) {
    new Logger('Database').warn(
      `opened ${open} of ${min} database connections at start (${error}); the others open when needed. Every ` +
        `process opens its pool at start: DATABASE_POOL_MIN (or _MAX) × the api's processes plus the worker's must ` +
        `fit PostgreSQL's max_connections`,
    );
  }
  return ds;
}

/** Runs pending migrations (idempotent: applied ones are skipped). Returns the names of those it applied. */
export async function runMigrations(databaseUrl: string): Promise<string[]> {
  const ds = new DataSource(dataSourceOptions(databaseUrl, 2));
  await ds.initialize();
  try {
    const applied = await ds.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}

/** For the TypeORM CLI (npm run migration:run / migration:generate) */
export default new DataSource(
  dataSourceOptions(process.env.DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/sigap'),
);
