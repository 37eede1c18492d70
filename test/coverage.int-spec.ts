import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import {
  CoverageModule,
  CoverageReportService,
  CoverageVerificationService,
  generateRoster,
  RosterImporter,
  RosterImportService,
  ROSTER_COLUMNS,
  rosterFileSource,
} from '@sigap/coverage';
import { dataSourceOptions } from '@sigap/persistence';
import { Pool } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { loginAs, startApi, useTestEnv } from './support/stack';

/** The coverage registry on real PostgreSQL: import, verification, budget and gaps, and their HTTP surface. */
const SAMPLE = fs.readFileSync(path.join(__dirname, 'fixtures', 'roster-sample.csv'), 'utf8');
const [HEADER, ...ROWS] = SAMPLE.trimEnd().split('\n');
const csv = (...rows: string[]) => [HEADER, ...rows].join('\n') + '\n';
const NIK = {
  ketuaKpps: '5301011205900001',
  anggotaEndsEarly: '5301014703850002',
  uncovered: '5301010101800003',
  linmasJkmOnly: '5301011511950004',
  ketuaPps: '5301016006880005',
  ketuaPpk: '5301010909750006',
  ptps: '5301010202000007',
  kupang: '5371014408920008',
};

describe('coverage registry', () => {
  let ctx: INestApplicationContext;
  let ds: DataSource;
  let imports: RosterImportService;
  let verifier: CoverageVerificationService;
  let reports: CoverageReportService;

  beforeAll(async () => {
    const mod = await Test.createTestingModule({
      // 8: a first load takes the fast path (BulkLoad) only with three connections besides the importer's two
      imports: [TypeOrmModule.forRoot(dataSourceOptions(process.env.DATABASE_URL!, 8)), CoverageModule],
    }).compile();
    ctx = await mod.init();
    ds = ctx.get(DataSource);
    imports = ctx.get(RosterImportService);
    verifier = ctx.get(CoverageVerificationService);
    reports = ctx.get(CoverageReportService);
  });
  afterAll(async () => ctx?.close());

  const reset = () =>
    ds.query(
      'TRUNCATE coverage_period, appointment, adhoc_worker, coverage_agreement, roster_import_reject, roster_import',
    );
  const run = (text: string | Buffer, fileName = 'test.csv') =>
    imports.importer().import(Readable.from([Buffer.from(text)]), { source: 'TEST', fileName });
  const snapshot = async () =>
    JSON.stringify(
      await Promise.all([
        ds.query('SELECT * FROM adhoc_worker ORDER BY nik'),
        ds.query('SELECT * FROM appointment ORDER BY worker_nik, role'),
        ds.query('SELECT * FROM coverage_period ORDER BY worker_nik, role'),
        ds.query('SELECT * FROM coverage_agreement ORDER BY pks_number'),
      ]),
    );

  describe('roster import', () => {
    beforeEach(reset);

    it('imports the sample file into an empty registry (bulk first load) and keeps every key and foreign key', async () => {
      const r = await run(SAMPLE);
      expect(r).toMatchObject({
        status: 'SUCCEEDED',
        rowsTotal: 8,
        rowsAccepted: 8,
        rowsRejected: 0,
        workersInserted: 8,
        appointmentsInserted: 8,
        coverageInserted: 6,
        agreementsUpserted: 2,
        mergeStrategy: 'BULK_SWAP',
      });
      const cons = await ds.query(
        `SELECT conname FROM pg_constraint WHERE conrelid IN ('appointment'::regclass, 'coverage_period'::regclass) AND contype = 'f'`,
      );
      expect(cons).toHaveLength(3);
      const [{ n }] = await ds.query(
        `SELECT count(*)::int AS n FROM pg_indexes WHERE indexname = 'appointment_event_region'`,
      );
      expect(n).toBe(1);
      const [w] = await ds.query(
        `SELECT full_name, sex, birth_date::text AS b FROM adhoc_worker WHERE nik = $1`,
        [NIK.ketuaPps],
      );
      expect(w).toEqual({ full_name: 'Sari Rahayu, S.Pd.', sex: 'P', b: '1988-06-20' });
      const job = await imports.job(r.id);
      expect(job).toMatchObject({ status: 'SUCCEEDED', fileName: 'test.csv', rejects: [], error: null });
    });

    it('re-importing the same file changes nothing', async () => {
      await run(SAMPLE);
      const before = await snapshot();
      const again = await run(SAMPLE);
      expect(again).toMatchObject({
        status: 'SUCCEEDED',
        rowsAccepted: 8,
        workersInserted: 0,
        workersUpdated: 0,
        appointmentsInserted: 0,
        appointmentsUpdated: 0,
        coverageInserted: 0,
        coverageUpdated: 0,
      });
      expect(await snapshot()).toBe(before);
    });

    it('rejects bad rows with row number, field and reason, and loads the good ones', async () => {
      const bad = [
        ROWS[0].replace('5301011205900001', '5301011205900000'), // row 2: NIK serial 0000
        ROWS[1].replace('5301012001', '53010120'), // row 3: 8-digit region
        ROWS[2].replace('2024-02-25', '2024-02-30'), // row 4: term_end not a date
        ROWS[3].replace('LINMAS', 'SATPAM'), // row 5: unknown role
        ROWS[4].replace(',P,1988-06-20', ',L,1988-06-20'), // row 6: sex does not match the NIK
        ROWS[5].replace(',530101,', ',5301012001,'), // row 7: PPK at a desa
        ROWS[6].replace(',1,PEMILU_2024', ',,PEMILU_2024'), // row 8: PTPS without TPS
        'only,three,fields', // row 9
        ROWS[7], // row 10: good
      ];
      const r = await run(csv(...bad));
      expect(r).toMatchObject({
        status: 'SUCCEEDED',
        rowsTotal: 9,
        rowsAccepted: 1,
        rowsRejected: 8,
        workersInserted: 1,
      });
      const job = (await imports.job(r.id))!;
      const byRow = Object.fromEntries(job.rejects.map((x) => [x.rowNumber, x]));
      expect(byRow[2]).toMatchObject({ field: 'nik', reason: expect.stringContaining('serial') });
      expect(byRow[3]).toMatchObject({ field: 'region_code' });
      expect(byRow[4]).toMatchObject({ field: 'term_end' });
      expect(byRow[5]).toMatchObject({ field: 'role', reason: expect.stringContaining('SATPAM') });
      expect(byRow[6]).toMatchObject({ field: 'sex' });
      expect(byRow[7]).toMatchObject({ field: 'region_code', reason: expect.stringContaining('kecamatan') });
      expect(byRow[8]).toMatchObject({ field: 'tps_number' });
      expect(byRow[9]).toMatchObject({ field: '*', reason: expect.stringContaining('3 fields') });
      expect(new Set(job.rejects.map((x) => x.rowNumber))).toEqual(new Set([2, 3, 4, 5, 6, 7, 8, 9]));
      const [{ n }] = await ds.query('SELECT count(*)::int AS n FROM appointment');
      expect(n).toBe(1);
    });

    it('rejects a duplicate row of the file (same NIK, event, organisation, role) and keeps the first', async () => {
      const changed = ROWS[0].replace(',1200000,24000000001', ',1250000,24000000001');
      const r = await run(csv(ROWS[0], ROWS[1], changed));
      expect(r).toMatchObject({
        status: 'SUCCEEDED',
        rowsAccepted: 2,
        rowsRejected: 1,
        appointmentsInserted: 2,
      });
      const job = (await imports.job(r.id))!;
      expect(job.rejects).toEqual([
        { rowNumber: 4, field: 'role', reason: expect.stringContaining('duplicate of row 2') },
      ]);
      const [{ honorarium }] = await ds.query(
        'SELECT honorarium::int FROM appointment WHERE worker_nik = $1',
        [NIK.ketuaKpps],
      );
      expect(honorarium).toBe(1200000);
    });

    it('a mixed file updates changed rows, inserts new ones, rejects bad ones, leaves the rest alone', async () => {
      await run(csv(...ROWS.slice(0, 6)));
      const mixed = csv(
        ROWS[0], // unchanged
        ROWS[1].replace('2024-02-13,1100000', '2024-02-25,1100000'), // coverage extended
        ROWS[6], // new PTPS
        ROWS[7].replace('Indah Lestari', ''), // bad: no name
      );
      const r = await run(mixed);
      expect(r).toMatchObject({
        status: 'SUCCEEDED',
        rowsAccepted: 3,
        rowsRejected: 1,
        workersInserted: 1,
        workersUpdated: 0,
        appointmentsInserted: 1,
        appointmentsUpdated: 0,
        coverageInserted: 0,
        coverageUpdated: 1,
      });
      const [{ end }] = await ds.query(
        `SELECT period_end::text AS end FROM coverage_period WHERE worker_nik = $1`,
        [NIK.anggotaEndsEarly],
      );
      expect(end).toBe('2024-02-25');
      const [{ n }] = await ds.query('SELECT count(*)::int AS n FROM appointment');
      expect(n).toBe(7); // rows 1-6 of the first file and the new PTPS; nothing deleted
    });

    it('appointment.cover_segment / cover_wage follow coverage_period (bulk load, upsert, direct writes)', async () => {
      const drift = () =>
        ds.query(
          `SELECT a.worker_nik, a.role FROM appointment a LEFT JOIN coverage_period c
             USING (worker_nik, election_event, organisation, role)
            WHERE (a.cover_segment, a.cover_wage) IS DISTINCT FROM (c.segment, c.wage_base)`,
        );
      await run(csv(...ROWS.slice(0, 6))); // first load: written by the importer, triggers off
      expect(await drift()).toEqual([]);
      const [{ n }] = await ds.query(
        `SELECT count(*)::int AS n FROM appointment WHERE cover_wage IS NOT NULL`,
      );
      expect(n).toBeGreaterThan(0);
      await run(csv(ROWS[1].replace('2024-02-13,1100000', '2024-02-25,1100000'), ROWS[6], ROWS[7])); // upsert path
      expect(await drift()).toEqual([]);
      await ds.query(
        `UPDATE coverage_period SET wage_base = wage_base + 1, segment = 'BPU' WHERE worker_nik = $1`,
        [NIK.anggotaEndsEarly],
      );
      expect(await drift()).toEqual([]);
      await ds.query(`DELETE FROM coverage_period WHERE worker_nik = $1`, [NIK.anggotaEndsEarly]);
      expect(await drift()).toEqual([]);
      await ds.query(`TRUNCATE coverage_period`);
      expect(await drift()).toEqual([]);
      const [{ m }] = await ds.query(
        `SELECT count(*)::int AS m FROM appointment WHERE cover_wage IS NOT NULL`,
      );
      expect(m).toBe(0);
    });

    describe('a malformed file is refused as a whole and leaves the registry unchanged', () => {
      const cases: [string, () => Buffer, string, RegExp][] = [
        ['wrong delimiter', () => Buffer.from(SAMPLE.replace(/,/g, ';')), 'WRONG_DELIMITER', /";"/],
        [
          'missing column',
          () =>
            Buffer.from(
              SAMPLE.split('\n')
                .map((l) => l.split(',').slice(0, -1).join(','))
                .join('\n'),
            ),
          'MISSING_COLUMNS',
          /bpjs_branch/,
        ],
        [
          'non-UTF-8 bytes after good rows',
          () => Buffer.concat([Buffer.from(csv(ROWS[6])), Buffer.from([0x4e, 0x61, 0x6d, 0xe9, 0x0a])]),
          'NOT_UTF8',
          /UTF-8/,
        ],
        [
          '10 MB single line',
          () => Buffer.concat([Buffer.from(csv(ROWS[6])), Buffer.alloc(10 * 1024 * 1024, 0x61)]),
          'LINE_TOO_LONG',
          /longer than/,
        ],
        ['empty file', () => Buffer.alloc(0), 'EMPTY_FILE', /header/],
      ];
      it.each(cases)('%s', async (_name, file, code, message) => {
        await run(csv(...ROWS.slice(0, 2)));
        const before = await snapshot();
        const r = await run(file());
        expect(r.status).toBe('FAILED');
        expect(r.errorCode).toBe(code);
        expect(r.errorMessage).toMatch(message);
        expect(await snapshot()).toBe(before);
        const job = (await imports.job(r.id))!;
        expect(job).toMatchObject({ status: 'FAILED', error: { code } });
      });
    });

    it('imports a generated roster: valid NIKs, realistic proportions, gaps only in the chosen regions', async () => {
      const text = [...generateRoster({ rows: 3000, seed: 7, gapRegions: ['1102'] })].join('');
      expect(text.split('\n')[0]).toBe(ROSTER_COLUMNS.join(','));
      expect([...generateRoster({ rows: 3000, seed: 7, gapRegions: ['1102'] })].join('')).toBe(text); // deterministic
      const r = await run(text);
      expect(r).toMatchObject({ status: 'SUCCEEDED', rowsAccepted: 3000, rowsRejected: 0 });
      const roles = await ds.query(`SELECT role, count(*)::int AS n FROM appointment GROUP BY role`);
      const n = Object.fromEntries(roles.map((x: { role: string; n: number }) => [x.role, x.n]));
      expect(n.KPPS_ANGGOTA / n.PTPS).toBeCloseTo(6, 0);
      expect(n.LINMAS / n.PTPS).toBeCloseTo(2, 0);
      const gaps = await ds.query(
        `SELECT left(a.region_code, 4) AS regency, bool_or(c.worker_nik IS NOT NULL) AS any_covered
           FROM appointment a LEFT JOIN coverage_period c USING (worker_nik, election_event, organisation, role)
          GROUP BY 1 ORDER BY 1`,
      );
      for (const g of gaps) expect(g.any_covered).toBe(g.regency !== '1102');
    });

    it('the registry itself refuses malformed codes written in SQL (digit checks of NIK, region, participant)', async () => {
      await run(SAMPLE);
      const bad = async (sql: string, params: unknown[], codes = ['23514']) => {
        const err = await ds.query(sql, params).then(
          () => null,
          (e: { driverError?: { code?: string } }) => e.driverError?.code,
        );
        expect(codes).toContain(err); // check_violation (or, for the NIK, stored as a number: not a number at all)
      };
      const worker = `INSERT INTO adhoc_worker (nik, full_name, sex, birth_date) VALUES ($1, 'X', 'L', '1990-01-01')`;
      // the NIK is a bigint of 16 digits: letters are refused as not a number (22P02), 15 digits by the check
      for (const nik of ['530101120590000a', '5301011205900O01', '53010112059000 1', '5.30101120590001'])
        await bad(worker, [nik], ['22P02']);
      for (const nik of [
        '530101120590001',
        ' 530101120590001',
        '0530101120590001',
        '-5301011205900001',
        '53010112059000011',
      ])
        await bad(worker, [nik]);
      const appt = `UPDATE appointment SET region_code = $1 WHERE worker_nik = '${NIK.ketuaKpps}'`;
      for (const r of ['53010', '53010120', '530101200', '5301012OO1', '53010120é']) await bad(appt, [r]);
      const cov = `UPDATE coverage_period SET participant_number = $1 WHERE worker_nik = '${NIK.ketuaKpps}'`;
      for (const p of ['1234567', '1234567x', '12345678 ', '+12345678', '1234567é']) await bad(cov, [p]);
      // and the good ones still pass
      await ds.query(worker, ['5301011205909999']);
      await ds.query(appt, ['5301012002']);
      await ds.query(cov, ['12345678']);
    });

    describe('first load: the fast path (shadow tables swapped in) and the staging merge give the same registry', () => {
      // the registry, without ids and timestamps: agreements by PKS number (as JSON text: a NIK, a bigint of 16
      // digits, would lose its last digits as a JavaScript number)
      const registry = async () =>
        JSON.stringify(
          await Promise.all([
            ds.query(
              `SELECT (to_jsonb(w) - 'created_at' - 'updated_at')::text AS r FROM adhoc_worker w ORDER BY nik`,
            ),
            ds.query(
              `SELECT (to_jsonb(a) - 'created_at' - 'updated_at')::text AS r FROM appointment a
                ORDER BY worker_nik, election_event, organisation, role`,
            ),
            ds.query(
              `SELECT (to_jsonb(c) - 'created_at' - 'updated_at' - 'agreement_id')::text AS r, g.pks_number
                 FROM coverage_period c LEFT JOIN coverage_agreement g ON g.id = c.agreement_id
                ORDER BY c.worker_nik, c.election_event, c.organisation, c.role`,
            ),
            ds.query(
              `SELECT to_jsonb(g) - 'id' - 'created_at' - 'updated_at' AS r FROM coverage_agreement g ORDER BY pks_number`,
            ),
            ds.query(`SELECT row_number, field, reason FROM roster_import_reject ORDER BY row_number, field`),
            ds.query(
              `SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint
                WHERE conrelid IN ('adhoc_worker'::regclass, 'appointment'::regclass, 'coverage_period'::regclass)
                ORDER BY conname`,
            ),
            ds.query(
              `SELECT indexname, indexdef FROM pg_indexes
                WHERE tablename IN ('adhoc_worker', 'appointment', 'coverage_period') ORDER BY indexname`,
            ),
          ]),
        );
      // an importer with no spare connections (a pool of two): BulkLoad cannot start, the staging merge does it all
      let small: Pool;
      beforeAll(() => {
        small = new Pool({ connectionString: process.env.DATABASE_URL!, max: 2 });
      });
      afterAll(() => small.end());
      const runSmall = (text: string) =>
        new RosterImporter(async () => {
          const client = await small.connect();
          return { client, release: () => client.release() };
        }).import(Readable.from([Buffer.from(text)]), { source: 'TEST', fileName: 'small.csv' });

      const both = async (text: string) => {
        await reset();
        const fast = await run(text);
        const fastRegistry = await registry();
        await reset();
        const slow = await runSmall(text);
        expect(slow.mergeStrategy).toBe('INITIAL_LOAD');
        expect(await registry()).toBe(fastRegistry);
        const counts = (r: typeof fast) => ({ ...r, id: '', timings: null, mergeStrategy: null });
        expect(counts(fast)).toEqual(counts(slow));
        return fast;
      };

      it('a generated roster with gaps, bad rows and a quoted name', async () => {
        const lines = [...generateRoster({ rows: 2500, seed: 11, gapRegions: ['1102'] })]
          .join('')
          .trimEnd()
          .split('\n');
        // a bad row (the general path gives its reason) and a quoted field (not the byte fast path): both paths agree
        lines.push(lines[5].replace(/^\d{16}/, '123'));
        const f = lines[9].split(',');
        f[1] = `"${f[1]}, S.Pd."`;
        lines.push([f[0].slice(0, 12) + '9999', ...f.slice(1)].join(',')); // a new worker
        // names the binary rows carry as bytes: non-ASCII (the byte fast path) and a backslash (the general path,
        // escaped in the staging line and unescaped for the binary row)
        const g = lines[11].split(',');
        lines.push([g[0].slice(0, 12) + '9998', 'Ñoman Sütterlin', ...g.slice(2)].join(','));
        lines.push([g[0].slice(0, 12) + '9997', 'Back\\slash Ñ', ...g.slice(2)].join(','));
        const r = await both(lines.join('\n') + '\n');
        expect(r).toMatchObject({ status: 'SUCCEEDED', rowsRejected: 1, mergeStrategy: 'BULK_SWAP' });
        expect(r.rowsAccepted).toBe(2503);
        const [{ n }] = await ds.query(
          `SELECT count(*)::int AS n FROM adhoc_worker WHERE full_name LIKE '%, S.Pd.'`,
        );
        expect(n).toBe(1);
        const names = await ds.query(
          `SELECT full_name FROM adhoc_worker WHERE full_name IN ('Ñoman Sütterlin', 'Back\\slash Ñ') ORDER BY 1`,
        );
        expect(names.map((x: { full_name: string }) => x.full_name)).toEqual([
          'Back\\slash Ñ',
          'Ñoman Sütterlin',
        ]);
      });

      it('a NIK on several rows (two roles, and a duplicate row): the fast path gives way to the staging merge', async () => {
        const [first, ...rest] = ROWS;
        const f = first.split(',');
        // the same worker as ketua KPPS in the 2024 Pilkada too, and a duplicate of their Pemilu row
        const pilkada = [
          ...f.slice(0, 9),
          'PILKADA_2024',
          ...f.slice(10, 23),
          'PKS/KPU/5301/PILKADA_2024',
          f[24],
        ].join(',');
        const r = await both(csv(first, ...rest, pilkada, first));
        expect(r).toMatchObject({
          status: 'SUCCEEDED',
          rowsTotal: 10,
          rowsAccepted: 9,
          rowsRejected: 1,
          workersInserted: 8,
          appointmentsInserted: 9,
          mergeStrategy: 'INITIAL_LOAD',
        });
        const rejects = await ds.query(`SELECT row_number, field FROM roster_import_reject`);
        expect(rejects).toEqual([{ row_number: 11, field: 'role' }]);
        // the shadow tables are gone
        const [{ n }] = await ds.query(
          `SELECT count(*)::int AS n FROM pg_class WHERE relname ~ '_n[0-9a-f]{12}$'`,
        );
        expect(n).toBe(0);
      });

      it('a file on disk is read again instead of spooled; a file changed meanwhile fails and changes nothing', async () => {
        const [first, ...rest] = ROWS;
        const text = csv(first, ...rest, first); // a duplicate row: the fast path gives way, the file is read again
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sigap-roster-file-'));
        const file = path.join(dir, 'roster.csv');
        fs.writeFileSync(file, text);
        const spools = () =>
          fs.readdirSync(os.tmpdir()).filter((f) => /^sigap-roster-[0-9a-f-]{36}\.csv$/.test(f));
        const spoolsBefore = spools();
        let spoolsDuring: string[] = [];
        const viaStream = await both(text);
        const viaStreamRegistry = await registry();
        // the file through rosterFileSource, as the CLI reads it; onMerge runs as the merge starts
        const importFile = (onMerge: () => void) => {
          const source = rosterFileSource(file);
          return imports.importer().import(source.input, {
            source: 'TEST',
            fileName: 'roster.csv',
            reopen: source.reopen,
            onPhase: onMerge,
          });
        };
        await reset();
        const viaFile = await importFile(() => (spoolsDuring = spools()));
        expect(viaFile).toMatchObject({
          status: 'SUCCEEDED',
          mergeStrategy: 'INITIAL_LOAD',
          rowsRejected: 1,
        });
        expect({ ...viaFile, id: '', timings: null }).toEqual({ ...viaStream, id: '', timings: null });
        expect(await registry()).toBe(viaStreamRegistry);
        expect(spoolsDuring).toEqual(spoolsBefore);

        // the file is appended to while the fast path runs: the second read refuses, the import fails cleanly
        await reset();
        const failed = await importFile(() => fs.appendFileSync(file, `${ROWS[1]}\n`));
        expect(failed).toMatchObject({ status: 'FAILED', errorCode: 'IMPORT_FAILED' });
        expect(failed.errorMessage).toMatch(/changed while it was being imported/);
        const [{ n }] = await ds.query(
          `SELECT (SELECT count(*) FROM adhoc_worker) + (SELECT count(*) FROM appointment)
                  + (SELECT count(*) FROM coverage_period) AS n`,
        );
        expect(Number(n)).toBe(0);
        fs.rmSync(dir, { recursive: true, force: true });
      });
    });
  });

  describe('verification', () => {
    beforeAll(async () => {
      await reset();
      await run(SAMPLE);
    });
    const verify = (nik: string, date: string, program: 'JKK' | 'JKM' = 'JKK') =>
      verifier.verify(nik, date, program);

    it('COVERED on the first and on the last day of the term, with participant, period, wage base and months', async () => {
      const first = await verify(NIK.ketuaKpps, '2024-01-25');
      expect(first).toMatchObject({
        outcome: 'COVERED',
        nikChecked: true,
        participantNumber: '24000000001',
        period: {
          start: '2024-01-25',
          end: '2024-02-25',
          programs: ['JKK', 'JKM'],
          segment: 'PU',
          fundingSource: 'APBD',
        },
        wageBase: 1200000,
        wageBaseSource: 'HONORARIUM',
        contributionMonths: 1,
        appointment: {
          organisation: 'KPU',
          role: 'KPPS_KETUA',
          regionCode: '5301012001',
          tpsNumber: 1,
          electionEvent: 'PEMILU_2024',
          termStart: '2024-01-25',
          termEnd: '2024-02-25',
        },
      });
      expect(JSON.stringify(first)).not.toContain(NIK.ketuaKpps);
      const last = await verify(NIK.ketuaKpps, '2024-02-25', 'JKM');
      expect(last).toMatchObject({ outcome: 'COVERED', contributionMonths: 2 });
    });

    it('OUTSIDE_TERM the day before the term starts and the day after it ends', async () => {
      const before = await verify(NIK.ketuaKpps, '2024-01-24');
      expect(before).toMatchObject({
        outcome: 'OUTSIDE_TERM',
        reasons: [{ code: 'BEFORE_TERM' }],
        participantNumber: null,
      });
      const after = await verify(NIK.ketuaKpps, '2024-02-26');
      expect(after).toMatchObject({ outcome: 'OUTSIDE_TERM', reasons: [{ code: 'AFTER_TERM' }] });
    });

    it('NOT_COVERED when the coverage ended the day before; COVERED on its last day', async () => {
      expect(await verify(NIK.anggotaEndsEarly, '2024-02-13')).toMatchObject({
        outcome: 'COVERED',
        contributionMonths: 1,
      });
      const r = await verify(NIK.anggotaEndsEarly, '2024-02-14');
      expect(r).toMatchObject({
        outcome: 'NOT_COVERED',
        reasons: [{ code: 'COVERAGE_ENDED' }],
        contributionMonths: 1,
      });
      expect(r.appointment?.role).toBe('KPPS_ANGGOTA');
    });

    it('NOT_COVERED before the coverage starts within the term, COVERED from its first day', async () => {
      expect(await verify(NIK.ketuaPps, '2023-12-31')).toMatchObject({
        outcome: 'NOT_COVERED',
        reasons: [{ code: 'COVERAGE_NOT_STARTED' }],
        contributionMonths: 0,
      });
      expect(await verify(NIK.ketuaPps, '2024-01-01')).toMatchObject({
        outcome: 'COVERED',
        contributionMonths: 1,
      });
    });

    it('NOT_COVERED without any coverage period, and for a programme the period does not include', async () => {
      expect(await verify(NIK.uncovered, '2024-02-14')).toMatchObject({
        outcome: 'NOT_COVERED',
        reasons: [{ code: 'NO_COVERAGE_PERIOD' }],
        period: null,
        wageBase: null,
      });
      expect(await verify(NIK.linmasJkmOnly, '2024-02-14', 'JKK')).toMatchObject({
        outcome: 'NOT_COVERED',
        reasons: [{ code: 'PROGRAM_NOT_COVERED' }],
      });
      const jkm = await verify(NIK.linmasJkmOnly, '2024-02-14', 'JKM');
      expect(jkm.outcome).toBe('COVERED');
      expect(jkm.reasons.map((x) => x.code)).toContain('CONTRIBUTION_PENDING');
    });

    it('NO_RECORD for an unknown NIK; a malformed NIK is an input error', async () => {
      expect(await verify('5301011205900099', '2024-02-14')).toMatchObject({
        outcome: 'NO_RECORD',
        appointment: null,
        period: null,
        contributionMonths: 0,
        reasons: [{ code: 'NO_WORKER' }],
      });
      await expect(verify('12345', '2024-02-14')).rejects.toMatchObject({ field: 'nik' });
      await expect(verify(NIK.ketuaKpps, '2024-02-30')).rejects.toMatchObject({ field: 'incidentDate' });
    });

    it('verifyMany answers like verify, in order', async () => {
      const reqs = [
        { nik: NIK.ketuaKpps, incidentDate: '2024-02-14', program: 'JKK' as const },
        { nik: '5301011205900099', incidentDate: '2024-02-14', program: 'JKM' as const },
        { nik: NIK.anggotaEndsEarly, incidentDate: '2024-02-14', program: 'JKK' as const },
      ];
      const many = await verifier.verifyMany(reqs);
      const one = await Promise.all(reqs.map((r) => verifier.verify(r.nik, r.incidentDate, r.program)));
      expect(many).toEqual(one);
      expect(many.map((m) => m.outcome)).toEqual(['COVERED', 'NO_RECORD', 'NOT_COVERED']);
    });
  });

  describe('budget and gaps (hand-computed, docs/coverage.md "worked example")', () => {
    beforeAll(async () => {
      await reset();
      await run(SAMPLE);
    });

    it('budget for NTT (53), Pemilu 2024', async () => {
      const b = await reports.budget('53', 'PEMILU_2024');
      expect(b.lines).toEqual([
        { role: 'PPK_KETUA', headcount: 1, personMonths: 15, jkk: 375000, jkm: 102000, total: 477000 },
        { role: 'PPS_KETUA', headcount: 1, personMonths: 15, jkk: 54000, jkm: 67500, total: 121500 },
        { role: 'KPPS_KETUA', headcount: 1, personMonths: 2, jkk: 5760, jkm: 7200, total: 12960 },
        { role: 'KPPS_ANGGOTA', headcount: 3, personMonths: 6, jkk: 20694, jkm: 25866, total: 46560 },
        { role: 'LINMAS', headcount: 1, personMonths: 2, jkk: 3360, jkm: 4200, total: 7560 },
        { role: 'PTPS', headcount: 1, personMonths: 2, jkk: 3840, jkm: 4800, total: 8640 },
      ]);
      expect(b.totals).toEqual({ headcount: 8, personMonths: 42, jkk: 462654, jkm: 211566, total: 674220 });
      const kupang = await reports.budget('53.71', 'pemilu_2024');
      expect(kupang.totals).toEqual({ headcount: 1, personMonths: 2, jkk: 10134, jkm: 12666, total: 22800 });
    });

    it('gaps for NTT per kab/kota and role', async () => {
      const g = await reports.gaps('53', 'PEMILU_2024');
      expect(g.groupedBy).toBe('REGENCY');
      const uncovered = g.lines.filter((l) => l.uncovered > 0);
      expect(uncovered).toEqual([
        { region: '5301', role: 'KPPS_ANGGOTA', workers: 2, covered: 1, uncovered: 1, budgetToClose: 11880 },
        { region: '5301', role: 'PTPS', workers: 1, covered: 0, uncovered: 1, budgetToClose: 8640 },
      ]);
      expect(g.totals).toEqual({ workers: 8, covered: 6, uncovered: 2, budgetToClose: 20520 });
      expect((await reports.gaps('5301', 'PEMILU_2024')).groupedBy).toBe('DISTRICT');
      expect((await reports.gaps('11', 'PEMILU_2024')).lines).toEqual([]);
    });
  });

  describe('HTTP', () => {
    let app: INestApplication;
    let auth: { Authorization: string };
    beforeAll(async () => {
      useTestEnv('coverage');
      await reset();
      app = await startApi();
      auth = await loginAs(app, 'bpjs.officer');
    });
    afterAll(async () => app?.close());
    const agent = () => request(app.getHttpServer());
    /** every request authenticated (issue #6 put auth on every route) */
    const http = () => {
      const a = agent();
      const wrap = (m: 'get' | 'post') => (url: string) => a[m](url).set(auth);
      return { get: wrap('get'), post: wrap('post') };
    };

    it('POST /api/v1/rosters/imports takes a text/csv body and returns the job; GET shows status and rejects', async () => {
      const body = csv(...ROWS, ROWS[0].replace('5301011205900001', '530101120590'));
      const res = await http()
        .post('/api/v1/rosters/imports?fileName=sample.csv')
        .set('Content-Type', 'text/csv')
        .send(body)
        .expect(202);
      expect(res.body).toMatchObject({ id: expect.any(String), fileName: 'sample.csv' });
      let job = res.body;
      for (let i = 0; i < 100 && job.status === 'RUNNING'; i++) {
        await new Promise((r) => setTimeout(r, 100));
        job = (await http().get(`/api/v1/rosters/imports/${res.body.id}`).expect(200)).body;
      }
      expect(job).toMatchObject({
        status: 'SUCCEEDED',
        counts: { rowsTotal: 9, rowsAccepted: 8, rowsRejected: 1 },
      });
      expect(job.rejects).toEqual([
        { rowNumber: 10, field: 'nik', reason: expect.stringContaining('16 digits') },
      ]);
      await http().get('/api/v1/rosters/imports/7b0c2d4e-1111-4222-8333-944455556666').expect(404);
      await agent().get(`/api/v1/rosters/imports/${res.body.id}`).expect(401);
      const wrong = await http()
        .post('/api/v1/rosters/imports')
        .set('Content-Type', 'application/json')
        .send({})
        .expect(400);
      expect(wrong.headers['content-type']).toContain('application/problem+json');
    });

    it('POST /api/v1/coverage/verify answers without echoing the NIK; bad input is a problem+json', async () => {
      const res = await http()
        .post('/api/v1/coverage/verify')
        .send({ nik: NIK.ketuaKpps, incidentDate: '2024-02-14', program: 'JKK' })
        .expect(200);
      expect(res.body).toMatchObject({ outcome: 'COVERED', nikChecked: true, wageBase: 1200000 });
      expect(JSON.stringify(res.body)).not.toContain(NIK.ketuaKpps);
      const bad = await http()
        .post('/api/v1/coverage/verify')
        .send({ nik: '5301011205900000', incidentDate: '2024-02-14', program: 'JKK' })
        .expect(400);
      expect(bad.body.errors).toEqual([{ field: 'nik', message: expect.stringContaining('serial') }]);
      const fields = await http()
        .post('/api/v1/coverage/verify')
        .send({ nik: 'x', program: 'JKX' })
        .expect(400);
      expect(fields.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
        'incidentDate',
        'nik',
        'program',
      ]);
    });

    it("refuses budget and gaps of a region outside the caller's scope (the officer serves Bandung, not NTT)", async () => {
      const res = await http().get('/api/v1/coverage/budget?region=53&event=PEMILU_2024').expect(403);
      expect(res.body.detail).toContain('outside your scope');
      await http().get('/api/v1/coverage/gaps?region=5301&event=PEMILU_2024').expect(403);
    });

    it('GET budget and gaps as JSON and as CSV', async () => {
      auth = await loginAs(app, 'admin');
      const json = await http().get('/api/v1/coverage/budget?region=53&event=PEMILU_2024').expect(200);
      expect(json.body.totals.total).toBe(674220);
      const budgetCsv = await http()
        .get('/api/v1/coverage/budget?region=53&event=PEMILU_2024')
        .set('Accept', 'text/csv')
        .expect(200);
      expect(budgetCsv.headers['content-type']).toContain('text/csv');
      expect(budgetCsv.text.split('\n')[0]).toBe('role,headcount,personMonths,jkk,jkm,total');
      expect(budgetCsv.text).toContain('TOTAL,8,42,462654,211566,674220');
      const gaps = await http()
        .get('/api/v1/coverage/gaps?region=53&event=PEMILU_2024&format=csv')
        .expect(200);
      expect(gaps.text).toContain('5301,PTPS,1,0,1,8640');
      expect(gaps.text).toContain('TOTAL,,8,6,2,20520');
      const bad = await http().get('/api/v1/coverage/gaps?region=5301012001&event=PEMILU_2024').expect(400);
      expect(bad.body.errors[0].field).toBe('region');
    });
  });
});
