import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';

/**
 * Runs a hot read as a named prepared statement straight on the pg pool behind TypeORM: each pooled connection
 * parses and plans it once and then only binds and executes (TypeORM's `query` re-parses every time and adds a
 * query runner per call). For the few queries that run on every request of a public endpoint (family tracking);
 * everything else goes through the DataSource as usual.
 */
export async function preparedQuery<T>(
  ds: DataSource,
  name: string,
  text: string,
  values: unknown[],
): Promise<T[]> {
  const pool = (ds.driver as unknown as { master: Pool }).master;
  const r = await pool.query({ name, text, values });
  return r.rows as T[];
}
