import { decryptField, HttpBankGateway, PaymentsService, type PaymentGateway } from '@sigap/claims';
import { dataSourceOptions } from '@sigap/persistence';
import { ApplicationFailure } from '@temporalio/common';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { HOLDER_NAME_MISMATCH, type BankSim } from '../apps/bank-sim/src/bank-sim';
import { startTestBank, testNik } from './support/claims';

/**
 * The payee check on real PostgreSQL and the real bank simulator: PaymentsService.inquireAccount keeps the holder
 * name the bank returned (encrypted) and compares it with the heir (death) or the worker (otherwise).
 */
describe('payee check: inquireAccount', () => {
  let ds: DataSource;
  let bank: BankSim;
  let payments: PaymentsService;

  beforeAll(async () => {
    ds = await new DataSource(dataSourceOptions(process.env.DATABASE_URL!, 2)).initialize();
    bank = await startTestBank();
    payments = new PaymentsService(ds, new HttpBankGateway(bank.url, 2000));
  });
  const created: { claimNumber: string; incidentId: string; nik: string }[] = [];
  afterAll(async () => {
    // the rows go again: other test files count claims by stage and region
    for (const c of created) {
      // a test's approval event goes too (the timeline is append-only for the system; this is test clean-up)
      await ds.transaction(async (m) => {
        await m.query(`SET LOCAL session_replication_role = replica`);
        await m.query(`DELETE FROM claim_event WHERE claim_number = $1`, [c.claimNumber]);
      });
      await ds.query(`DELETE FROM claim_payment WHERE claim_number = $1`, [c.claimNumber]);
      await ds.query(`DELETE FROM claim_bank_account WHERE claim_number = $1`, [c.claimNumber]);
      await ds.query(`DELETE FROM claim WHERE claim_number = $1`, [c.claimNumber]);
      await ds.query(`DELETE FROM incident WHERE id = $1`, [c.incidentId]);
      await ds.query(`DELETE FROM adhoc_worker WHERE nik = $1`, [c.nik]);
    }
    await bank?.close();
    await ds?.destroy();
  });

  let serial = 0;
  /** An incident and its claim, straight into the tables; `worker` puts the worker into the roster. */
  async function claim(o: {
    incidentType: 'DEATH' | 'ACCIDENT';
    determination?: string;
    worker?: string;
  }): Promise<string> {
    const nik = testNik();
    if (o.worker) {
      await ds.query(
        `INSERT INTO adhoc_worker (nik, full_name, sex, birth_date) VALUES ($1, $2, 'L', '1980-01-01')
         ON CONFLICT (nik) DO UPDATE SET full_name = EXCLUDED.full_name`,
        [nik, o.worker],
      );
    }
    const [incident] = await ds.query(
      `INSERT INTO incident (worker_nik, incident_type, occurred_at, reported_at, region_code)
       VALUES ($1, $2, now() - interval '1 day', now(), '3273011001') RETURNING id`,
      [nik, o.incidentType],
    );
    const claimNumber = `TEST-PAYEE-${randomUUID().slice(0, 8)}-${++serial}`;
    created.push({ claimNumber, incidentId: incident.id, nik });
    await ds.query(
      `INSERT INTO claim (claim_number, incident_id, tracking_code_hash, stage, regency_code, determination)
       VALUES ($1, $2, $3, 'PAYOUT', '3273', $4)`,
      [claimNumber, incident.id, 'a'.repeat(64), o.determination ?? null],
    );
    return claimNumber;
  }

  let accountSerial = 4_000_000_000;
  /** Registers an account for the claim (typed holder name) and, unless `bankHolder` is null, opens it at the bank. */
  async function account(
    claimNumber: string,
    typedHolder: string,
    bankHolder: string | null,
    accountNumber = String(++accountSerial),
  ): Promise<string> {
    if (bankHolder !== null) bank.openAccount({ bankCode: 'BNI', accountNumber, holderName: bankHolder });
    const r = await payments.registerAccount({
      claimNumber,
      bankCode: 'BNI',
      accountNumber,
      holderName: typedHolder,
      registeredBy: 'test',
    });
    return r.accountId;
  }

  const stored = async (accountId: string) => {
    const [row] = await ds.query(
      `SELECT bank_holder_name_enc, payee_match, inquired_at, row_to_json(a)::text AS whole
         FROM claim_bank_account a WHERE id = $1`,
      [accountId],
    );
    return row as {
      bank_holder_name_enc: string | null;
      payee_match: string | null;
      inquired_at: Date | null;
      whole: string;
    };
  };

  it('MATCH for a death: the bank’s holder is the heir as registered; the name is stored encrypted', async () => {
    const n = await claim({ incidentType: 'DEATH', worker: 'Budi Santoso' });
    const id = await account(n, 'Hj. Siti Aminah, S.Pd.', 'SITI AMINAH');
    expect(await payments.inquireAccount({ claimNumber: n, accountId: id })).toEqual({
      valid: true,
      payeeMatch: 'MATCH',
    });
    const row = await stored(id);
    expect(row.payee_match).toBe('MATCH');
    expect(row.inquired_at).toBeInstanceOf(Date);
    expect(row.bank_holder_name_enc).toMatch(/^v1:/);
    expect(decryptField(row.bank_holder_name_enc!)).toBe('SITI AMINAH');
    // nowhere in the row in clear
    expect(row.whole.toUpperCase()).not.toContain('SITI');
    expect(row.whole.toUpperCase()).not.toContain('AMINAH');
  });

  it('MISMATCH when the bank answers another holder (fault); the note names nobody; then MATCH again', async () => {
    const n = await claim({ incidentType: 'DEATH' });
    const id = await account(n, 'Siti Aminah', 'Siti Aminah');
    bank.faults.holderNameMismatch = 1;
    const r = await payments.inquireAccount({ claimNumber: n, accountId: id });
    expect(r).toMatchObject({ valid: true, payeeMatch: 'MISMATCH' });
    expect(r.payeeMatchNote).toMatch(/differs/);
    expect(r.payeeMatchNote).toMatch(/heir/);
    expect(JSON.stringify(r).toUpperCase()).not.toMatch(/SITI|AMINAH|BUKAN|PEMILIK/);
    let row = await stored(id);
    expect(row.payee_match).toBe('MISMATCH');
    expect(decryptField(row.bank_holder_name_enc!)).toBe(HOLDER_NAME_MISMATCH);
    expect(row.whole).not.toContain(HOLDER_NAME_MISMATCH);

    expect(await payments.inquireAccount({ claimNumber: n, accountId: id })).toEqual({
      valid: true,
      payeeMatch: 'MATCH',
    });
    row = await stored(id);
    expect(row.payee_match).toBe('MATCH');
    expect(decryptField(row.bank_holder_name_enc!)).toBe('Siti Aminah');
  });

  it('an account never opened at the bank is invalid (ACCOUNT_NOT_FOUND); nothing is matched', async () => {
    const n = await claim({ incidentType: 'DEATH' });
    const id = await account(n, 'Siti Aminah', null);
    expect(await payments.inquireAccount({ claimNumber: n, accountId: id })).toEqual({
      valid: false,
      reason: 'ACCOUNT_NOT_FOUND',
    });
    const row = await stored(id);
    expect(row.payee_match).toBeNull();
    expect(row.bank_holder_name_enc).toBeNull();
    expect(row.inquired_at).toBeInstanceOf(Date);
  });

  it('numbers starting with 000 stay invalid although opened', async () => {
    const n = await claim({ incidentType: 'DEATH' });
    const id = await account(n, 'Siti Aminah', 'Siti Aminah', '0001234567');
    expect(await payments.inquireAccount({ claimNumber: n, accountId: id })).toMatchObject({ valid: false });
  });

  it('an accident pays the worker: the roster’s name, not the holder name typed at registration', async () => {
    const n = await claim({ incidentType: 'ACCIDENT', worker: 'Muhammad Ridwan' });
    const toWorker = await account(n, 'Istri Pekerja', 'M RIDWAN');
    expect(await payments.inquireAccount({ claimNumber: n, accountId: toWorker })).toEqual({
      valid: true,
      payeeMatch: 'MATCH',
    });
    // typed and bank names agree, but the account is not the worker's
    const toSomeoneElse = await account(n, 'Siti Aminah', 'Siti Aminah');
    const r = await payments.inquireAccount({ claimNumber: n, accountId: toSomeoneElse });
    expect(r).toMatchObject({ valid: true, payeeMatch: 'MISMATCH' });
    expect(r.payeeMatchNote).toMatch(/worker's name in the roster/);
    expect(r.payeeMatchNote).not.toMatch(/Siti|Ridwan/i);
  });

  it('an accident of a worker not in the roster: compared with the holder name as registered', async () => {
    const n = await claim({ incidentType: 'ACCIDENT' });
    const same = await account(n, 'Budi Santoso', 'BUDI SANTOSO');
    expect(await payments.inquireAccount({ claimNumber: n, accountId: same })).toEqual({
      valid: true,
      payeeMatch: 'MATCH',
    });
    const other = await account(n, 'Budi Santoso', 'Agus Salim');
    const r = await payments.inquireAccount({ claimNumber: n, accountId: other });
    expect(r).toMatchObject({ payeeMatch: 'MISMATCH' });
    expect(r.payeeMatchNote).toMatch(/not in the roster/);
  });

  it.each(['JKK_DEATH', 'JKM_DEATH'])(
    'an accident determined as %s pays the heir, not the worker',
    async (determination) => {
      const n = await claim({ incidentType: 'ACCIDENT', determination, worker: 'Muhammad Ridwan' });
      const id = await account(n, 'Siti Aminah', 'SITI AMINAH');
      expect(await payments.inquireAccount({ claimNumber: n, accountId: id })).toEqual({
        valid: true,
        payeeMatch: 'MATCH',
      });
    },
  );

  it('UNKNOWN when the bank returns no holder name', async () => {
    const nameless: PaymentGateway = {
      inquire: async () => ({ valid: true, holderName: '  ' }),
      transfer: async () => {
        throw new Error('not used');
      },
    };
    const n = await claim({ incidentType: 'DEATH' });
    const id = await account(n, 'Siti Aminah', 'Siti Aminah');
    const r = await new PaymentsService(ds, nameless).inquireAccount({ claimNumber: n, accountId: id });
    expect(r).toMatchObject({ valid: true, payeeMatch: 'UNKNOWN' });
    expect(r.payeeMatchNote).toMatch(/no holder name/);
    const row = await stored(id);
    expect(row.payee_match).toBe('UNKNOWN');
    expect(row.bank_holder_name_enc).toBeNull();
  });

  describe('a bank that refuses the request (4xx): BankRejected, not retryable', () => {
    let server: http.Server;
    let refusing: PaymentsService;
    beforeAll(async () => {
      server = http.createServer((req, res) => {
        req.resume();
        req.on('end', () => {
          res.writeHead(401, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ code: 'UNAUTHORIZED' }));
        });
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      refusing = new PaymentsService(ds, new HttpBankGateway(url, 2000));
    });
    afterAll(() => new Promise<void>((r) => server.close(() => r())));

    const rejected = (err: unknown) => {
      expect(err).toBeInstanceOf(ApplicationFailure);
      expect(err).toMatchObject({ type: 'BankRejected', nonRetryable: true });
      expect((err as Error).message).toMatch(/401 UNAUTHORIZED/);
    };

    it('inquiry', async () => {
      const n = await claim({ incidentType: 'DEATH' });
      const id = await account(n, 'Siti Aminah', 'Siti Aminah');
      rejected(await refusing.inquireAccount({ claimNumber: n, accountId: id }).catch((e: unknown) => e));
      expect((await stored(id)).inquired_at).toBeNull();
    });

    it('transfer: the payment is marked BANK_REJECTED (out of flight) and not retried', async () => {
      const n = await claim({ incidentType: 'DEATH' });
      const id = await account(n, 'Siti Aminah', 'Siti Aminah');
      // the ledger pays only approved claims: the approval of this payee, as the workflow records it
      await ds.query(
        `INSERT INTO claim_event (claim_number, seq, type, stage, actor, occurred_at, after)
         VALUES ($1, 1, 'APPROVED', 'PAYOUT', 'supervisor', now(), $2)`,
        [
          n,
          JSON.stringify({
            stage: 'PAYOUT',
            approval: {
              benefitVersion: 1,
              payeeAccountId: id,
              committedByPayer: { BPJS_TK: 50_000_000 },
              approvers: ['supervisor'],
            },
          }),
        ],
      );
      const key = randomUUID();
      const err = await refusing
        .transfer({
          claimNumber: n,
          accountId: id,
          lineKey: 'JKM:DEATH',
          amount: 42_000_000,
          payer: 'BPJS_TK',
          idempotencyKey: key,
        })
        .catch((e: unknown) => e);
      rejected(err);
      const [p] = await ds.query(`SELECT status FROM claim_payment WHERE idempotency_key = $1`, [key]);
      expect(p.status).toBe('BANK_REJECTED');
    });
  });
});
