/**
 * npm run roster:import -- file.csv [--rejects rejects.csv] [--quiet]
 * Imports a roster CSV into the registry of DATABASE_URL (or the embedded PostgreSQL of `npm start`, .data/postgres,
 * when DATABASE_URL is not set), with a progress bar, then writes the rejects report (row, field, reason).
 * Exit code: 0 imported (even with rejected rows), 1 the file was refused or the import failed.
 */
import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { SingleBar } from 'cli-progress';
import { Client } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { RosterImporter, type RosterImportResult, rosterFileSource } from '@sigap/coverage';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '@sigap/devstack';
import { runMigrations } from '@sigap/persistence';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function writeRejects(url: string, id: string, out: string): Promise<void> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const file = fs.createWriteStream(out);
    file.write('row_number,field,reason\n');
    const stream = c.query(
      copyTo(
        `COPY (SELECT row_number, field, reason FROM roster_import_reject WHERE import_id = '${id}' ORDER BY row_number, field) TO STDOUT (FORMAT csv)`,
      ),
    );
    stream.pipe(file);
    await once(file, 'finish');
  } finally {
    await c.end();
  }
}

async function main(): Promise<void> {
  const file = process.argv
    .slice(2)
    .find((a, i, all) => !a.startsWith('--') && !(all[i - 1] ?? '').startsWith('--'));
  if (!file) {
    process.stderr.write('usage: npm run roster:import -- file.csv [--rejects rejects.csv] [--quiet]\n');
    process.exit(2);
  }
  if (!fs.existsSync(file)) throw new Error(`${file}: no such file`);
  const quiet = process.argv.includes('--quiet') || !process.stdout.isTTY;
  let pg: EmbeddedPostgresHandle | undefined;
  let url = process.env.DATABASE_URL;
  if (!url) {
    pg = await startEmbeddedPostgres({
      dataDir: path.resolve(__dirname, '..', process.env.SIGAP_DATA_DIR || '.data', 'postgres'),
      port: Number(process.env.SIGAP_POSTGRES_PORT || 54329),
      database: 'sigap',
      persistent: true,
    });
    url = pg.url;
  }
  try {
    await runMigrations(url);
    const size = fs.statSync(file).size;
    const bar = quiet
      ? null
      : new SingleBar({
          format: 'roster {bar} {percentage}% | {value}/{total} MB | {rows} rows | {phase}',
          hideCursor: true,
        });
    bar?.start(Math.max(1, Math.round(size / 1e6)), 0, { rows: 0, phase: 'loading' });
    const importer = new RosterImporter(async () => {
      const client = new Client({ connectionString: url, application_name: 'sigap-roster-import' });
      await client.connect();
      return { client, release: () => client.end() };
    });
    const started = Date.now();
    // a file can be read twice: the importer keeps no spool copy of it (rosterFileSource checks it is unchanged)
    const source = rosterFileSource(file);
    const result: RosterImportResult = await importer.import(source.input, {
      source: 'CLI',
      reopen: source.reopen,
      fileName: path.basename(file),
      onProgress: (bytes, rows) => bar?.update(Math.round(bytes / 1e6), { rows }),
      onPhase: () => bar?.update({ phase: 'merging' }),
    });
    bar?.stop();
    const secs = (Date.now() - started) / 1000;
    const rejectsOut = arg('rejects') ?? `${file}.rejects.csv`;
    if (result.rowsRejected > 0) await writeRejects(url, result.id, rejectsOut);
    const say = (s: string) => process.stdout.write(`${s}\n`);
    say(`import ${result.id}: ${result.status} in ${secs.toFixed(1)} s`);
    say(`  rows: ${result.rowsTotal} read, ${result.rowsAccepted} accepted, ${result.rowsRejected} rejected`);
    say(`  workers: +${result.workersInserted} new, ${result.workersUpdated} changed`);
    say(`  appointments: +${result.appointmentsInserted} new, ${result.appointmentsUpdated} changed`);
    say(`  coverage periods: +${result.coverageInserted} new, ${result.coverageUpdated} changed`);
    if (result.rowsRejected > 0) say(`  rejects report: ${rejectsOut}`);
    if (result.status === 'FAILED') {
      process.stderr.write(
        `roster-import: ${result.errorCode}: ${result.errorMessage}\nThe registry is unchanged.\n`,
      );
      process.exitCode = 1;
    }
    if (process.env.SIGAP_IMPORT_JSON === 'true') {
      const ru = process.resourceUsage();
      const cpuSeconds = (ru.userCPUTime + ru.systemCPUTime) / 1e6;
      say(`RESULT ${JSON.stringify({ ...result, seconds: secs, maxRssKb: ru.maxRSS, cpuSeconds })}`);
    }
  } finally {
    await pg?.stop();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`roster-import: ${(e as Error).message}\n`);
  process.exit(1);
});
