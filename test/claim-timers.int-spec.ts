import fs from 'node:fs';
import path from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { BankSim } from '../apps/bank-sim/src/bank-sim';
import { ClaimsHarness, recordHistory, startTestBank, startWorkerOn } from './support/claims';
import { eventually, useTestEnv } from './support/stack';
import { describeNeeding, toolOutcome } from './support/tools';

const DAY = 24 * 3600 * 1000;
/** a date relative to another (YYYY-MM-DD): the server's clock runs ahead of the wall clock once time was skipped */
const shift = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

/**
 * The SDK gives the test server 5 s to open its port (fixed in sdk-core's ephemeral_server). The JVM took 4.8 s here
 * with its jars not yet in the page cache and 1.2 s after, so on a busy 2-core machine (other suites run beside this
 * one) a first start can miss it: the jars are read once first, and a start that timed out is tried again (twice at
 * most); any other failure fails the suite at once.
 */
async function startTimeSkipping(wrapper: string): Promise<TestWorkflowEnvironment> {
  const lib = path.join(path.dirname(wrapper), 'lib');
  if (fs.existsSync(lib)) for (const jar of fs.readdirSync(lib)) fs.readFileSync(path.join(lib, jar));
  for (let attempt = 1; ; attempt++) {
    try {
      return await TestWorkflowEnvironment.createTimeSkipping({
        server: { executable: { type: 'existing-path', path: wrapper } },
      });
    } catch (e) {
      if (attempt >= 3 || !/did not start within/.test((e as Error).message)) throw e;
      process.stderr.write(
        `claim timers: the test server did not start within 5 s (attempt ${attempt}); again\n`,
      );
    }
  }
}

/**
 * Paths whose timers run for days, in test time: the Java time-skipping test server (scripts/temporal-test-server.js)
 * with the real worker, PostgreSQL and the bank simulator.
 */
