import { randomUUID } from 'node:crypto';
import { HttpBankGateway, PaymentsService } from '@sigap/claims';
import { dataSourceOptions } from '@sigap/persistence';
import type { ApprovalCommitment, TransferRequest } from '@sigap/workflows';
import { DataSource } from 'typeorm';
import type { BankSim } from '../apps/bank-sim/src/bank-sim';
import { startTestBank, testNik } from './support/claims';

/**
 * (Its rows are in region 9999, which no other test counts.)
 * The payment ledger on real PostgreSQL and the bank simulator: its invariants hold before the bank is called,
 * whatever the workflow asks (docs/claims.md "Money invariants"). Each hole of issue 20 that reaches the ledger has
 * its own test; on the ledger before PaymentLedger every one of these transfers reached the bank.
 */
describe('payment ledger', () => {
  let ds: DataSource;
  let bank: BankSim;
  let payments: PaymentsService;

  beforeAll(async () => {
    bank = await startTestBank();
    ds = new DataSource(dataSourceOptions(process.env.DATABASE_URL!, 6));
    await ds.initialize();
    payments = new PaymentsService(ds, new HttpBankGateway(bank.url, 2000));
  });
  afterAll(async () => {
    await ds?.destroy();
    await bank?.close();
  });

  let seq = 0;
  async function incident(nik: string, type: 'ACCIDENT' | 'DEATH' = 'DEATH'): Promise<string> {
    const [row] = await ds.query(
      `INSERT INTO incident (worker_nik, incident_type, occurred_at, reported_at, region_code)
       VALUES ($1, $2, now() - interval '3 days', now(), '9999') RETURNING id`,
      [nik, type],
    );
    return row.id;
  }
  async function claim(incidentId: string): Promise<string> {
    const claimNumber = `LEDGER-${Date.now().toString(36)}-${++seq}`;
    await ds.query(
      `INSERT INTO claim (claim_number, incident_id, tracking_code_hash, stage, regency_code)
       VALUES ($1, $2, repeat('0', 64), 'PAYOUT', '9999')`,
      [claimNumber, incidentId],
    );
    return claimNumber;
  }
  async function account(claimNumber: string, accountNumber = '1234567890'): Promise<string> {
    if (!bank.accounts.has(`BRI:${accountNumber}`)) {
      bank.openAccount({ bankCode: 'BRI', accountNumber, holderName: 'Siti Aminah' });
    }
    const r = await payments.registerAccount({
      claimNumber,
      bankCode: 'BRI',
      accountNumber,
      holderName: 'Siti Aminah',
      registeredBy: 'test',
    });
    return r.accountId;
  }
  /** the APPROVED event the workflow writes, with what the approval committed (or none: a legacy workflow) */
  async function approve(claimNumber: string, commitment?: Partial<ApprovalCommitment>): Promise<void> {
    const [{ n }] = await ds.query(
      `SELECT coalesce(max(seq), 0) + 1 AS n FROM claim_event WHERE claim_number = $1`,
      [claimNumber],
    );
    await ds.query(
      `INSERT INTO claim_event (claim_number, seq, type, stage, actor, occurred_at, after)
       VALUES ($1, $2, 'APPROVED', 'PAYOUT', 'supervisor', now(), $3)`,
      [
        claimNumber,
        n,
        JSON.stringify({
          stage: 'PAYOUT',
          ...(commitment
            ? { approval: { benefitVersion: 1, approvers: ['supervisor'], ...commitment } }
            : {}),
        }),
      ],
    );
  }
  async function approvedClaim(
    incidentId: string,
    committedByPayer: Record<string, number> = { BPJS_TK: 500_000_000 },
  ): Promise<{ claimNumber: string; accountId: string }> {
    const claimNumber = await claim(incidentId);
    const accountId = await account(claimNumber);
    await approve(claimNumber, { payeeAccountId: accountId, committedByPayer });
    return { claimNumber, accountId };
  }
  const order = (
    c: { claimNumber: string; accountId: string },
    lineKey: string,
    amount: number,
    extra: Partial<TransferRequest> = {},
  ): TransferRequest => ({
    claimNumber: c.claimNumber,
    accountId: c.accountId,
    lineKey,
    amount,
    payer: 'BPJS_TK',
    idempotencyKey: randomUUID(),
    ...extra,
  });
  const refusal = async (p: Promise<unknown>) => {
    const err = (await p.then(
      () => undefined,
      (e: unknown) => e,
    )) as { type?: string; nonRetryable?: boolean; message?: string } | undefined;
    expect(err).toBeDefined();
    return err!;
  };
  const expectRefused = async (p: Promise<unknown>, message: RegExp) => {
    const requestsBefore = bank.requests;
    const err = await refusal(p);
    expect(err.type).toBe('LedgerRefused');
    expect(err.nonRetryable).toBe(true);
    expect(err.message).toMatch(message);
    // refused before the bank was called
    expect(bank.requests).toBe(requestsBefore);
  };

  it('hole 1: a second claim of the same incident (a reopen) cannot pay an item the first one paid', async () => {
    const inc = await incident(testNik());
    const first = await approvedClaim(inc);
    const second = await approvedClaim(inc);
    await payments.transfer(order(first, 'JKM_LUMP_SUM', 42_000_000));
    await expectRefused(
      payments.transfer(order(second, 'JKM_LUMP_SUM', 42_000_000)),
      /JKM_LUMP_SUM of this incident was already paid/,
    );
    // items the first claim did not pay remain payable by the second
    await expect(payments.transfer(order(second, 'JKM_FUNERAL', 10_000_000))).resolves.toMatchObject({
      status: 'COMPLETED',
    });
  });

  it('hole 1: one death benefit per worker, whatever the incident (an escalated accident and a death report)', async () => {
    const nik = testNik();
    const accident = await approvedClaim(await incident(nik, 'ACCIDENT'));
    const death = await approvedClaim(await incident(nik, 'DEATH'));
    await payments.transfer(order(accident, 'JKK_DEATH', 230_400_000));
    await expectRefused(
      payments.transfer(order(death, 'JKM_LUMP_SUM', 42_000_000)),
      /BPJS_DEATH was already paid/,
    );
    await expectRefused(payments.transfer(order(death, 'JKK_DEATH', 230_400_000)), /JKK_DEATH|BPJS_DEATH/);
    // another worker's death on the same day is paid
    const other = await approvedClaim(await incident(testNik(), 'DEATH'));
    await expect(payments.transfer(order(other, 'JKM_LUMP_SUM', 42_000_000))).resolves.toMatchObject({
      status: 'COMPLETED',
    });
  });

  it('hole 2: an STMB month paid as an instalment is not paid again as a line after escalation', async () => {
    const c = await approvedClaim(await incident(testNik(), 'ACCIDENT'));
    await payments.transfer(order(c, 'STMB:month-2@2024-04-14', 3_000_000, { itemKey: 'STMB:month-2' }));
    await expectRefused(
      payments.transfer(order(c, 'STMB:month-2', 3_000_000, { itemKey: 'STMB:month-2' })),
      /STMB:month-2 of this incident/,
    );
    // a request of a workflow started before item keys: the ledger derives the key from the line key
    await expectRefused(payments.transfer(order(c, 'STMB:month-2', 3_000_000)), /STMB:month-2/);
    // scholarship years are told apart by their due date
    await payments.transfer(order(c, 'SCHOLARSHIP:child-1', 1_500_000));
    await expect(
      payments.transfer(order(c, 'SCHOLARSHIP:child-1@2025-07-01', 1_500_000)),
    ).resolves.toMatchObject({ status: 'COMPLETED' });
  });

  it('hole 3: money goes only to the payee designated before the last approval', async () => {
    const c = await approvedClaim(await incident(testNik()));
    const swapped = await account(c.claimNumber, '9876543210');
    await expectRefused(
      payments.transfer(order({ ...c, accountId: swapped }, 'JKM_LUMP_SUM', 42_000_000)),
      /not the payee designated before the last approval/,
    );
    // after a new approval that designates it, it is paid
    await approve(c.claimNumber, { payeeAccountId: swapped, committedByPayer: { BPJS_TK: 50_000_000 } });
    await expect(
      payments.transfer(order({ ...c, accountId: swapped }, 'JKM_LUMP_SUM', 42_000_000)),
    ).resolves.toMatchObject({ status: 'COMPLETED' });
  });

  it('hole 4: never more per payer than the approval committed (in flight included)', async () => {
    const c = await approvedClaim(await incident(testNik(), 'ACCIDENT'), {
      BPJS_TK: 10_000_000,
      EMPLOYER_REIMBURSABLE: 2_000_000,
    });
    await payments.transfer(order(c, 'STMB:month-1', 6_000_000));
    await expectRefused(
      payments.transfer(order(c, 'STMB:month-2', 6_000_000)),
      /BPJS_TK would pay Rp12000000 in all on this claim; the approval committed Rp10000000/,
    );
    await expect(payments.transfer(order(c, 'STMB:month-2', 4_000_000))).resolves.toMatchObject({
      status: 'COMPLETED',
    });
    await expectRefused(
      payments.transfer(order(c, 'MEDICAL_CARE:medical-1', 1, { payer: 'KPU' })),
      /KPU would pay Rp1 in all on this claim; the approval committed Rp0/,
    );
    await expect(
      payments.transfer(order(c, 'TRANSPORT:LAND', 2_000_000, { payer: 'EMPLOYER_REIMBURSABLE' })),
    ).resolves.toMatchObject({ status: 'COMPLETED' });
  });

  it('nothing is paid on a claim without an approval; a legacy approval keeps the uniqueness invariants', async () => {
    const inc = await incident(testNik());
    const unapproved = await claim(inc);
    const acc = await account(unapproved);
    await expectRefused(
      payments.transfer(order({ claimNumber: unapproved, accountId: acc }, 'JKM_LUMP_SUM', 42_000_000)),
      /no approval/,
    );
    await approve(unapproved); // an APPROVED event of a workflow started before approvals carried a commitment
    const legacy = { claimNumber: unapproved, accountId: acc };
    await payments.transfer(order(legacy, 'JKM_LUMP_SUM', 42_000_000));
    await expectRefused(payments.transfer(order(legacy, 'JKM_LUMP_SUM', 42_000_000)), /already paid/);
  });

  it('a retry answers the completed transfer again; a reused key with other content is refused', async () => {
    const c = await approvedClaim(await incident(testNik()));
    const o = order(c, 'JKM_LUMP_SUM', 42_000_000);
    const first = await payments.transfer(o);
    const again = await payments.transfer(o);
    expect(again).toEqual({ status: 'COMPLETED', bankTransferId: first.bankTransferId, replayed: true });
    await expectRefused(payments.transfer({ ...o, amount: 42_000_001 }), /idempotency key was already used/);
    const [{ n }] = await ds.query(
      `SELECT count(*)::int AS n FROM claim_payment WHERE claim_number = $1 AND status = 'COMPLETED'`,
      [c.claimNumber],
    );
    expect(n).toBe(1);
  });

  it('an item refused by the bank as INVALID_ACCOUNT is out of flight: the corrected, approved account is paid', async () => {
    const c = await approvedClaim(await incident(testNik()));
    const o = order(c, 'JKM_LUMP_SUM', 42_000_000);
    bank.faults.invalidAccounts.push('1234567890');
    const err = await refusal(payments.transfer(o));
    expect(err.type).toBe('InvalidAccount');
    const [row] = await ds.query(`SELECT status FROM claim_payment WHERE idempotency_key = $1`, [
      o.idempotencyKey,
    ]);
    expect(row.status).toBe('INVALID_ACCOUNT');
    bank.faults.invalidAccounts.splice(0);
    // a corrected account pays only once an approval designates it
    const corrected = await account(c.claimNumber, '5555555555');
    const next = order({ ...c, accountId: corrected }, 'JKM_LUMP_SUM', 42_000_000);
    await expectRefused(payments.transfer(next), /not the payee designated/);
    await approve(c.claimNumber, { payeeAccountId: corrected, committedByPayer: { BPJS_TK: 50_000_000 } });
    await expect(payments.transfer(next)).resolves.toMatchObject({ status: 'COMPLETED' });
  });

  it('concurrent transfers of one item under different keys: exactly one reaches the bank', async () => {
    const c = await approvedClaim(await incident(testNik()));
    const before = bank.ledger.length;
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, () => payments.transfer(order(c, 'JKM_LUMP_SUM', 42_000_000))),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((x) => x.status === 'rejected')) {
      expect((r as PromiseRejectedResult).reason.type).toBe('LedgerRefused');
    }
    expect(bank.ledger.length - before).toBe(1);
  });
});
