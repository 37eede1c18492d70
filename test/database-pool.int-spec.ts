import type { INestApplication } from '@nestjs/common';
import { poolSize, validateEnv } from '@sigap/config';
import { dataSourceOptions, openPool } from '@sigap/persistence';
import { randomUUID } from 'node:crypto';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { eventually, startApi, useTestEnv } from './support/stack';

/** The connection pools of the api and the worker: opened at start, kept open while idle (DATABASE_POOL_MIN). */
describe('database connection pool', () => {
  let admin: DataSource;
  const opened: { destroy(): Promise<void> }[] = [];

  beforeAll(async () => {
    useTestEnv('pool');
    admin = await new DataSource(dataSourceOptions(process.env.DATABASE_URL!, 1)).initialize();
  });
  afterAll(async () => {
    for (const o of opened.reverse()) await o.destroy().catch(() => undefined);
    await admin?.destroy();
  });

  /** a DataSource whose connections PostgreSQL can count (its own application_name), idle ones closing after 100 ms */
  async function dataSource(max: number, min: number, url = process.env.DATABASE_URL!) {
    const name = `sigap-pool-${randomUUID().slice(0, 8)}`;
    const base = dataSourceOptions(url, max, min);
    const ds = await new DataSource({
      ...base,
      extra: { ...(base as { extra: object }).extra, application_name: name, idleTimeoutMillis: 100 },
    } as DataSourceOptions).initialize();
    opened.push(ds);
    const connections = async () =>
      Number(
        (
          await admin.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1`, [
            name,
          ])
        )[0].n,
      );
    return { ds, connections };
  }

  it('opens the minimum at once and keeps it open while idle; connections above it close', async () => {
    const { ds, connections } = await dataSource(5, 3);
    expect(await openPool(ds, 3)).toEqual({ open: 3 });
    expect(await connections()).toBe(3);
    // a burst takes the pool to its maximum; once idle it goes back to the minimum, not below
    await Promise.all(Array.from({ length: 5 }, () => ds.query('SELECT pg_sleep(0.05)')));
    expect(await connections()).toBe(5);
    await eventually(async () => (await connections()) === 3);
    await new Promise((r) => setTimeout(r, 500)); // five idle time-outs later
    expect(await connections()).toBe(3);
  });

  it('without a minimum, idle connections close (what made a burst after a quiet spell wait)', async () => {
    const { ds, connections } = await dataSource(5, 0);
    expect(await openPool(ds, 0)).toEqual({ open: 1 }); // the one TypeORM opened to start
    await Promise.all(Array.from({ length: 4 }, () => ds.query('SELECT pg_sleep(0.05)')));
    expect(await connections()).toBe(4);
    await eventually(async () => (await connections()) === 0);
  });

  it('asks for no more than the pool may hold', async () => {
    const { ds, connections } = await dataSource(2, 2);
    expect(await openPool(ds, 10)).toEqual({ open: 2 });
    expect(await connections()).toBe(2);
  });

  it('when PostgreSQL refuses connections, keeps those it got, says why, and still works', async () => {
    const role = `pool_${randomUUID().slice(0, 8)}`;
    await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD 'pool-test' CONNECTION LIMIT 2`);
    opened.push({ destroy: () => admin.query(`DROP ROLE IF EXISTS ${role}`) });
    const url = new URL(process.env.DATABASE_URL!);
    url.username = role;
    url.password = 'pool-test';
    const { ds, connections } = await dataSource(5, 4, url.toString());
    const r = await openPool(ds, 4);
    expect(r.open).toBe(2);
    expect(r.error).toMatch(/too many connections for role/);
    expect(await connections()).toBe(2);
    expect(await ds.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });

  describe('the api', () => {
    let app: INestApplication;
    afterAll(() => app?.close());

    it('starts with its pool open (DATABASE_POOL_MIN, unset: DATABASE_POOL_MAX)', async () => {
      app = await startApi();
      const pool = (
        app.get(DataSource).driver as unknown as { master: { totalCount: number; idleCount: number } }
      ).master;
      const { min } = poolSize(validateEnv(process.env));
      expect(min).toBeGreaterThan(1);
      expect(pool.totalCount).toBe(min);
    });
  });
});
