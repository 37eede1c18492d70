/**
 * The demo roster of `npm start`: a small synthetic roster (roster/generator.ts) for the regions of the demo users
 * (Kota Bandung 32.73 and Kabupaten Bandung 32.04, libs/auth demo-users.ts), imported through the roster importer
 * when the registry is empty, so that demo claims filed there find coverage and the gap report has covered and
 * uncovered workers. Idempotent: once the registry holds a worker (this roster, a real one, anything), it does
 * nothing. Uses only the importer's public API (RosterImporter.import).
 */
import type { Pool } from 'pg';
import { generateRoster, type GeneratorOptions } from './roster/generator';
import { RosterImporter } from './roster/roster-importer';

/** Kota Bandung and Kabupaten Bandung: the scopes of the demo users (kpu.kotabandung, bpjs.*; kpu.jabar: all of 32). */
export const DEMO_ROSTER_REGIONS = ['3273', '3204'];
/**
 * Nobody is covered in desa 2002 of the first kecamatan of each kab/kota and in the whole second kecamatan of
 * Kabupaten Bandung: the gap report of 32, 3273 or 3204 shows covered and uncovered workers (from about 230 rows).
 */
export const DEMO_ROSTER_GAP_REGIONS = ['3273012002', '3204012002', '320402'];
export const DEMO_ROSTER_DEFAULT_ROWS = 4000;
export const DEMO_ROSTER_SEED = 2024;
export const DEMO_ROSTER_FILE_NAME = 'demo-roster.csv';
/** Held while checking and importing, so two concurrent seeders do not both load. */
const ADVISORY_LOCK_KEY = 0x5167_4452; // 'SgDR'

export interface DemoRosterOptions {
  /** rows to generate; 0 disables the demo roster. Default DEMO_ROSTER_DEFAULT_ROWS. */
  rows?: number;
  seed?: number;
  regions?: string[];
  gapRegions?: string[];
}

/** A worker of the demo roster, to try a claim with (synthetic data). */
export interface DemoRosterWorker {
  nik: string;
  role: string;
  regionCode: string;
  tpsNumber: number | null;
  termStart: string;
  termEnd: string;
  covered: boolean;
}

export type DemoRosterResult =
  | { status: 'DISABLED' }
  /** the registry already holds workers (or another seeder is loading it): nothing imported */
  | { status: 'SKIPPED'; reason: 'REGISTRY_NOT_EMPTY' | 'LOCKED' }
  | {
      status: 'IMPORTED';
      importId: string;
      rows: number;
      rejected: number;
      covered: number;
      uncovered: number;
      regions: string[];
      ms: number;
      /** one covered and one uncovered KPPS anggota of the first region, when the roster has them */
      examples: { covered: DemoRosterWorker | null; uncovered: DemoRosterWorker | null };
    }
  | { status: 'FAILED'; importId: string; errorCode: string | null; errorMessage: string | null };

/**
 * Imports the demo roster if the coverage registry is empty (no `adhoc_worker` row). `pool` lends one connection for
 * the lock (held during the import) and the importer's connections (it opens several at once, more on a first load
 * into an empty registry): keep its `max` at pg's default of 10, a small pool can leave the import waiting forever.
 */
export async function seedDemoRoster(pool: Pool, opts: DemoRosterOptions = {}): Promise<DemoRosterResult> {
  const rows = opts.rows ?? DEMO_ROSTER_DEFAULT_ROWS;
  if (!Number.isInteger(rows) || rows < 0) throw new Error(`demo roster: ${rows} is not a row count`);
  if (rows === 0) return { status: 'DISABLED' };
  const regions = opts.regions ?? DEMO_ROSTER_REGIONS;
  const gen: GeneratorOptions = {
    rows,
    seed: opts.seed ?? DEMO_ROSTER_SEED,
    regions,
    gapRegions: opts.gapRegions ?? DEMO_ROSTER_GAP_REGIONS,
  };
  const chunks = generateRoster(gen);
  let first: IteratorResult<string>;
  try {
    first = chunks.next(); // a wrong region or too many rows throws here, before anything is written
  } catch (e) {
    throw new Error(`demo roster: ${(e as Error).message}`);
  }

  const lock = await pool.connect();
  try {
    const [{ locked }] = (await lock.query('SELECT pg_try_advisory_lock($1) AS locked', [ADVISORY_LOCK_KEY])).rows;
    if (!locked) return { status: 'SKIPPED', reason: 'LOCKED' };
    try {
      const { rows: any } = await lock.query('SELECT 1 FROM adhoc_worker LIMIT 1');
      if (any.length) return { status: 'SKIPPED', reason: 'REGISTRY_NOT_EMPTY' };

      const started = Date.now();
      const importer = new RosterImporter(async () => {
        const client = await pool.connect();
        return { client, release: () => client.release() };
      });
      async function* input(): AsyncGenerator<Uint8Array> {
        for (let next = first; !next.done; next = chunks.next()) yield Buffer.from(next.value);
      }
      const r = await importer.import(input(), { source: 'CLI', fileName: DEMO_ROSTER_FILE_NAME });
      if (r.status !== 'SUCCEEDED') {
        return { status: 'FAILED', importId: r.id, errorCode: r.errorCode, errorMessage: r.errorMessage };
      }
      const [counts] = (
        await lock.query(
          `SELECT count(c.worker_nik)::int AS covered, (count(*) - count(c.worker_nik))::int AS uncovered
             FROM appointment a
             LEFT JOIN coverage_period c USING (worker_nik, election_event, organisation, role)`,
        )
      ).rows;
      const examples = await lock.query(
        `SELECT DISTINCT ON (c.worker_nik IS NOT NULL)
                a.worker_nik AS nik, a.role, a.region_code AS "regionCode", a.tps_number AS "tpsNumber",
                a.term_start::text AS "termStart", a.term_end::text AS "termEnd", c.worker_nik IS NOT NULL AS covered
           FROM appointment a
           LEFT JOIN coverage_period c USING (worker_nik, election_event, organisation, role)
          WHERE a.role = 'KPPS_ANGGOTA' AND a.region_code LIKE $1
          ORDER BY c.worker_nik IS NOT NULL, a.region_code, a.tps_number, a.worker_nik`,
        [`${regions[0].replace(/\./g, '')}%`],
      );
      const pick = (covered: boolean): DemoRosterWorker | null =>
        (examples.rows as DemoRosterWorker[]).find((w) => w.covered === covered) ?? null;
      return {
        status: 'IMPORTED',
        importId: r.id,
        rows: r.rowsAccepted,
        rejected: r.rowsRejected,
        covered: counts.covered,
        uncovered: counts.uncovered,
        regions,
        ms: Date.now() - started,
        examples: { covered: pick(true), uncovered: pick(false) },
      };
    } finally {
      await lock.query('SELECT pg_advisory_unlock($1)', [ADVISORY_LOCK_KEY]);
    }
  } finally {
    lock.release();
  }
}
