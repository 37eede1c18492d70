import {
  CoverageReportService,
  CoverageVerificationService,
  DEMO_ROSTER_DEFAULT_ROWS,
  seedDemoRoster,
} from '@sigap/coverage';
import { DEMO_USERS } from '@sigap/auth';
import { dataSourceOptions } from '@sigap/persistence';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';

/** The demo roster of `npm start` (libs/coverage demo-roster.ts) on real PostgreSQL, through the real importer. */
describe('demo roster (npm start)', () => {
  let ds: DataSource;
  let pool: Pool;
  const url = process.env.DATABASE_URL!;
  const reset = () =>
    ds.query(
      'TRUNCATE coverage_period, appointment, adhoc_worker, coverage_agreement, roster_import_reject, roster_import',
    );
  const count = async (table: string) =>
    (await ds.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;

  beforeAll(async () => {
    ds = await new DataSource(dataSourceOptions(url, 2)).initialize();
    pool = new Pool({ connectionString: url });
    await reset();
  });
  afterAll(async () => {
    await reset().catch(() => undefined);
    await pool?.end();
    await ds?.destroy();
  });

  it('0 rows disables it', async () => {
    expect(await seedDemoRoster(pool, { rows: 0 })).toEqual({ status: 'DISABLED' });
    expect(await count('roster_import')).toBe(0);
  });

  it('fills an empty registry for the demo users’ regions, with covered and uncovered workers', async () => {
    const r = await seedDemoRoster(pool);
    if (r.status !== 'IMPORTED') throw new Error(`not imported: ${JSON.stringify(r)}`);
    expect(r).toMatchObject({ rows: DEMO_ROSTER_DEFAULT_ROWS, rejected: 0, regions: ['3273', '3204'] });
    expect(r.covered + r.uncovered).toBe(DEMO_ROSTER_DEFAULT_ROWS);
    expect(r.covered).toBeGreaterThan(r.uncovered);
    expect(r.uncovered).toBeGreaterThan(0);
    expect(await count('adhoc_worker')).toBe(DEMO_ROSTER_DEFAULT_ROWS);

    // every appointment lies in Kota Bandung or Kabupaten Bandung, and both have workers
    const perRegency: { regency: string; n: number }[] = await ds.query(
      `SELECT left(region_code, 4) AS regency, count(*)::int AS n FROM appointment GROUP BY 1 ORDER BY 1`,
    );
    expect(perRegency).toEqual([
      { regency: '3204', n: DEMO_ROSTER_DEFAULT_ROWS / 2 },
      { regency: '3273', n: DEMO_ROSTER_DEFAULT_ROWS / 2 },
    ]);
    // the demo users' scopes (other than admin's "everything") are those regions or contain them
    for (const u of DEMO_USERS.filter((x) => x.regions.length))
      expect(u.regions.some((s) => ['3273', '3204'].some((d) => d.startsWith(s)))).toBe(true);

    // a claim for the covered example finds coverage on voting day; the uncovered one does not
    const { covered, uncovered } = r.examples;
    expect(covered).toMatchObject({ role: 'KPPS_ANGGOTA', covered: true, termStart: '2024-01-25' });
    expect(uncovered).toMatchObject({ role: 'KPPS_ANGGOTA', covered: false });
    expect(covered!.regionCode.startsWith('3273')).toBe(true);
    const verifier = new CoverageVerificationService(ds);
    expect(await verifier.verify(covered!.nik, '2024-02-14', 'JKM')).toMatchObject({
      outcome: 'COVERED',
      wageBase: 1100000,
    });
    expect((await verifier.verify(uncovered!.nik, '2024-02-14', 'JKK')).outcome).toBe('NOT_COVERED');

    // the gap report shows both, for the province and for each kab/kota
    const reports = new CoverageReportService(ds);
    for (const region of ['32', '3273', '3204']) {
      const g = await reports.gaps(region, 'PEMILU_2024');
      expect(g.totals.covered).toBeGreaterThan(0);
      expect(g.totals.uncovered).toBeGreaterThan(0);
    }
    const byRegency = (await reports.gaps('32', 'PEMILU_2024')).lines.reduce<Record<string, number[]>>(
      (m, l) => {
        const [c, u] = m[l.region] ?? [0, 0];
        m[l.region] = [c + l.covered, u + l.uncovered];
        return m;
      },
      {},
    );
    expect(Object.keys(byRegency).sort()).toEqual(['3204', '3273']);
    for (const [c, u] of Object.values(byRegency)) expect(c > 0 && u > 0).toBe(true);

    const [job] = await ds.query(`SELECT status, file_name, rows_accepted FROM roster_import`);
    expect(job).toEqual({
      status: 'SUCCEEDED',
      file_name: 'demo-roster.csv',
      rows_accepted: DEMO_ROSTER_DEFAULT_ROWS,
    });
  });

  it('a second start imports nothing', async () => {
    const before = await ds.query(`SELECT max(updated_at) AS u, count(*)::int AS n FROM appointment`);
    expect(await seedDemoRoster(pool)).toEqual({ status: 'SKIPPED', reason: 'REGISTRY_NOT_EMPTY' });
    expect(await seedDemoRoster(pool, { rows: 100, seed: 9 })).toEqual({
      status: 'SKIPPED',
      reason: 'REGISTRY_NOT_EMPTY',
    });
    expect(await count('roster_import')).toBe(1);
    expect(await ds.query(`SELECT max(updated_at) AS u, count(*)::int AS n FROM appointment`)).toEqual(
      before,
    );
  });

  it('two seeders at once: one imports, the other skips', async () => {
    await reset();
    const other = new Pool({ connectionString: url });
    try {
      const results = await Promise.all([
        seedDemoRoster(pool, { rows: 500 }),
        seedDemoRoster(other, { rows: 500 }),
      ]);
      expect(results.map((x) => x.status).sort()).toEqual(['IMPORTED', 'SKIPPED']);
      expect(await count('adhoc_worker')).toBe(500);
      expect(await count('roster_import')).toBe(1);
    } finally {
      await other.end();
    }
  });

  it('refuses a row count the regions cannot hold, before touching the registry', async () => {
    await reset();
    await expect(seedDemoRoster(pool, { rows: 999_999 })).rejects.toThrow(
      /demo roster: at most \d+ rows fit/,
    );
    expect(await count('roster_import')).toBe(0);
  });
});
