import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The registry's key columns hold codes, not words: NIKs (16 digits), election events (PEMILU_2024), organisations,
 * roles (KPPS_ANGGOTA) and region codes (digits). They get the "C" collation: byte order, which for these
 * characters is the order anyone expects, and which PostgreSQL compares with memcmp and abbreviated keys instead of
 * the database locale's strcoll (the default collation of a cluster made with en_US.UTF-8 or C.UTF-8). The keys
 * of a first load of the national roster (3 × 6 M entries) are sorted several times faster, and every lookup by key
 * compares faster. Equality is the same under both collations, so no query changes meaning; a parameter or a column
 * of the default collation compared with these columns takes "C".
 */
const COLUMNS: Record<string, [string, string][]> = {
  adhoc_worker: [['nik', 'char(16)']],
  appointment: [
    ['worker_nik', 'char(16)'],
    ['election_event', 'varchar(32)'],
    ['organisation', 'varchar(8)'],
    ['role', 'varchar(24)'],
    ['region_code', 'varchar(10)'],
  ],
  coverage_period: [
    ['worker_nik', 'char(16)'],
    ['election_event', 'varchar(32)'],
    ['organisation', 'varchar(8)'],
    ['role', 'varchar(24)'],
  ],
};

export class RegistryCodesCollationC1763900800000 implements MigrationInterface {
  name = 'RegistryCodesCollationC1763900800000';

  async up(q: QueryRunner): Promise<void> {
    await this.collate(q, ' COLLATE "C"');
  }

  async down(q: QueryRunner): Promise<void> {
    await this.collate(q, ' COLLATE "default"');
  }

  /** the foreign keys between the three tables are dropped, the columns changed (keys rebuilt), the keys re-added */
  private async collate(q: QueryRunner, collate: string): Promise<void> {
    const fks: { tbl: string; name: string; def: string }[] = await q.query(
      `SELECT conrelid::regclass::text AS tbl, conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint
        WHERE contype = 'f' AND conrelid IN ('appointment'::regclass, 'coverage_period'::regclass)
          AND confrelid IN ('adhoc_worker'::regclass, 'appointment'::regclass)`,
    );
    for (const k of fks) await q.query(`ALTER TABLE ${k.tbl} DROP CONSTRAINT "${k.name}"`);
    for (const [table, cols] of Object.entries(COLUMNS))
      await q.query(
        `ALTER TABLE ${table} ${cols.map(([c, type]) => `ALTER COLUMN ${c} TYPE ${type}${collate}`).join(', ')}`,
      );
    for (const k of fks) await q.query(`ALTER TABLE ${k.tbl} ADD CONSTRAINT "${k.name}" ${k.def}`);
  }
}
