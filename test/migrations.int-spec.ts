import { dataSourceOptions, MIGRATIONS, runMigrations } from '@sigap/persistence';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';

/**
 * The filing functions' latest migration (FilingInOneFunction) can be undone and done again on a database of its
 * own: its down() makes the three functions as before, and filing works in both states. The payee check's columns
 * (BankHolderName, after it) are undone first and come back with it.
 */
describe('migrations: filing in one function', () => {
  const name = `sigap_mig_${randomUUID().slice(0, 8)}`;
  const url = new URL(process.env.DATABASE_URL!);
  let admin: Client;
  let ds: DataSource;

  beforeAll(async () => {
    admin = new Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    url.pathname = `/${name}`;
    await runMigrations(url.toString());
    ds = await new DataSource(dataSourceOptions(url.toString(), 2)).initialize();
  });
  afterAll(async () => {
    await ds?.destroy();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  let nik = 3273010101900000;
  const args = () => [
    String(++nik),
    'ACCIDENT',
    new Date(Date.now() - 3600e3),
    new Date(),
    '3273011001',
    4,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    'a'.repeat(64),
    false,
  ];
  const resultColumns = async () =>
    (
      await ds.query(
        `SELECT array_length(proallargtypes, 1) - 1 AS columns FROM pg_proc WHERE proname = 'file_incidents_once'`,
      )
    )[0].columns as number;

  async function fileEachWay(tag: string): Promise<void> {
    const [alone] = await ds.query(
      `SELECT * FROM file_incident($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
      args(),
    );
    expect([alone.joined, alone.stage, alone.late_report]).toEqual([false, 'REPORTED', false]);
    const key = `${tag}-${randomUUID()}`;
    const retried = args();
    const once = () =>
      ds.query(
        `SELECT * FROM file_incident_once($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16,
                                          $17, $18, $19, $20)`,
        ['test-migration', key, 'b'.repeat(64), 'ABCDEFGHJK', ...retried],
      );
    const [first] = await once();
    const [again] = await once();
    expect([first.status_code, first.replayed, again.replayed]).toEqual([201, false, true]);
    expect(again.response).toBe(first.response);
    expect(JSON.parse(first.response)).toMatchObject({ trackingCode: 'ABCDEFGHJK', stage: 'REPORTED' });
  }

  const bankColumns = async (): Promise<string[]> =>
    (
      await ds.query(
        `SELECT column_name FROM information_schema.columns
          WHERE table_name = 'claim_bank_account' AND column_name IN ('bank_holder_name_enc', 'payee_match', 'inquired_at')
          ORDER BY column_name`,
      )
    ).map((r: { column_name: string }) => r.column_name);

  it('files with the new functions, after undoing it with the old ones, and again once redone', async () => {
    expect(MIGRATIONS.slice(-2).map((m) => m.name)).toEqual([
      'FilingInOneFunction1763901500000',
      'BankHolderName1763901800000',
    ]);
    expect(await resultColumns()).toBe(10);
    expect(await bankColumns()).toEqual(['bank_holder_name_enc', 'inquired_at', 'payee_match']);
    await fileEachWay('new');

    // BankHolderName (the payee check's columns) first: its down() drops the three columns
    await ds.undoLastMigration({ transaction: 'each' });
    expect(await bankColumns()).toEqual([]);
    expect(await resultColumns()).toBe(10);

    await ds.undoLastMigration({ transaction: 'each' });
    expect(await resultColumns()).toBe(8);
    await fileEachWay('old');

    expect(await runMigrations(url.toString())).toEqual([
      'FilingInOneFunction1763901500000',
      'BankHolderName1763901800000',
    ]);
    expect(await resultColumns()).toBe(10);
    expect(await bankColumns()).toEqual(['bank_holder_name_enc', 'inquired_at', 'payee_match']);
    await fileEachWay('redone');
  });
});
