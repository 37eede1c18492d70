import { dataSourceOptions, MIGRATIONS, runMigrations } from '@sigap/persistence';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';

/**
 * Migrations with data to keep, undone and done again on a database of their own: FilingInOneFunction's down()
 * makes the three filing functions as before and filing works in both states; PaymentLedger backfills and flags;
 * BankHolderName's columns go and come back.
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

  /** undoes the migrations from `name` on (newest first); returns the names to redo, in order */
  async function undoFrom(migration: string): Promise<string[]> {
    const names = MIGRATIONS.map((m) => m.name);
    const from = names.indexOf(migration);
    expect(from).toBeGreaterThanOrEqual(0);
    for (let i = names.length - 1; i >= from; i--) await ds.undoLastMigration({ transaction: 'each' });
    return names.slice(from);
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
    expect(await resultColumns()).toBe(10);
    expect(await bankColumns()).toEqual(['bank_holder_name_enc', 'inquired_at', 'payee_match']);
    await fileEachWay('new');

    const redo = await undoFrom('FilingInOneFunction1763901500000');
    expect(await bankColumns()).toEqual([]);
    expect(await resultColumns()).toBe(8);
    await fileEachWay('old');

    expect(await runMigrations(url.toString())).toEqual(redo);
    expect(await resultColumns()).toBe(10);
    expect(await bankColumns()).toEqual(['bank_holder_name_enc', 'inquired_at', 'payee_match']);
    await fileEachWay('redone');
  });

  it('PaymentLedger keeps payments that already broke its invariants, flagged, and holds them from then on', async () => {
    const redo = await undoFrom('PaymentLedger1763901600000');
    const workerNik = String(++nik);
    const incident = async () =>
      (
        await ds.query(
          `INSERT INTO incident (worker_nik, incident_type, occurred_at, reported_at, region_code)
           VALUES ($1, 'DEATH', now(), now(), '3273') RETURNING id`,
          [workerNik],
        )
      )[0].id;
    const claimOf = async (incidentId: string) => {
      const claimNumber = `MIG-${randomUUID().slice(0, 8)}`;
      await ds.query(
        `INSERT INTO claim (claim_number, incident_id, tracking_code_hash, stage, regency_code)
         VALUES ($1, $2, repeat('0', 64), 'PAID', '3273')`,
        [claimNumber, incidentId],
      );
      const [acc] = await ds.query(
        `INSERT INTO claim_bank_account (claim_number, bank_code, account_number_enc, holder_name_enc, masked,
                                         registered_by)
         VALUES ($1, 'BRI', 'x', 'x', 'BRI ****7890', 'test') RETURNING id`,
        [claimNumber],
      );
      return { claimNumber, accountId: acc.id };
    };
    const pay = (c: { claimNumber: string; accountId: string }, lineKey: string) =>
      ds.query(
        `INSERT INTO claim_payment (idempotency_key, claim_number, line_key, account_id, amount, payer, status)
         VALUES ($1, $2, $3, $4, 42000000, 'BPJS_TK', 'COMPLETED')`,
        [randomUUID(), c.claimNumber, lineKey, c.accountId],
      );
    const incA = await incident();
    const original = await claimOf(incA);
    const reopened = await claimOf(incA); // the old reopen: same incident, new claim number
    const otherDay = await claimOf(await incident()); // the same worker's death reported for another day
    await pay(original, 'JKM_LUMP_SUM');
    await pay(reopened, 'JKM_LUMP_SUM');
    await pay(otherDay, 'JKM_LUMP_SUM');
    await pay(original, 'STMB:month-2@2024-04-14');
    await pay(original, 'STMB:month-2');

    expect(await runMigrations(url.toString())).toEqual(redo);
    const rows: { claim_number: string; item_key: string; worker_key: string | null; ledger_flag: string }[] =
      await ds.query(
        `SELECT claim_number, item_key, worker_key, ledger_flag FROM claim_payment p
           JOIN incident i ON i.id = p.incident_id WHERE i.worker_nik = $1 ORDER BY p.created_at, p.line_key`,
        [workerNik],
      );
    const flags = rows.map((r) => [r.claim_number === original.claimNumber, r.item_key, r.ledger_flag]);
    expect(flags).toEqual(
      expect.arrayContaining([
        [false, 'JKM_LUMP_SUM', 'DUPLICATE_ITEM_BEFORE_LEDGER'],
        [false, 'JKM_LUMP_SUM', 'DUPLICATE_DEATH_BENEFIT_BEFORE_LEDGER'],
      ]),
    );
    expect(
      rows
        .filter((r) => r.ledger_flag === null)
        .map((r) => r.item_key)
        .sort(),
    ).toEqual(['JKM_LUMP_SUM', 'STMB:month-2']);
    expect(rows.find((r) => r.item_key === 'JKM_LUMP_SUM')!.worker_key).toBe('BPJS_DEATH');
    // from now on the constraint holds against any writer
    await expect(
      ds.query(
        `INSERT INTO claim_payment (idempotency_key, claim_number, line_key, account_id, amount, payer, status,
                                    incident_id, item_key, worker_nik, worker_key)
         VALUES ($1, $2, 'JKM_LUMP_SUM', $3, 42000000, 'BPJS_TK', 'REQUESTED', $4, 'JKM_LUMP_SUM', $5, 'BPJS_DEATH')`,
        [randomUUID(), reopened.claimNumber, reopened.accountId, incA, workerNik],
      ),
    ).rejects.toThrow(/claim_payment_item_once/);
  });
});
