import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startBankSim, type BankSim } from '../../../../apps/bank-sim/src/bank-sim';
import { BankRejectedError, BankUnavailableError, HttpBankGateway } from './payment-gateway';

/** HttpBankGateway against the bank simulator, and against a bank that answers any status asked of it. */
describe('HttpBankGateway', () => {
  let sim: BankSim;
  let gw: HttpBankGateway;
  const account = { bankCode: 'BNI', accountNumber: '1234567890', holderName: 'Siti Aminah' };
  const order = (over: Partial<Parameters<HttpBankGateway['transfer']>[0]> = {}) => ({
    idempotencyKey: 'k-1',
    amount: 250_000,
    account,
    reference: 'CLM-1 JKM:DEATH',
    ...over,
  });

  beforeAll(async () => {
    sim = await startBankSim({ accounts: [account] });
    gw = new HttpBankGateway(sim.url, 1000);
  });
  afterAll(() => sim.close());
  beforeEach(() => {
    sim.faults = { ...sim.faults, fail5xx: 0, holderNameMismatch: 0 };
  });

  it('passes the holder name of an inquiry through', async () => {
    expect(await gw.inquire(account)).toEqual({ valid: true, holderName: 'Siti Aminah' });
    sim.faults.holderNameMismatch = 1;
    expect(await gw.inquire(account)).toEqual({ valid: true, holderName: 'BUKAN PEMILIK' });
  });

  it('an account never opened is invalid, with the bank’s reason', async () => {
    expect(await gw.inquire({ bankCode: 'BNI', accountNumber: '5555555555' })).toEqual({
      valid: false,
      reason: 'ACCOUNT_NOT_FOUND',
    });
  });

  it('transfers, replays, and reports an invalid account', async () => {
    expect(await gw.transfer(order({ idempotencyKey: 'k-ok' }))).toMatchObject({
      kind: 'COMPLETED',
      replayed: false,
    });
    expect(await gw.transfer(order({ idempotencyKey: 'k-ok' }))).toMatchObject({ replayed: true });
    expect(
      await gw.transfer(
        order({ idempotencyKey: 'k-unknown', account: { ...account, accountNumber: '5555555555' } }),
      ),
    ).toMatchObject({ kind: 'INVALID_ACCOUNT' });
  });

  it('a transfer without an idempotency key or with a bad amount is rejected, not retryable', async () => {
    const before = sim.ledger.length;
    const noKey = await gw.transfer(order({ idempotencyKey: '' })).catch((e: unknown) => e);
    expect(noKey).toBeInstanceOf(BankRejectedError);
    expect(noKey).toMatchObject({ status: 400, code: 'IDEMPOTENCY_KEY_REQUIRED' });
    const badAmount = await gw
      .transfer(order({ idempotencyKey: 'k-bad', amount: 0 }))
      .catch((e: unknown) => e);
    expect(badAmount).toBeInstanceOf(BankRejectedError);
    expect(badAmount).toMatchObject({ status: 400, code: 'BAD_AMOUNT' });
    expect(sim.ledger.length).toBe(before);
  });

  it('a 5xx stays transient', async () => {
    sim.faults.fail5xx = 1;
    await expect(gw.transfer(order({ idempotencyKey: 'k-5xx' }))).rejects.toBeInstanceOf(
      BankUnavailableError,
    );
    expect(await gw.transfer(order({ idempotencyKey: 'k-5xx' }))).toMatchObject({ kind: 'COMPLETED' });
  });

  describe('classification of any status', () => {
    let server: http.Server;
    let answer: { status: number; body: unknown } = { status: 200, body: {} };
    let other: HttpBankGateway;
    beforeAll(async () => {
      server = http.createServer((req, res) => {
        req.resume();
        req.on('end', () => {
          res.writeHead(answer.status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(answer.body));
        });
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      other = new HttpBankGateway(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, 1000);
    });
    afterAll(() => new Promise<void>((r) => server.close(() => r())));

    it.each([400, 401, 403, 404, 409, 413, 422])('%i is BankRejectedError', async (status) => {
      answer = { status, body: { code: 'NOPE', holderName: 'Siti Aminah' } };
      const t = await other.transfer(order()).catch((e: unknown) => e);
      expect(t).toBeInstanceOf(BankRejectedError);
      expect(t).toMatchObject({ status, code: 'NOPE' });
      // the bank's body is not copied into the message (it may carry personal data)
      expect((t as Error).message).not.toContain('Siti');
      await expect(other.inquire(account)).rejects.toBeInstanceOf(BankRejectedError);
    });

    it.each([408, 429, 500, 502, 503, 504])('%i is BankUnavailableError (retried)', async (status) => {
      answer = { status, body: {} };
      await expect(other.transfer(order())).rejects.toBeInstanceOf(BankUnavailableError);
      await expect(other.inquire(account)).rejects.toBeInstanceOf(BankUnavailableError);
    });

    it('a 200 that is not a completed transfer is transient', async () => {
      answer = { status: 200, body: { status: 'PENDING' } };
      await expect(other.transfer(order())).rejects.toBeInstanceOf(BankUnavailableError);
    });

    it('an inquiry without a holder name passes an empty name', async () => {
      answer = { status: 200, body: { valid: true } };
      expect(await other.inquire(account)).toEqual({ valid: true, holderName: '' });
    });
  });
});
