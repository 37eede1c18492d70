import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small bank that behaves like a real one, faults included. It keeps an account book (only accounts that were
 * opened exist; an inquiry answers the holder name registered for the account), keeps a ledger, applies each
 * transfer once per idempotency key (a repeat returns the original result with 200), and on request injects latency,
 * 5xx answers, time-outs (no answer, nothing applied), lost responses (applied, then the connection is cut), slow
 * answers after applying (the caller times out although the money moved), invalid accounts and inquiries that
 * answer somebody else's name.
 *
 *   POST /v1/accounts {bankCode, accountNumber, holderName}  → 200 {bankCode, accountNumber, holderName, openedAt}
 *                                                              (idempotent) | 409 {code: ACCOUNT_EXISTS} (another
 *                                                              holder) | 400 {code: BAD_ACCOUNT}
 *   POST /v1/account-inquiry {bankCode, accountNumber}        → 200 {valid: true, holderName}
 *                                                              | 200 {valid: false, reason: ACCOUNT_NOT_FOUND}
 *   POST /v1/transfers (Idempotency-Key) {amount, bankCode, accountNumber, holderName, reference}
 *                                                            → 201 {transferId, status: COMPLETED} | 200 (replay)
 *                                                              | 422 {code: INVALID_ACCOUNT} (not opened, or invalid)
 *                                                              | 400 {code: IDEMPOTENCY_KEY_REQUIRED | BAD_AMOUNT}
 *   GET  /v1/ledger                                          → {transfers: [...]}
 *   POST /v1/faults {latencyMs, fail5xx, timeouts, lostResponses, slowAfterApply, slowAfterApplyMs, invalidAccounts,
 *                    holderNameMismatch}
 *   POST /v1/reset                                           → empties the account book, the ledger and the faults
 *
 * An account number starting with 000, or listed in `faults.invalidAccounts`, is invalid even when opened.
 */
export interface LedgerEntry {
  transferId: string;
  idempotencyKey: string;
  amount: number;
  bankCode: string;
  accountNumber: string;
  reference: string;
  appliedAt: string;
}

export interface BankFaults {
  /** added to every request */
  latencyMs: number;
  /** the next N transfer requests answer 503 without applying */
  fail5xx: number;
  /** the next N transfer requests never answer and apply nothing (the caller times out) */
  timeouts: number;
  /** the next N transfer requests are applied, then the connection is destroyed before the answer */
  lostResponses: number;
  /** the next N transfer requests are applied, then answered after slowAfterApplyMs (the caller times out) */
  slowAfterApply: number;
  slowAfterApplyMs: number;
  /** account numbers the bank does not know (also: any number starting with 000), opened or not */
  invalidAccounts: string[];
  /** the next N inquiries of a valid account answer another holder name (HOLDER_NAME_MISMATCH) */
  holderNameMismatch: number;
}

/** The holder name answered while `holderNameMismatch` is on. */
export const HOLDER_NAME_MISMATCH = 'BUKAN PEMILIK';

export interface BankAccount {
  bankCode: string;
  accountNumber: string;
  holderName: string;
}

export interface OpenedAccount extends BankAccount {
  openedAt: string;
}

export class AccountExistsError extends Error {
  constructor() {
    super('the account is already open under another holder name');
    this.name = 'AccountExistsError';
  }
}

const noFaults = (): BankFaults => ({
  latencyMs: 0,
  fail5xx: 0,
  timeouts: 0,
  lostResponses: 0,
  slowAfterApply: 0,
  slowAfterApplyMs: 10000,
  invalidAccounts: [],
  holderNameMismatch: 0,
});

export interface BankSim {
  url: string;
  port: number;
  ledger: LedgerEntry[];
  faults: BankFaults;
  /** the account book, by `bankCode:accountNumber` */
  accounts: Map<string, OpenedAccount>;
  /** transfer requests received, including repeats and failures */
  requests: number;
  /** opens an account (idempotent; throws AccountExistsError when it is open under another holder name) */
  openAccount(a: BankAccount): OpenedAccount;
  close(): Promise<void>;
}

