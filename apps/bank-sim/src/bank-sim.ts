import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small bank that behaves like a real one, faults included. It keeps a ledger, applies each transfer once per
 * idempotency key (a repeat returns the original result with 200), and on request injects latency, 5xx answers,
 * time-outs (no answer, nothing applied), lost responses (applied, then the connection is cut), slow answers after
 * applying (the caller times out although the money moved) and invalid accounts.
 *
 *   POST /v1/account-inquiry {bankCode, accountNumber}        → 200 {valid, holderName?, reason?}
 *   POST /v1/transfers (Idempotency-Key) {amount, bankCode, accountNumber, holderName, reference}
 *                                                            → 201 {transferId, status: COMPLETED} | 200 (replay)
 *                                                              | 422 {code: INVALID_ACCOUNT}
 *   GET  /v1/ledger                                          → {transfers: [...]}
 *   POST /v1/faults {latencyMs, fail5xx, timeouts, lostResponses, slowAfterApply, slowAfterApplyMs, invalidAccounts}
 *   POST /v1/reset                                           → empties ledger and faults
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
  /** account numbers the bank does not know (also: any number starting with 000) */
  invalidAccounts: string[];
}

const noFaults = (): BankFaults => ({
  latencyMs: 0,
  fail5xx: 0,
  timeouts: 0,
  lostResponses: 0,
  slowAfterApply: 0,
  slowAfterApplyMs: 10000,
  invalidAccounts: [],
});

export interface BankSim {
  url: string;
  port: number;
  ledger: LedgerEntry[];
  faults: BankFaults;
  /** transfer requests received, including repeats and failures */
  requests: number;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startBankSim(opts: { port?: number; host?: string } = {}): Promise<BankSim> {
  const byKey = new Map<string, { status: number; body: Record<string, unknown> }>();
  const sim: BankSim = {
    url: '',
    port: 0,
    ledger: [],
    faults: noFaults(),
    requests: 0,
    close: async () => undefined,
  };
  const invalid = (n: string) => n.startsWith('000') || sim.faults.invalidAccounts.includes(n);

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
          byKey.clear();
          sim.faults = noFaults();
          sim.requests = 0;
          return send(200, { ok: true });
        }
        if (route === 'POST /v1/faults') {
          sim.faults = { ...sim.faults, ...(body as Partial<BankFaults>) };
          return send(200, sim.faults);
        }
        if (route === 'POST /v1/account-inquiry') {
          const n = String(body.accountNumber ?? '');
          return send(
            200,
            invalid(n)
              ? { valid: false, reason: 'account not found' }
              : { valid: true, holderName: 'ACCOUNT HOLDER' },
          );
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
          if (invalid(accountNumber)) {
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
