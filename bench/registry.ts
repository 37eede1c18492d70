/** A registry of the requested size for the lookup and report benchmarks: generated and imported when missing. */
import { Readable } from 'node:stream';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { generateRoster, RosterImporter } from '@sigap/coverage';
import { dataSourceOptions } from '@sigap/persistence';
import { say } from './support';

export async function ensureRegistry(url: string, rows: number, seed: number): Promise<DataSource> {
  const ds = new DataSource(dataSourceOptions(url, 8));
  await ds.initialize();
  const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM appointment`);
  if (n < rows * 0.95) {
    say(`registry has ${n} appointments; generating and importing ${rows} rows (seed ${seed})…`);
    await ds.query('TRUNCATE coverage_period, appointment, adhoc_worker, coverage_agreement');
    const importer = new RosterImporter(async () => {
      const client = new Client({ connectionString: url });
      await client.connect();
      return { client, release: () => client.end() };
    });
    const t = Date.now();
    const source = Readable.from(
      (function* () {
        for (const chunk of generateRoster({ rows, seed, gapRegions: ['5301', '3201'] }))
          yield Buffer.from(chunk);
      })(),
    );
    const r = await importer.import(source, { source: 'BENCH', fileName: `generated-${rows}` });
    say(`  ${r.status} in ${((Date.now() - t) / 1000).toFixed(1)} s (${r.rowsAccepted} rows)`);
    if (r.status !== 'SUCCEEDED') throw new Error(`${r.errorCode}: ${r.errorMessage}`);
  } else say(`registry has ${n} appointments`);
  await ds.query('VACUUM ANALYZE adhoc_worker');
  await ds.query('VACUUM ANALYZE appointment');
  await ds.query('VACUUM ANALYZE coverage_period');
  return ds;
}
