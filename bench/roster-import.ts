/**
 * npm run bench:roster [-- --rows 6000000 --seed 42 --keep-file /tmp/roster.csv --reimport]
 * 1. generates the roster (deterministic) to a temp file;
 * 2. baseline: a bare COPY of the same file (FORMAT csv, HEADER) into an unindexed table of the same columns, typed as
 *    the registry types them (the NIK a bigint);
 * 3. the importer (scripts/roster-import.ts, compiled: npm run build first unless BENCH_SKIP_BUILD=1) in a child
 *    process: validation, staging COPY, set-based merge into the
 *    indexed registry; its peak RSS comes from the child (process.resourceUsage().maxRSS);
 * 4. optionally a re-import of the same file (idempotence: nothing changes).
 * Prints rows/s, seconds, the importer/baseline throughput ratio, the importer's peak memory and the CPU used (the
 * machine's, from /proc/stat, and the importer's own; the rest is PostgreSQL's).
 * SIGAP_IMPORT_TRACE=1 prints each merge statement's duration; SIGAP_IMPORT_CPU_PROF=dir writes a CPU profile of the
 * importer (node --cpu-prof) into dir.
 */
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { writeRoster } from '../scripts/roster-generate';
import { arg, benchDatabase, machineCpu, say } from './support';

const ROOT = path.resolve(__dirname, '..');

function runImporter(url: string, file: string): Promise<Record<string, number | string>> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [
        ...(process.env.SIGAP_IMPORT_CPU_PROF
          ? ['--cpu-prof', `--cpu-prof-dir=${process.env.SIGAP_IMPORT_CPU_PROF}`]
          : []),
        // the compiled CLI (npm run build), as a deployment runs it: under ts-node, transpiling the modules took
        // ~3 s of the import's start (15 % of the importer's CPU at 1 M rows)
        path.join(ROOT, 'dist', 'scripts', 'roster-import.js'),
        file,
        '--quiet',
      ],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          DATABASE_URL: url,
          SIGAP_IMPORT_JSON: 'true',
        },
        maxBuffer: 1 << 24,
      },
      (err, stdout, stderr) => {
        if (process.env.SIGAP_IMPORT_TRACE) process.stderr.write(stderr);
        const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
        if (!line) return reject(new Error(`importer failed: ${err?.message ?? ''}\n${stderr}\n${stdout}`));
        resolve(JSON.parse(line.slice(7)));
      },
    );
  });
}

async function bareCopy(url: string, file: string): Promise<number> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(`DROP TABLE IF EXISTS bench_bare_copy`);
    await c.query(`CREATE UNLOGGED TABLE bench_bare_copy (
      nik bigint, full_name varchar(200), sex char(1), birth_date date, phone varchar(20), organisation varchar(8),
      role varchar(24), region_code varchar(10), tps_number int, election_event varchar(32), sk_number varchar(100),
      term_start date, term_end date, honorarium bigint, participant_number varchar(20), programs varchar(8),
      coverage_start date, coverage_end date, wage_base bigint, wage_base_source varchar(12), segment varchar(3),
      funding_source varchar(12), contribution_status varchar(12), pks_number varchar(100), bpjs_branch varchar(120))`);
    const t = Date.now();
    await pipeline(
      fs.createReadStream(file, { highWaterMark: 1 << 20 }),
      c.query(copyFrom(`COPY bench_bare_copy FROM STDIN (FORMAT csv, HEADER true)`)),
    );
    const ms = Date.now() - t;
    await c.query(`DROP TABLE bench_bare_copy`);
    return ms;
  } finally {
    await c.end();
  }
}

async function countRows(file: string): Promise<number> {
  let n = 0;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) n++;
  }
  return n - 1;
}

async function main(): Promise<void> {
  const rows = Number(arg('rows', '6000000'));
  const seed = Number(arg('seed', '42'));
  const file = arg('keep-file', path.join(os.tmpdir(), `sigap-roster-${rows}-${seed}.csv`));
  say(
    `# roster import benchmark: ${rows} rows, seed ${seed}, ${os.cpus().length} cores, node ${process.version}`,
  );
  let t = Date.now();
  if (!fs.existsSync(file) || !process.argv.includes('--keep-file')) {
    const bytes = await writeRoster(file, { rows, seed, gapRegions: ['5301', '3201'] });
    say(`generated ${file}: ${(bytes / 1e6).toFixed(0)} MB in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }
  if (!process.env.BENCH_SKIP_BUILD) {
    say('building (npm run build)…');
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const fileRows = await countRows(file);
  say(`file rows (without header): ${fileRows}`);
  const db = await benchDatabase('roster');
  try {
    // cores busy on the whole machine (Node, PostgreSQL and the rest) while a step ran
    const cores = (m0: { busy: number }, ms: number) =>
      ((machineCpu().busy - m0.busy) / (ms / 1000)).toFixed(2);
    let m = machineCpu();
    const bareMs = await bareCopy(db.url, file);
    say(
      `bare COPY (unindexed table):  ${(bareMs / 1000).toFixed(1)} s, ${Math.round(fileRows / (bareMs / 1000))} rows/s; machine ${cores(m, bareMs)} of ${os.cpus().length} cores busy`,
    );
    m = machineCpu();
    t = Date.now();
    const r = await runImporter(db.url, file);
    const importMs = Date.now() - t;
    const importCpu = `  machine ${cores(m, importMs)} of ${os.cpus().length} cores busy; the importer's Node process ${Number(r.cpuSeconds).toFixed(1)} s of CPU, the rest (PostgreSQL) ${(machineCpu().busy - m.busy - Number(r.cpuSeconds)).toFixed(1)} s`;
    const rss = Number(r.maxRssKb) / 1024;
    say(
      `importer (child process):     ${(importMs / 1000).toFixed(1)} s wall, ${Math.round(fileRows / (importMs / 1000))} rows/s` +
        ` (load ${(Number((r.timings as unknown as { loadMs: number }).loadMs) / 1000).toFixed(1)} s + merge ${(Number((r.timings as unknown as { mergeMs: number }).mergeMs) / 1000).toFixed(1)} s, incl. process start)`,
    );
    say(
      `  status ${r.status} (${r.mergeStrategy}): ${r.rowsAccepted} accepted, ${r.rowsRejected} rejected; workers +${r.workersInserted}, appointments +${r.appointmentsInserted}, coverage +${r.coverageInserted}`,
    );
    say(importCpu);
    say(`throughput ratio importer / bare COPY: ${((bareMs / importMs) * 100).toFixed(0)}%`);
    say(`importer peak RSS: ${rss.toFixed(0)} MB`);
    if (process.argv.includes('--reimport')) {
      t = Date.now();
      const again = await runImporter(db.url, file);
      say(
        `re-import of the same file:   ${((Date.now() - t) / 1000).toFixed(1)} s; changed: workers ${again.workersUpdated}, appointments ${again.appointmentsUpdated}, coverage ${again.coverageUpdated}; new: ${Number(again.workersInserted) + Number(again.appointmentsInserted) + Number(again.coverageInserted)}`,
      );
    }
  } finally {
    await db.stop();
    if (!process.argv.includes('--keep-file')) fs.rmSync(file, { force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`bench:roster failed: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