const accountKey = (bankCode: string, accountNumber: string) => `${bankCode}:${accountNumber}`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startBankSim(
  opts: { port?: number; host?: string; accounts?: BankAccount[] } = {},
): Promise<BankSim> {
  const byKey = new Map<string, { status: number; body: Record<string, unknown> }>();
  const sim: BankSim = {
    url: '',
    port: 0,
    ledger: [],
    faults: noFaults(),
    accounts: new Map(),
    requests: 0,
    openAccount: (a) => {
      const key = accountKey(a.bankCode, a.accountNumber);
      const open = sim.accounts.get(key);
      if (open) {
        if (open.holderName !== a.holderName) throw new AccountExistsError();
        return open;
      }
      const opened: OpenedAccount = {
        bankCode: a.bankCode,
        accountNumber: a.accountNumber,
        holderName: a.holderName,
        openedAt: new Date().toISOString(),
      };
      sim.accounts.set(key, opened);
      return opened;
    },
    close: async () => undefined,
  };
  for (const a of opts.accounts ?? []) sim.openAccount(a);
  const invalid = (n: string) => n.startsWith('000') || sim.faults.invalidAccounts.includes(n);
  /** the account, when it exists and is valid */
  const lookup = (bankCode: string, accountNumber: string) =>
    invalid(accountNumber) ? undefined : sim.accounts.get(accountKey(bankCode, accountNumber));

  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      void (async () => {
        const send = (status: number, body: unknown) => {
          if (res.destroyed) return;
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(body));
        };
        let body: Record<string, unknown> = {};
        try {
          body = raw ? JSON.parse(raw) : {};
        } catch {
          return send(400, { code: 'BAD_JSON' });
        }
        if (sim.faults.latencyMs > 0) await sleep(sim.faults.latencyMs);
        const route = `${req.method} ${req.url}`;
        if (route === 'GET /v1/ledger') return send(200, { transfers: sim.ledger });
        if (route === 'POST /v1/reset') {
          sim.ledger.length = 0;
          sim.accounts.clear();
          byKey.clear();
          sim.faults = noFaults();
          sim.requests = 0;
          return send(200, { ok: true });
        }
        if (route === 'POST /v1/faults') {
          sim.faults = { ...sim.faults, ...(body as Partial<BankFaults>) };
          return send(200, sim.faults);
        }
        if (route === 'POST /v1/accounts') {
          const a = {
            bankCode: typeof body.bankCode === 'string' ? body.bankCode.trim() : '',
            accountNumber: typeof body.accountNumber === 'string' ? body.accountNumber.trim() : '',
            holderName: typeof body.holderName === 'string' ? body.holderName.trim() : '',
          };
          if (!a.bankCode || !/^\d{1,34}$/.test(a.accountNumber) || !a.holderName) {
            return send(400, {
              code: 'BAD_ACCOUNT',
              message: 'bankCode, accountNumber (digits) and holderName are required',
            });
          }
          try {
            return send(200, sim.openAccount(a));
          } catch (err) {
            if (err instanceof AccountExistsError) {
              return send(409, { code: 'ACCOUNT_EXISTS', message: err.message });
            }
            throw err;
          }
        }
        if (route === 'POST /v1/account-inquiry') {
          const account = lookup(String(body.bankCode ?? ''), String(body.accountNumber ?? ''));
          if (!account) return send(200, { valid: false, reason: 'ACCOUNT_NOT_FOUND' });
          if (sim.faults.holderNameMismatch > 0) {
            sim.faults.holderNameMismatch--;
            return send(200, { valid: true, holderName: HOLDER_NAME_MISMATCH });
          }
          return send(200, { valid: true, holderName: account.holderName });
        }
        if (route === 'POST /v1/transfers') {
          sim.requests++;
          const key = String(req.headers['idempotency-key'] ?? '');
          if (!key) return send(400, { code: 'IDEMPOTENCY_KEY_REQUIRED' });
          const seen = byKey.get(key);
          if (seen) return send(seen.status === 201 ? 200 : seen.status, { ...seen.body, replayed: true });
          if (sim.faults.fail5xx > 0) {
            sim.faults.fail5xx--;
            return send(503, { code: 'UNAVAILABLE' });
          }
          if (sim.faults.timeouts > 0) {
            sim.faults.timeouts--;
            return; // never answers, applies nothing
          }
          const amount = Number(body.amount);
          const accountNumber = String(body.accountNumber ?? '');
          if (!Number.isSafeInteger(amount) || amount <= 0) return send(400, { code: 'BAD_AMOUNT' });
          if (!lookup(String(body.bankCode ?? ''), accountNumber)) {
            const r = {
              status: 422,
              body: { code: 'INVALID_ACCOUNT', message: 'the beneficiary account does not exist' },
            };
            byKey.set(key, r);
            return send(r.status, r.body);
          }
          const entry: LedgerEntry = {
            transferId: `TRX-${randomUUID()}`,
            idempotencyKey: key,
            amount,
            bankCode: String(body.bankCode ?? ''),
            accountNumber,
            reference: String(body.reference ?? ''),
            appliedAt: new Date().toISOString(),
          };
          sim.ledger.push(entry);
          const r = { status: 201, body: { transferId: entry.transferId, status: 'COMPLETED' } };
          byKey.set(key, r);
          if (sim.faults.lostResponses > 0) {
            sim.faults.lostResponses--;
            req.socket.destroy();
            return;
          }
          if (sim.faults.slowAfterApply > 0) {
            sim.faults.slowAfterApply--;
            await sleep(sim.faults.slowAfterApplyMs);
          }
          return send(r.status, r.body);
        }
        send(404, { code: 'NOT_FOUND' });
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  sim.port = port;
  sim.url = `http://127.0.0.1:${port}`;
  sim.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return sim;
}