describeNeeding('timers', 'claim timers (time-skipping server)', () => {
  let env: TestWorkflowEnvironment;
  let worker: { ctx: import('@nestjs/common').INestApplicationContext; stop(): Promise<void> };
  let bank: BankSim;
  let h: ClaimsHarness;

  beforeAll(async () => {
    const taskQueue = useTestEnv('timers');
    bank = await startTestBank();
    const server = toolOutcome('timers');
    if (!server.ok || !server.path) throw new Error('the time-skipping test server is missing');
    env = await startTimeSkipping(server.path);
    worker = await startWorkerOn(env.nativeConnection, taskQueue);
    h = new ClaimsHarness(worker.ctx, env.client, taskQueue, bank);
  }, 120000);

  afterAll(async () => {
    await worker?.stop();
    await env?.teardown();
    await bank?.close();
  });

  async function toDocuments(
    incidentType: 'DEATH' | 'ACCIDENT',
    extra: { occurredAt?: Date; wageBase?: number } = {},
  ) {
    const { claimNumber } = await h.file({ incidentType, ...extra });
    await h.stage(claimNumber, 'AWAITING_VERIFICATION');
    await h.commands.verify(claimNumber, {
      actor: 'officer-1',
      decision: 'ACCEPT',
      onDuty: true,
      ...(incidentType === 'DEATH' ? { workRelated: false } : {}),
      reason: 'verified on duty',
    });
    return claimNumber;
  }

  it('documents: reminders after 3, 7 and 14 days of silence, escalation to a supervisor at 30 days', async () => {
    const claimNumber = await toDocuments('DEATH');
    await env.sleep(3 * DAY + 60_000);
    await eventually(async () => (await h.state(claimNumber)).remindersSent === 1);
    await env.sleep(4 * DAY);
    await eventually(async () => (await h.state(claimNumber)).remindersSent === 2);
    await env.sleep(7 * DAY);
    await eventually(async () => (await h.state(claimNumber)).remindersSent === 3);
    await env.sleep(16 * DAY);
    const s = await eventually(async () => {
      const st = await h.state(claimNumber);
      return st.escalatedToSupervisor && st;
    });
    expect(s.assignee).toEqual({ role: 'BPJS_SUPERVISOR' });
    const outbox = await h.ds.query(
      `SELECT template, recipient_role FROM notification_outbox WHERE claim_number = $1 ORDER BY id`,
      [claimNumber],
    );
    expect(outbox.map((o: { template: string }) => o.template)).toEqual([
      'DOCUMENTS_REQUESTED',
      'DOCUMENT_REMINDER',
      'DOCUMENT_REMINDER',
      'DOCUMENT_REMINDER',
      'DOCUMENTS_ESCALATED',
    ]);
    expect(outbox[4].recipient_role).toBe('BPJS_SUPERVISOR');
    await h.commands.withdraw(claimNumber, { actor: 'officer-1', reason: 'test clean-up' });
    await recordHistory(env.client, claimNumber, 'documents-reminders-escalation');
  });

  it('a missed payment deadline (JKM: 3 working days) adds 1% of the benefit per day automatically', async () => {
    const claimNumber = await toDocuments('DEATH');
    await h.completeDocuments(claimNumber);
    const s = await h.stage(claimNumber, 'BENEFIT_PROPOSAL');
    expect(s.paymentDeadline).toBeDefined();
    await h.commands.proposeBenefit(claimNumber, { actor: 'officer-1' });
    await h.setAccount(claimNumber, '7788990011');
    await env.sleep(10 * DAY);
    await eventually(async () => (await h.state(claimNumber)).paymentDeadlineMissed);
    await h.commands.decideApproval(claimNumber, {
      actor: 'supervisor-1',
      role: 'BPJS_SUPERVISOR',
      decision: 'APPROVE',
    });
    const final = await h.handle(claimNumber).result();
    expect(final.stage).toBe('CLOSED');
    const days = final.penalty!.daysLate;
    expect(days).toBeGreaterThan(0);
    expect(final.penalty!.amount).toBe(42_000_000 * 0.01 * days);
    expect(final.paidTotal).toBe(42_000_000 + final.penalty!.amount);
    expect(h.ledger(claimNumber)).toHaveLength(4);
    await recordHistory(env.client, claimNumber, 'late-payment-penalty');
  });

  it('JKK accident with STMB: past months paid, installments monthly, recovery stops the rest', async () => {
    const occurredAt = new Date(Date.now() - 40 * DAY);
    const claimNumber = await toDocuments('ACCIDENT', { occurredAt, wageBase: 1_500_000 });
    await h.completeDocuments(claimNumber);
    const s = await h.stage(claimNumber, 'BENEFIT_PROPOSAL');
    const today = s.documentsCompleteOn!;
    const from = shift(today, -40);
    const to = shift(today, 110);
    const p = await h.commands.proposeBenefit(claimNumber, {
      actor: 'officer-1',
      facts: {
        outcome: 'STILL_IN_TREATMENT',
        stmb: { from, to },
        medicalCosts: [{ description: 'RSUD', amount: 2_000_000 }],
      },
    });
    expect(s.documentsCompleteOn).toBeDefined();
    expect(p.benefit!.lineItems.filter((l) => l.code === 'STMB')).toHaveLength(1);
    expect(p.benefit!.scheduled.length).toBeGreaterThanOrEqual(3);
    await h.setAccount(claimNumber, '8899001122', 'worker-1');
    await h.commands.decideApproval(claimNumber, {
      actor: 'supervisor-1',
      role: 'BPJS_SUPERVISOR',
      decision: 'APPROVE',
    });
    await h.stage(claimNumber, 'INSTALLMENTS');
    const paidNow = (await h.state(claimNumber)).paidTotal;
    expect(paidNow).toBe(1_500_000 + 2_000_000);
    await env.sleep(31 * DAY);
    await eventually(async () => (await h.state(claimNumber)).installments!.paid >= 1);
    const recovered = await h.commands.reportRecovery(claimNumber, {
      actor: 'officer-1',
      recoveredOn: shift(today, 45),
      reason: 'doctor declared the worker fit (laporan tahap II)',
    });
    expect(recovered.recoveredOn).toBeDefined();
    await env.sleep(40 * DAY);
    const final = await h.handle(claimNumber).result();
    expect(final.stage).toBe('CLOSED');
    expect(final.installments!.cancelled).toBeGreaterThanOrEqual(1);
    expect(h.ledger(claimNumber).length).toBe(2 + final.installments!.paid);
    await recordHistory(env.client, claimNumber, 'jkk-stmb-recovery');
  });

  it('an accident escalated to death: JKK death benefits in place, what was paid stays paid', async () => {
    const occurredAt = new Date(Date.now() - 40 * DAY);
    const claimNumber = await toDocuments('ACCIDENT', { occurredAt, wageBase: 2_000_000 });
    await h.completeDocuments(claimNumber);
    const draft = await h.stage(claimNumber, 'BENEFIT_PROPOSAL');
    const today = draft.documentsCompleteOn!;
    const from = shift(today, -40);
    const to = shift(today, 80);
    await h.commands.proposeBenefit(claimNumber, { actor: 'officer-1', facts: { stmb: { from, to } } });
    await h.setAccount(claimNumber, '9900112233');
    await h.commands.decideApproval(claimNumber, {
      actor: 'supervisor-1',
      role: 'BPJS_SUPERVISOR',
      decision: 'APPROVE',
    });
    await h.stage(claimNumber, 'INSTALLMENTS');
    const paidBefore = (await h.state(claimNumber)).paidTotal;
    expect(paidBefore).toBe(2_000_000);

    const deathDate = today;
    await h.commands.reportDeath(claimNumber, { deathDate, reportedBy: 'reporter-1' });
    const escalated = await h.stage(claimNumber, 'DOCUMENTS');
    expect(escalated.determination).toBe('JKK_DEATH');
    expect(escalated.documents.find((d) => d.code === 'BPJS_MEMBERSHIP_CARD')!.status).toBe('ACCEPTED');
    expect(escalated.documents.find((d) => d.code === 'DEATH_CERTIFICATE')!.status).toBe('MISSING');
    for (const d of escalated.documents.filter((x) => x.status !== 'ACCEPTED'))
      await h.upload(claimNumber, d.code);
    await eventually(async () =>
      (await h.state(claimNumber)).documents.every((d) => d.status === 'ACCEPTED' || d.status === 'UPLOADED'),
    );
    for (const d of escalated.documents.filter((x) => x.status !== 'ACCEPTED')) {
      await h.commands.reviewDocument(claimNumber, {
        actor: 'officer-1',
        documentCode: d.code,
        decision: 'ACCEPT',
      });
    }
    await h.stage(claimNumber, 'BENEFIT_PROPOSAL');
    const p = await h.commands.proposeBenefit(claimNumber, {
      actor: 'officer-1',
      facts: { stmb: { from, to: deathDate } },
    });
    expect(p.benefit!.determination).toBe('JKK_DEATH');
    await h.commands.decideApproval(claimNumber, {
      actor: 'supervisor-1',
      role: 'BPJS_SUPERVISOR',
      decision: 'APPROVE',
    });
    if (p.approvalsRequired === 2) {
      await h.commands.decideApproval(claimNumber, {
        actor: 'supervisor-2',
        role: 'BPJS_SUPERVISOR',
        decision: 'APPROVE',
      });
    }
    const final = await h.handle(claimNumber).result();
    expect(final.stage).toBe('CLOSED');
    // the first STMB month was paid once, not again; the death benefits were added
    const ledger = h.ledger(claimNumber);
    const refs = ledger.map((t) => t.reference.split(' ')[1]);
    expect(refs.filter((r) => r === 'STMB:month-1')).toHaveLength(1);
    expect(refs).toEqual(expect.arrayContaining(['JKK_DEATH', 'JKK_FUNERAL', 'JKK_PERIODIC']));
    expect(new Set(refs).size).toBe(refs.length);
    await recordHistory(env.client, claimNumber, 'accident-escalated-to-death');
  });
});
