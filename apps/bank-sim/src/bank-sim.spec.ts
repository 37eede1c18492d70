import { HOLDER_NAME_MISMATCH, startBankSim, type BankSim } from './bank-sim';
import { DEMO_BANK_ACCOUNTS } from './demo-accounts';

/** The simulator over real HTTP on a loopback port (no other process). */
describe('bank simulator: account book', () => {
  let sim: BankSim;
  const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${sim.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };
  const inquire = (bankCode: string, accountNumber: string) =>
    post('/v1/account-inquiry', { bankCode, accountNumber });
  const transfer = (key: string, accountNumber: string, amount = 100_000, bankCode = 'BNI') =>
    post(
      '/v1/transfers',
      { amount, bankCode, accountNumber, holderName: 'x', reference: 'CLM test' },
      key ? { 'idempotency-key': key } : {},
    );

  beforeEach(async () => {
    sim = await startBankSim({
      accounts: [{ bankCode: 'BNI', accountNumber: '1234567890', holderName: 'Siti Aminah' }],
    });
  });
  afterEach(() => sim.close());

  it('answers the registered holder name for an account opened at start-up', async () => {
    expect(await inquire('BNI', '1234567890')).toEqual({
      status: 200,
      json: { valid: true, holderName: 'Siti Aminah' },
    });
  });

  it('does not know an account that was never opened, nor the same number at another bank', async () => {
    expect((await inquire('BNI', '5555555555')).json).toEqual({ valid: false, reason: 'ACCOUNT_NOT_FOUND' });
    expect((await inquire('BRI', '1234567890')).json).toEqual({ valid: false, reason: 'ACCOUNT_NOT_FOUND' });
  });

  it('opens an account over HTTP, idempotently; another holder for an open account is refused', async () => {
    const a = { bankCode: 'BRI', accountNumber: '1122334455', holderName: 'Budi Santoso' };
    const first = await post('/v1/accounts', a);
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject(a);
    const again = await post('/v1/accounts', a);
    expect(again).toEqual(first);
    expect((await inquire('BRI', '1122334455')).json).toEqual({ valid: true, holderName: 'Budi Santoso' });
    const other = await post('/v1/accounts', { ...a, holderName: 'Orang Lain' });
    expect(other.status).toBe(409);
    expect(other.json.code).toBe('ACCOUNT_EXISTS');
    expect((await inquire('BRI', '1122334455')).json).toEqual({ valid: true, holderName: 'Budi Santoso' });
  });

  it('refuses an account without a bank, a numeric number or a holder', async () => {
    for (const bad of [
      { accountNumber: '1234567', holderName: 'A' },
      { bankCode: 'BNI', accountNumber: '12-34', holderName: 'A' },
      { bankCode: 'BNI', accountNumber: '1234567', holderName: '  ' },
    ]) {
      const r = await post('/v1/accounts', bad);
      expect(r.status).toBe(400);
      expect(r.json.code).toBe('BAD_ACCOUNT');
    }
    expect(sim.accounts.size).toBe(1);
  });

  it('openAccount() opens an account for tests', async () => {
    const opened = sim.openAccount({
      bankCode: 'BNI',
      accountNumber: '7788990011',
      holderName: 'Ahli Waris',
    });
    expect(opened.holderName).toBe('Ahli Waris');
    expect(sim.openAccount({ bankCode: 'BNI', accountNumber: '7788990011', holderName: 'Ahli Waris' })).toBe(
      opened,
    );
    expect(() =>
      sim.openAccount({ bankCode: 'BNI', accountNumber: '7788990011', holderName: 'Someone Else' }),
    ).toThrow('another holder name');
    expect((await inquire('BNI', '7788990011')).json).toEqual({ valid: true, holderName: 'Ahli Waris' });
  });

  it('keeps numbers starting with 000 and faults.invalidAccounts invalid, even when opened', async () => {
    sim.openAccount({ bankCode: 'BNI', accountNumber: '0001112223', holderName: 'Siti Aminah' });
    expect((await inquire('BNI', '0001112223')).json.valid).toBe(false);
    await post('/v1/faults', { invalidAccounts: ['1234567890'] });
    expect((await inquire('BNI', '1234567890')).json).toEqual({ valid: false, reason: 'ACCOUNT_NOT_FOUND' });
    const t = await transfer('k-invalid', '1234567890');
    expect(t.status).toBe(422);
    expect(t.json.code).toBe('INVALID_ACCOUNT');
  });

  it('holderNameMismatch: the next n inquiries answer another name, then the real one again', async () => {
    const faults = await post('/v1/faults', { holderNameMismatch: 2 });
    expect(faults.json.holderNameMismatch).toBe(2);
    expect((await inquire('BNI', '1234567890')).json).toEqual({
      valid: true,
      holderName: HOLDER_NAME_MISMATCH,
    });
    // an unknown account does not use up the fault
    expect((await inquire('BNI', '5555555555')).json.valid).toBe(false);
    expect((await inquire('BNI', '1234567890')).json).toEqual({
      valid: true,
      holderName: HOLDER_NAME_MISMATCH,
    });
    expect((await inquire('BNI', '1234567890')).json).toEqual({ valid: true, holderName: 'Siti Aminah' });
  });

  it('transfers only to an open account', async () => {
    const ok = await transfer('k-1', '1234567890');
    expect(ok.status).toBe(201);
    expect(ok.json.status).toBe('COMPLETED');
    const replay = await transfer('k-1', '1234567890');
    expect(replay.status).toBe(200);
    const unknown = await transfer('k-2', '5555555555');
    expect(unknown.status).toBe(422);
    expect(unknown.json.code).toBe('INVALID_ACCOUNT');
    expect(sim.ledger.map((t) => t.accountNumber)).toEqual(['1234567890']);
  });

  it('answers 400 to a transfer without an idempotency key or with a bad amount', async () => {
    expect(await transfer('', '1234567890')).toEqual({
      status: 400,
      json: { code: 'IDEMPOTENCY_KEY_REQUIRED' },
    });
    expect(await transfer('k-3', '1234567890', -5)).toEqual({ status: 400, json: { code: 'BAD_AMOUNT' } });
    expect(sim.ledger).toHaveLength(0);
  });

  it('reset empties the account book, the ledger and the faults', async () => {
    await transfer('k-1', '1234567890');
    await post('/v1/faults', { holderNameMismatch: 5 });
    await post('/v1/reset', {});
    expect(sim.accounts.size).toBe(0);
    expect(sim.ledger).toHaveLength(0);
    expect(sim.faults.holderNameMismatch).toBe(0);
    expect((await inquire('BNI', '1234567890')).json).toEqual({ valid: false, reason: 'ACCOUNT_NOT_FOUND' });
  });

  it('the demo accounts are distinct accounts that open together', async () => {
    const demo = await startBankSim({ accounts: [...DEMO_BANK_ACCOUNTS] });
    try {
      expect(demo.accounts.size).toBe(DEMO_BANK_ACCOUNTS.length);
    } finally {
      await demo.close();
    }
  });
});
