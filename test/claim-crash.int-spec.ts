import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import type { BankSim } from '../apps/bank-sim/src/bank-sim';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { ClaimsHarness, startTestBank } from './support/claims';
import { eventually, temporalClient, useTestEnv } from './support/stack';

const ROOT = path.resolve(__dirname, '..');

/** The real worker as its own process (apps/worker/src/main.ts), so that it can be killed outright. */
function spawnWorker(): ChildProcess {
  return spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/worker/src/main.ts'],
    { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'silent' }, stdio: ['ignore', 'ignore', 'inherit'] },
  );
}

/** No double payment, nothing lost: SIGKILL the worker in the middle of the payouts and start it again. */
describe('claim payout survives a killed worker', () => {
  let ctx: INestApplicationContext;
  let temporal: Awaited<ReturnType<typeof temporalClient>>;
  let bank: BankSim;
  let h: ClaimsHarness;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    const taskQueue = useTestEnv('crash');
    bank = await startTestBank();
    ctx = await NestFactory.createApplicationContext(WorkerModule, { logger: false });
    temporal = await temporalClient();
    h = new ClaimsHarness(ctx, temporal.client, taskQueue, bank);
  });

  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await ctx?.close();
    await temporal?.close();
    await bank?.close();
  });

  it('kills the worker after the first transfer; after a restart the ledger has exactly one transfer per line item', async () => {
    child = spawnWorker();
    const { claimNumber } = await h.file({ incidentType: 'DEATH' });
    await h.stage(claimNumber, 'AWAITING_VERIFICATION', 90000);
    await h.commands.verify(claimNumber, {
      actor: 'officer-1',
      decision: 'ACCEPT',
      onDuty: true,
      workRelated: false,
      reason: 'JKM case',
    });
    await h.completeDocuments(claimNumber);
    await h.stage(claimNumber, 'BENEFIT_PROPOSAL');
    await h.commands.proposeBenefit(claimNumber, { actor: 'officer-1' });
    await h.setAccount(claimNumber, '1122334455');
    bank.faults.latencyMs = 800; // slow bank: the kill lands between transfers
    await h.commands.decideApproval(claimNumber, {
      actor: 'supervisor-1',
      role: 'BPJS_SUPERVISOR',
      decision: 'APPROVE',
    });

    await eventually(async () => h.ledger(claimNumber).length >= 1, 60000);
    child.kill('SIGKILL');
    await new Promise((r) => child!.once('exit', r));
    const atKill = h.ledger(claimNumber).length;
    expect(atKill).toBeLessThan(3);

    child = spawnWorker();
    const final = await h.handle(claimNumber).result();
    expect(final).toMatchObject({ stage: 'CLOSED', paidTotal: 42_000_000 });
    const ledger = h.ledger(claimNumber);
    expect(ledger).toHaveLength(3);
    expect(new Set(ledger.map((t) => t.reference)).size).toBe(3);
    expect(ledger.map((t) => t.amount).sort()).toEqual([10_000_000, 12_000_000, 20_000_000]);
    const [{ n }] = await h.ds.query(
      `SELECT count(*)::int AS n FROM claim_payment WHERE claim_number = $1 AND status = 'COMPLETED'`,
      [claimNumber],
    );
    expect(n).toBe(3);
    child.kill('SIGTERM');
    await new Promise((r) => child!.once('exit', r));
  }, 180000);

  it('a command that reaches a claim in its first workflow task is not overwritten by the REPORTED step', async () => {
    // no worker runs: the claim's workflow is started on the server and the withdrawal waits there for a worker,
    // so the worker gets both in its first task (a command to a claim whose start was still queued)
    expect(child?.exitCode).not.toBeNull();
    const { claimNumber } = await h.file({ incidentType: 'ACCIDENT' });
    await h.claims.startsSettled();
    const withdrawal = h.commands.withdraw(claimNumber, { actor: 'officer-1', reason: 'filed by mistake' });
    await new Promise((r) => setTimeout(r, 1500));
    child = spawnWorker();
    const s = await withdrawal;
    expect(s.stage).toBe('WITHDRAWN');
    const final = await h.handle(claimNumber).result();
    expect(final.stage).toBe('WITHDRAWN');
    const types: string[] = final.timeline.map((e: { type: string }) => e.type);
    expect(types[0]).toBe('REPORTED'); // recorded first, then the withdrawal, which stands
    expect(types.at(-1)).toBe('WITHDRAWN');
    expect(types.filter((t) => t === 'WITHDRAWN')).toHaveLength(1);
    const [row] = await h.ds.query(`SELECT stage FROM claim WHERE claim_number = $1`, [claimNumber]);
    expect(row.stage).toBe('WITHDRAWN');
    child.kill('SIGTERM');
  }, 120000);
});
