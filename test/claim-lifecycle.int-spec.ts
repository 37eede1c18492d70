import { ClaimCommandRefusedError, ClaimProjectionService } from '@sigap/claims';
import type { ClaimEventProjection } from '@sigap/workflows';
import type { BankSim } from '../apps/bank-sim/src/bank-sim';
import { ClaimsHarness, isoDate, recordHistory, startTestBank, testNik } from './support/claims';
import { eventually, RunningWorker, startWorker, temporalClient, useTestEnv } from './support/stack';

/**
 * The claim lifecycle against the real Temporal dev server, the real worker (activities from Nest services),
 * PostgreSQL and the bank simulator. Time-driven paths (reminders, penalties, installments) are in
 * claim-timers.int-spec.ts on the time-skipping server.
 */
describe('claim lifecycle (dev server)', () => {
  let worker: RunningWorker;
  let temporal: Awaited<ReturnType<typeof temporalClient>>;
  let bank: BankSim;
  let h: ClaimsHarness;

  beforeAll(async () => {
    const taskQueue = useTestEnv('claims');
    bank = await startTestBank();
    worker = await startWorker(taskQueue);
    temporal = await temporalClient();
    h = new ClaimsHarness(worker.ctx, temporal.client, taskQueue, bank);
  });

  afterAll(async () => {
    await worker?.stop();
    await temporal?.close();
    await bank?.close();
  });

  const refused = (p: Promise<unknown>, type: string, text: string | RegExp) =>
    expect(p).rejects.toMatchObject({
      name: 'ClaimCommandRefusedError',
      type,
      message: expect.stringMatching(text),
    });

  it('JKM death: verified, documents accepted, four-eyes approved, paid Rp42.000.000 and closed', async () => {
    const { claimNumber } = await h.file({ incidentType: 'DEATH' });
    await h.stage(claimNumber, 'AWAITING_VERIFICATION');

    // a step in the wrong stage is refused, and leaves no trace
    const before = (await h.state(claimNumber)).timeline.length;
    await refused(
      h.commands.proposeBenefit(claimNumber, { actor: 'officer-1' }),
      'NotAllowedInStage',
      /AWAITING_VERIFICATION/,
    );
    await refused(
      h.commands.verify(claimNumber, { actor: 'officer-1', decision: 'ACCEPT', onDuty: true, reason: 'ok' }),
      'InvalidCommand',
      /reason is required/,
    );
    await refused(
      h.commands.verify(claimNumber, {
        actor: 'officer-1',
        decision: 'ACCEPT',
        onDuty: true,
        reason: 'Died at the TPS',
      }),
      'InvalidCommand',
      /workRelated/,
    );
    expect((await h.state(claimNumber)).timeline).toHaveLength(before);

    const verified = await h.commands.verify(claimNumber, {
      actor: 'officer-1',
      decision: 'ACCEPT',
      onDuty: true,
      workRelated: false,
      reason: 'Heart attack at home after duty; not caused by work',
    });
    expect(verified).toMatchObject({ stage: 'DOCUMENTS', determination: 'JKM_DEATH' });
    expect(verified.documents.map((d) => d.code)).toEqual([
      'BPJS_MEMBERSHIP_CARD',
      'DECEASED_EKTP',
      'HEIRS_KTP',
      'FAMILY_CARD_KK',
      'DEATH_CERTIFICATE',
      'HEIRSHIP_CERTIFICATE',
      'HEIR_BANK_ACCOUNT',
    ]);

    await h.completeDocuments(claimNumber);
    const proposal = await h.stage(claimNumber, 'BENEFIT_PROPOSAL');
    expect(proposal.paymentDeadline).toBeDefined();
    expect(proposal.benefit?.total).toBe(42_000_000);

    // statutory amounts cannot be adjusted
    await refused(
      h.commands.proposeBenefit(claimNumber, {
        actor: 'officer-1',
        adjustments: [{ key: 'JKM_FUNERAL', amount: 5_000_000, reason: 'the family paid less' }],
      }),
      'InvalidCommand',
      /statutory amount/,
    );
    const proposed = await h.commands.proposeBenefit(claimNumber, { actor: 'officer-1' });
    expect(proposed).toMatchObject({ stage: 'AWAITING_APPROVAL', approvalsRequired: 1 });
    expect(proposed.benefit!.lineItems.map((l) => [l.code, l.amount])).toEqual([
      ['JKM_LUMP_SUM', 20_000_000],
      ['JKM_PERIODIC', 12_000_000],
      ['JKM_FUNERAL', 10_000_000],
    ]);

    await h.setAccount(claimNumber);
    // four-eyes: the proposing officer cannot approve; a supervisor can
    await refused(
      h.commands.decideApproval(claimNumber, {
        actor: 'officer-1',
        role: 'BPJS_SUPERVISOR',
        decision: 'APPROVE',
      }),
      'FourEyes',
      /four-eyes/,
    );
    await refused(
      h.commands.decideApproval(claimNumber, { actor: 'kpu-1', role: 'KPU_APPROVER', decision: 'APPROVE' }),
      'Forbidden',
      /BPJS_SUPERVISOR/,
    );
    const approved = await h.commands.decideApproval(claimNumber, {
      actor: 'supervisor-1',
      role: 'BPJS_SUPERVISOR',
      decision: 'APPROVE',
    });
    expect(approved.stage).toBe('PAYOUT');

    const final = await h.handle(claimNumber).result();
    expect(final.stage).toBe('CLOSED');
    expect(final.paidTotal).toBe(42_000_000);
    expect(final.payments.map((p: { status: string }) => p.status)).toEqual(['PAID', 'PAID', 'PAID']);
    // the bank: exactly one transfer per line item
    const ledger = h.ledger(claimNumber);
    expect(ledger.map((t) => t.amount).sort()).toEqual([10_000_000, 12_000_000, 20_000_000]);
    expect(new Set(ledger.map((t) => t.idempotencyKey)).size).toBe(3);
    // the state never carries the account number, only its masked form
    expect(final.payoutAccount?.masked).toBe('BNI ******7890');
    expect(JSON.stringify(final)).not.toContain('1234567890');

    // read model and audit
    const [claim] = await h.ds.query(
      `SELECT stage, determination, paid_total::int AS paid, benefit_total::int AS benefit, payment_deadline FROM claim WHERE claim_number = $1`,
      [claimNumber],
    );
    expect(claim).toMatchObject({
      stage: 'CLOSED',
      determination: 'JKM_DEATH',
      paid: 42_000_000,
      benefit: 42_000_000,
    });
    const events = await h.events(claimNumber);
    expect(events.map((e) => e.type)).toEqual(
      expect.arrayContaining([
        'VERIFIED',
        'DOCUMENTS_COMPLETE',
        'BENEFIT_PROPOSED',
        'APPROVED',
        'PAID',
        'CLOSED',
      ]),
    );
    expect(events.find((e) => e.type === 'APPROVED')!.actor).toBe('supervisor-1');
    const [audit] = await h.ds.query(
      `SELECT before, after FROM claim_event WHERE claim_number = $1 AND type = 'APPROVED'`,
      [claimNumber],
    );
    expect(audit.before.stage).toBe('AWAITING_APPROVAL');
    expect(audit.after.stage).toBe('PAYOUT');
    // hole 1 of issue 20: a paid claim is never reopened (the reopened claim used to pay everything again)
    await refused(
      h.claims.reopenClaim(claimNumber, { actor: 'supervisor-1', reason: 'pay it again please' }),
      'NotAllowedInStage',
      /CLOSED: only a rejected claim/,
    );
    const [{ reopens }] = await h.ds.query(
      `SELECT count(*)::int AS reopens FROM claim WHERE reopen_of = $1`,
      [claimNumber],
    );
    expect(reopens).toBe(0);
    const [{ n: uploads }] = await h.ds.query(
      `SELECT count(*)::int AS n FROM claim_document_upload WHERE claim_number = $1 AND checksum_sha256 ~ '^[0-9a-f]{64}$'`,
      [claimNumber],
    );
    expect(uploads).toBe(7);
    const [{ n: stored }] = await h.ds.query(
      `SELECT count(*)::int AS n FROM claim_bank_account WHERE claim_number = $1 AND account_number_enc NOT LIKE '%1234567890%'`,
      [claimNumber],
    );
    expect(stored).toBe(1);
    await recordHistory(temporal.client, claimNumber, 'jkm-death-paid');
  });

  it('JKK death (work-related): Rp142.000.000 for a Rp2.500.000 wage needs two different approvers', async () => {
    const { claimNumber } = await h.file({ incidentType: 'DEATH', wageBase: 2_500_000 });
    await h.stage(claimNumber, 'AWAITING_VERIFICATION');
    await h.commands.verify(claimNumber, {
      actor: 'officer-2',
      decision: 'ACCEPT',
      onDuty: true,
      workRelated: true,
      reason: 'Sudden death at the TPS, brought to RSUD, died within 24 h',
    });
    const docs = await h.completeDocuments(claimNumber, 'officer-2');
    expect(docs.documents.map((d) => d.code)).toContain('ACCIDENT_REPORT_STAGE_1');
    await h.stage(claimNumber, 'BENEFIT_PROPOSAL');
    const p = await h.commands.proposeBenefit(claimNumber, { actor: 'officer-2' });
    expect(p.benefit!.total).toBe(142_000_000);
    expect(p.approvalsRequired).toBe(2);
    await h.setAccount(claimNumber, '2233445566');
    const first = await h.commands.decideApproval(claimNumber, {
      actor: 'supervisor-1',
      role: 'BPJS_SUPERVISOR',
      decision: 'APPROVE',
    });
    expect(first.stage).toBe('AWAITING_APPROVAL');
    await refused(
      h.commands.decideApproval(claimNumber, {
        actor: 'supervisor-1',
        role: 'BPJS_SUPERVISOR',
        decision: 'APPROVE',
      }),
      'FourEyes',
      /different approver/,
    );
    await h.commands.decideApproval(claimNumber, {
      actor: 'supervisor-2',
      role: 'BPJS_SUPERVISOR',
      decision: 'APPROVE',
    });
    const final = await h.handle(claimNumber).result();
    expect(final).toMatchObject({ stage: 'CLOSED', determination: 'JKK_DEATH', paidTotal: 142_000_000 });
    expect(
      h
        .ledger(claimNumber)
        .map((t) => t.amount)
        .sort((a, b) => a - b),
    ).toEqual([10_000_000, 12_000_000, 120_000_000]);
    await recordHistory(temporal.client, claimNumber, 'jkk-death-two-approvers');
  });

  it('four-eyes: a supervisor sends the proposal back with a reason; the officer proposes again', async () => {
    const { claimNumber } = await h.file({ incidentType: 'DEATH' });
    await h.stage(claimNumber, 'AWAITING_VERIFICATION');
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
    await refused(
      h.commands.decideApproval(claimNumber, {
        actor: 'supervisor-1',
        role: 'BPJS_SUPERVISOR',
        decision: 'SEND_BACK',
      }),
      'InvalidCommand',
      /reason is required/,
    );
    const back = await h.commands.decideApproval(claimNumber, {
      actor: 'supervisor-1',
      role: 'BPJS_SUPERVISOR',
      decision: 'SEND_BACK',
      reason: 'check the heirship certificate date',
    });
    expect(back.stage).toBe('BENEFIT_PROPOSAL');
    expect(back.assignee).toEqual({ role: 'BPJS_OFFICER', actor: 'officer-1' });
    await h.commands.proposeBenefit(claimNumber, { actor: 'officer-1', note: 'certificate checked' });
    await refused(
      h.commands.decideApproval(claimNumber, {
        actor: 'supervisor-1',
        role: 'BPJS_SUPERVISOR',
        decision: 'APPROVE',
      }),
      'NotReady',
      /payout account/,
    );
    const w = await h.commands.withdraw(claimNumber, {
      actor: 'family-1',
      reason: 'the family withdraws the claim',
    });
    expect(w.stage).toBe('WITHDRAWN');
    await recordHistory(temporal.client, claimNumber, 'four-eyes-send-back-withdrawn');
  });

  it('rejection with a reason, then a reopened claim linked to the original', async () => {
    const { claimNumber } = await h.file({ incidentType: 'ACCIDENT' });
    await h.stage(claimNumber, 'AWAITING_VERIFICATION');
    await refused(
      h.commands.verify(claimNumber, {
        actor: 'officer-1',
        decision: 'ACCEPT',
        onDuty: false,
        reason: 'Fell at home',
      }),
      'InvalidCommand',
      /not a work accident/,
    );
    // ask the reporter; the claim waits for the answer
    const asked = await h.commands.verify(claimNumber, {
      actor: 'officer-1',
      decision: 'REQUEST_INFO',
      reason: 'place unclear',
      question: 'Where exactly did the fall happen?',
    });
    expect(asked.stage).toBe('INFO_REQUESTED');
    const answered = await h.commands.answerInfoRequest(claimNumber, {
      actor: 'reporter-1',
      answer: 'At home, after duty',
    });
    expect(answered.stage).toBe('AWAITING_VERIFICATION');
    const rejected = await h.commands.verify(claimNumber, {
      actor: 'officer-1',
      decision: 'REJECT',
      reason: 'The fall happened at home, not on duty nor on the way',
    });
    expect(rejected.stage).toBe('REJECTED');
    expect((await h.handle(claimNumber).result()).stage).toBe('REJECTED');
    await expect(
      h.commands.withdraw(claimNumber, { actor: 'x', reason: 'too late now' }),
    ).rejects.toBeDefined();

    const reopened = await h.claims.reopenClaim(claimNumber, {
      actor: 'supervisor-1',
      reason: 'new witness: it was on the way home',
    });
    const s = await h.stage(reopened.claimNumber, 'AWAITING_VERIFICATION');
    expect(s.reopenOf).toEqual({ claimNumber, reason: 'new witness: it was on the way home' });
    const [row] = await h.ds.query(`SELECT reopen_of FROM claim WHERE claim_number = $1`, [
      reopened.claimNumber,
    ]);
    expect(row.reopen_of).toBe(claimNumber);
    // hole 1 of issue 20: a second reopen (a double click, a retry, at once) answers the same claim, never a new one
    const again = await Promise.all(
      [1, 2, 3].map(() =>
        h.claims.reopenClaim(claimNumber, { actor: 'supervisor-2', reason: 'clicked twice' }),
      ),
    );
    expect(again.map((r) => [r.claimNumber, r.replayed])).toEqual(
      [1, 2, 3].map(() => [reopened.claimNumber, true]),
    );
    const [{ reopens }] = await h.ds.query(
      `SELECT count(*)::int AS reopens FROM claim WHERE reopen_of = $1`,
      [claimNumber],
    );
    expect(reopens).toBe(1);
    await h.commands.withdraw(reopened.claimNumber, { actor: 'officer-1', reason: 'test clean-up' });
    await recordHistory(temporal.client, claimNumber, 'info-request-rejected');
  });

  it('a rejected document is uploaded again and accepted; notifications land in the outbox', async () => {
    const { claimNumber } = await h.file({ incidentType: 'DEATH' });
    await h.stage(claimNumber, 'AWAITING_VERIFICATION');
    const v = await h.commands.verify(claimNumber, {
      actor: 'officer-1',
      decision: 'ACCEPT',
      onDuty: true,
      workRelated: false,
      reason: 'JKM case',
      caseFacts: { heirIsSpouse: true },
    });
    expect(v.documents.map((d) => d.code)).toContain('MARRIAGE_BOOK');
    await h.upload(claimNumber, 'DEATH_CERTIFICATE');
    await eventually(
      async () =>
        (await h.state(claimNumber)).documents.find((d) => d.code === 'DEATH_CERTIFICATE')!.status ===
        'UPLOADED',
    );
    await refused(
      h.commands.reviewDocument(claimNumber, {
        actor: 'officer-1',
        documentCode: 'DEATH_CERTIFICATE',
        decision: 'REJECT',
      }),
      'InvalidCommand',
      /reason is required/,
    );
    await refused(
      h.commands.reviewDocument(claimNumber, {
        actor: 'officer-1',
        documentCode: 'HEIRS_KTP',
        decision: 'ACCEPT',
      }),
      'NotAllowedInStage',
      /no upload waiting/,
    );
    const r = await h.commands.reviewDocument(claimNumber, {
      actor: 'officer-1',
      documentCode: 'DEATH_CERTIFICATE',
      decision: 'REJECT',
      reason: 'the scan is unreadable',
    });
    expect(r.documents.find((d) => d.code === 'DEATH_CERTIFICATE')).toMatchObject({
      status: 'REJECTED',
      reason: 'the scan is unreadable',
    });
    await h.upload(claimNumber, 'DEATH_CERTIFICATE');
    await eventually(
      async () =>
        (await h.state(claimNumber)).documents.find((d) => d.code === 'DEATH_CERTIFICATE')!.status ===
        'UPLOADED',
    );
    const a = await h.commands.reviewDocument(claimNumber, {
      actor: 'officer-1',
      documentCode: 'DEATH_CERTIFICATE',
      decision: 'ACCEPT',
    });
    expect(a.documents.find((d) => d.code === 'DEATH_CERTIFICATE')).toMatchObject({
      status: 'ACCEPTED',
      uploads: 2,
    });
    const [doc] = await h.ds.query(
      `SELECT status FROM claim_document WHERE claim_number = $1 AND code = 'DEATH_CERTIFICATE'`,
      [claimNumber],
    );
    expect(doc.status).toBe('ACCEPTED');
    const outbox = await h.ds.query(
      `SELECT template FROM notification_outbox WHERE claim_number = $1 ORDER BY id`,
      [claimNumber],
    );
    expect(outbox.map((o: { template: string }) => o.template)).toEqual([
      'DOCUMENTS_REQUESTED',
      'DOCUMENT_REJECTED',
    ]);
    await h.commands.withdraw(claimNumber, { actor: 'family-1', reason: 'the family withdraws' });
    await recordHistory(temporal.client, claimNumber, 'document-rejected-reuploaded');
  });

  it('not covered → officer confirms → KPU santunan track: KPU schedule, KPU approver, KPU pays Rp46.000.000', async () => {
    const { claimNumber } = await h.file({ incidentType: 'DEATH', covered: false });
    const review = await h.stage(claimNumber, 'COVERAGE_REVIEW');
    expect(review.coverage?.outcome).toBe('NO_RECORD');
    await refused(
      h.commands.reviewCoverage(claimNumber, {
        actor: 'officer-1',
        decision: 'OVERRIDE_COVERED',
        reason: 'enrolled late',
      }),
      'InvalidCommand',
      /evidence is required/,
    );
    const confirmed = await h.commands.reviewCoverage(claimNumber, {
      actor: 'officer-1',
      decision: 'CONFIRM_NOT_COVERED',
      reason: 'not enrolled by the regional government',
    });
    expect(confirmed).toMatchObject({ stage: 'AWAITING_VERIFICATION', track: 'KPU_SANTUNAN' });
    const v = await h.commands.verify(claimNumber, {
      actor: 'officer-1',
      decision: 'ACCEPT',
      onDuty: true,
      reason: 'Died during counting',
    });
    expect(v.determination).toBe('KPU_DEATH');
    expect(v.documents.map((d) => d.code)).toContain('SK_APPOINTMENT');
    await h.completeDocuments(claimNumber);
    const draft = await h.stage(claimNumber, 'BENEFIT_PROPOSAL');
    expect(draft.paymentDeadline).toBeUndefined(); // no BPJS SLA on the KPU track
    await h.commands.proposeBenefit(claimNumber, { actor: 'officer-1' });
    await h.setAccount(claimNumber, '3344556677');
    await refused(
      h.commands.decideApproval(claimNumber, {
        actor: 'supervisor-1',
        role: 'BPJS_SUPERVISOR',
        decision: 'APPROVE',
      }),
      'Forbidden',
      /KPU_APPROVER/,
    );
    await h.commands.decideApproval(claimNumber, {
      actor: 'kpu-approver-1',
      role: 'KPU_APPROVER',
      decision: 'APPROVE',
    });
    const final = await h.handle(claimNumber).result();
    expect(final).toMatchObject({ stage: 'CLOSED', track: 'KPU_SANTUNAN', paidTotal: 46_000_000 });
    expect(final.benefit!.lineItems.every((l: { payer: string }) => l.payer === 'KPU')).toBe(true);
    expect(h.ledger(claimNumber)).toHaveLength(2);
    await recordHistory(temporal.client, claimNumber, 'kpu-santunan');
  });

  it('an invalid account pauses the claim; a corrected account resumes the payout', async () => {
    const { claimNumber } = await h.file({ incidentType: 'DEATH' });
    await h.stage(claimNumber, 'AWAITING_VERIFICATION');
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
    await h.setAccount(claimNumber, '0001112223'); // the bank does not know it
    await h.commands.decideApproval(claimNumber, {
      actor: 'supervisor-1',
      role: 'BPJS_SUPERVISOR',
      decision: 'APPROVE',
    });
    const paused = await h.stage(claimNumber, 'ACCOUNT_INVALID');
    expect(paused.assignee?.role).toBe('FAMILY');
    expect(h.ledger(claimNumber)).toHaveLength(0);
    // hole 3 of issue 20: the corrected account is a new payee: it goes back to the approver (it used to pay at once)
    const corrected = await h.setAccount(claimNumber, '5566778899');
    expect(corrected.stage).toBe('AWAITING_APPROVAL');
    expect(corrected.approvals).toEqual([]);
    expect(h.ledger(claimNumber)).toHaveLength(0);
    await h.commands.decideApproval(claimNumber, {
      actor: 'supervisor-2',
      role: 'BPJS_SUPERVISOR',
      decision: 'APPROVE',
    });
    const final = await h.handle(claimNumber).result();
    expect(final).toMatchObject({ stage: 'CLOSED', paidTotal: 42_000_000 });
    expect(h.ledger(claimNumber).every((t) => t.accountNumber === '5566778899')).toBe(true);
    expect(h.ledger(claimNumber)).toHaveLength(3);
    await recordHistory(temporal.client, claimNumber, 'invalid-account-corrected');
  });

  it('the bank times out after applying a transfer: the retry is de-duplicated, one transfer per line item', async () => {
    const { claimNumber } = await h.file({ incidentType: 'DEATH' });
    await h.stage(claimNumber, 'AWAITING_VERIFICATION');
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
    await h.setAccount(claimNumber, '6677889900');
    // applied, then answered after the client's 2 s time-out; then a lost response; then a 503
    Object.assign(bank.faults, { slowAfterApply: 1, slowAfterApplyMs: 4000, lostResponses: 1, fail5xx: 1 });
    const requestsBefore = bank.requests;
    await h.commands.decideApproval(claimNumber, {
      actor: 'supervisor-1',
      role: 'BPJS_SUPERVISOR',
      decision: 'APPROVE',
    });
    const final = await h.handle(claimNumber).result();
    expect(final).toMatchObject({ stage: 'CLOSED', paidTotal: 42_000_000 });
    const ledger = h.ledger(claimNumber);
    expect(ledger).toHaveLength(3);
    expect(new Set(ledger.map((t) => t.reference)).size).toBe(3);
    expect(bank.requests - requestsBefore).toBeGreaterThanOrEqual(6); // 3 transfers + 3 retries
    const payments = await h.ds.query(
      `SELECT line_key, status, attempts FROM claim_payment WHERE claim_number = $1 ORDER BY line_key`,
      [claimNumber],
    );
    expect(payments.every((p: { status: string }) => p.status === 'COMPLETED')).toBe(true);
    expect(payments.some((p: { attempts: number }) => p.attempts > 1)).toBe(true);
  });

  it('a second report of the same worker and day joins the claim; a late first report is flagged', async () => {
    // two reports on one calendar day in Indonesia (WIB), three days ago: late, whatever the time of the run
    const day = isoDate(new Date(Date.now() - 3 * 86400e3));
    const first = await h.file({ incidentType: 'ACCIDENT', occurredAt: new Date(`${day}T10:00:00+07:00`) });
    const s = await h.stage(first.claimNumber, 'AWAITING_VERIFICATION');
    expect(s.lateReport).toBe(true);
    expect(s.lateReportConsequence).toMatch(/employer/);
    const second = await h.claims.fileIncident({
      workerNik: first.nik,
      incidentType: 'ACCIDENT',
      occurredAt: new Date(`${day}T11:00:00+07:00`),
      regionCode: '3273011001',
    });
    expect(second).toMatchObject({ claimNumber: first.claimNumber, joined: true, trackingCode: null });
    const [row] = await h.ds.query(`SELECT report_count FROM claim WHERE claim_number = $1`, [
      first.claimNumber,
    ]);
    expect(row.report_count).toBe(2);
    expect(isoDate(new Date())).toMatch(/^\d{4}-/);
    await h.commands.withdraw(first.claimNumber, { actor: 'officer-1', reason: 'test clean-up' });
  });

  it('filing answers once the claim is stored; every workflow starts, and a command reaches a claim not started yet', async () => {
    // a burst: the answers come back before (most) workflows run; the starter and the worker catch up
    const filed = await Promise.all(Array.from({ length: 12 }, () => h.file({ incidentType: 'DEATH' })));
    expect(new Set(filed.map((f) => f.claimNumber)).size).toBe(12);
    await h.claims.startsSettled();
    const [{ pending }] = await h.ds.query(
      `SELECT count(*)::int AS pending FROM claim WHERE claim_number = ANY($1) AND workflow_started_at IS NULL`,
      [filed.map((f) => f.claimNumber)],
    );
    expect(pending).toBe(0);
    for (const f of filed) await h.stage(f.claimNumber, 'AWAITING_VERIFICATION');

    // a claim stored while Temporal was unreachable (no workflow): the first command starts it, then applies
    const nik =
      filed[0].nik.slice(0, 12) + String((Number(filed[0].nik.slice(12)) + 5000) % 10000).padStart(4, '0');
    const [stored] = await h.ds.query(
      `SELECT * FROM file_incident($1, 'ACCIDENT', now() - interval '2 hours', now(), '3273011001', 3, NULL, NULL,
                                   NULL, NULL, NULL, NULL, NULL, NULL, repeat('a', 64), false)`,
      [nik],
    );
    expect(stored).toMatchObject({ joined: false, stage: 'REPORTED' });
    await expect(h.handle(stored.claim_number).describe()).rejects.toThrow(/not found/i);
    const s = await h.commands.withdraw(stored.claim_number, {
      actor: 'officer-1',
      reason: 'filed twice by mistake',
    });
    expect(s.stage).toBe('WITHDRAWN');
    const [row] = await h.ds.query(`SELECT workflow_started_at FROM claim WHERE claim_number = $1`, [
      stored.claim_number,
    ]);
    expect(row.workflow_started_at).not.toBeNull();
    for (const f of filed)
      await h.commands.withdraw(f.claimNumber, { actor: 'officer-1', reason: 'test clean-up' });
  });

  it('while the api is busy the workflow starts wait, for WORKFLOW_START_DEFER_SECONDS at most', async () => {
    const pendingOf = async (numbers: string[]) =>
      (
        await h.ds.query(
          `SELECT count(*)::int AS n FROM claim WHERE claim_number = ANY($1) AND workflow_started_at IS NULL`,
          [numbers],
        )
      )[0].n as number;
    const { requestRate, startDeferMs } = h.claims;
    let rps = 500; // the api answering 500 requests a second (the threshold is WORKFLOW_START_BUSY_RPS, 20)
    h.claims.requestRate = { perSecond: () => rps };
    h.claims.startDeferMs = 60000; // the default (the tests run with 0: test/support/stack.ts)
    try {
      const busy = await Promise.all(Array.from({ length: 3 }, () => h.file({ incidentType: 'ACCIDENT' })));
      const numbers = busy.map((f) => f.claimNumber);
      await new Promise((r) => setTimeout(r, 1500));
      // stored and answered, stage REPORTED in the read model; no workflow yet
      expect(await pendingOf(numbers)).toBe(3);
      const started = h.claims.startsSettled();
      rps = 5; // quiet again: they start within a tenth of a second or so
      await started;
      expect(await pendingOf(numbers)).toBe(0);

      // busy for longer than the longest wait: the starts go ahead anyway
      rps = 500;
      h.claims.startDeferMs = 1000;
      const t0 = Date.now();
      const late = await h.file({ incidentType: 'ACCIDENT' });
      await h.claims.startsSettled();
      expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
      expect(await pendingOf([late.claimNumber])).toBe(0);
      for (const n of [...numbers, late.claimNumber]) {
        await h.stage(n, 'AWAITING_VERIFICATION');
        await h.commands.withdraw(n, { actor: 'officer-1', reason: 'test clean-up' });
      }
    } finally {
      h.claims.requestRate = requestRate;
      h.claims.startDeferMs = startDeferMs;
    }
  });

  it('keyed filings made together are filed in one statement; one the database refuses fails alone', async () => {
    const report = (o: { region?: string } = {}) => ({
      workerNik: testNik(),
      incidentType: 'ACCIDENT' as const,
      occurredAt: new Date(Date.now() - 3 * 3600e3),
      regionCode: o.region ?? '3273011001',
      tpsNumber: 7,
      chronology: 'Terjatuh saat mengangkut kotak suara.',
    });
    const once = (key: string) => ({
      scope: 'test-batch',
      key,
      requestHash: key.padEnd(64, '0').slice(0, 64),
    });
    const statements: string[] = [];
    const query = h.ds.query.bind(h.ds);
    const spy = jest.spyOn(h.ds, 'query').mockImplementation((...args: Parameters<typeof query>) => {
      statements.push(String(args[0]));
      return query(...args);
    });
    const filings = (s: string[]) =>
      s.filter((q) => /file_incidents?_once\(/.test(q)).map((q) => q.match(/file_incidents?_once/)![0]);
    try {
      // three reports and a retry of the first with its key, all at once: one statement
      const first = report();
      const k = `k-${Date.now()}`;
      const answers = await Promise.all([
        h.claims.fileIncidentOnce(first, once(`${k}-1`)),
        h.claims.fileIncidentOnce(report(), once(`${k}-2`)),
        h.claims.fileIncidentOnce(report(), once(`${k}-3`)),
        h.claims.fileIncidentOnce(first, once(`${k}-1`)),
      ]);
      expect(filings(statements)).toEqual(['file_incidents_once']);
      expect(answers.map((a) => a.replayed)).toEqual([false, false, false, true]);
      expect(answers[3].response).toBe(answers[0].response);
      const numbers = answers
        .slice(0, 3)
        .map((a) => (JSON.parse(a.response) as { claimNumber: string }).claimNumber);
      expect(new Set(numbers).size).toBe(3);
      const [{ n }] = await h.ds.query(`SELECT count(*)::int AS n FROM claim WHERE claim_number = ANY($1)`, [
        numbers,
      ]);
      expect(n).toBe(3);

      // two reports of one worker and day in one batch, each with its own key: the second joins the first's claim
      statements.length = 0;
      const again = report();
      const [opened, joinedIt] = await Promise.all([
        h.claims.fileIncidentOnce(again, once(`${k}-j1`)),
        h.claims.fileIncidentOnce(
          { ...again, chronology: 'Laporan kedua dari ketua KPPS.' },
          once(`${k}-j2`),
        ),
      ]);
      expect(filings(statements)).toEqual(['file_incidents_once']);
      const a = JSON.parse(opened.response) as {
        claimNumber: string;
        trackingCode: string | null;
        joined: boolean;
      };
      const b = JSON.parse(joinedIt.response) as typeof a;
      expect([a.joined, b.joined, b.claimNumber, b.trackingCode]).toEqual([false, true, a.claimNumber, null]);
      expect(a.trackingCode).toMatch(/^[2-9A-Z]{10}$/);
      const [{ reports, counted }] = await h.ds.query(
        `SELECT (SELECT count(*)::int FROM claim_report WHERE claim_number = $1) AS reports,
                (SELECT report_count FROM claim WHERE claim_number = $1) AS counted`,
        [a.claimNumber],
      );
      expect([reports, counted]).toEqual([2, 2]);

      // a report the database refuses (a region code its check does not take) with two good ones: the batch is
      // undone and each is filed on its own; only the bad one fails
      statements.length = 0;
      const bad = report({ region: 'XX' });
      const mixed = await Promise.allSettled([
        h.claims.fileIncidentOnce(report(), once(`${k}-4`)),
        h.claims.fileIncidentOnce(bad, once(`${k}-5`)),
        h.claims.fileIncidentOnce(report(), once(`${k}-6`)),
      ]);
      expect(filings(statements).sort()).toEqual([
        'file_incident_once',
        'file_incident_once',
        'file_incident_once',
        'file_incidents_once',
      ]);
      expect(mixed.map((m) => m.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      const [{ kept }] = await h.ds.query(
        `SELECT count(*)::int AS kept FROM idempotency_record WHERE scope = 'test-batch' AND key = $1`,
        [`${k}-5`],
      );
      expect(kept).toBe(0);
      const [{ incidents }] = await h.ds.query(
        `SELECT count(*)::int AS incidents FROM incident WHERE worker_nik = $1`,
        [bad.workerNik],
      );
      expect(incidents).toBe(0);
    } finally {
      spy.mockRestore();
    }
    await h.claims.startsSettled();
  });

  it('the sweeper starts a reopened claim whose start did not go through, as a reopened claim', async () => {
    const { claimNumber } = await h.file({ incidentType: 'ACCIDENT' });
    await h.stage(claimNumber, 'AWAITING_VERIFICATION');
    await h.commands.withdraw(claimNumber, { actor: 'officer-1', reason: 'family asked to stop' });
    // the reopened claim as stored just before a crash: no workflow yet
    const [orig] = await h.ds.query(`SELECT * FROM claim WHERE claim_number = $1`, [claimNumber]);
    const number = `SGP-2026-9${String(Date.now() % 100000).padStart(5, '0')}`;
    await h.ds.query(
      `INSERT INTO claim (claim_number, incident_id, tracking_code_hash, stage, regency_code, late_report, reopen_of,
                          reopen_reason, reopened_by, created_at)
       VALUES ($1, $2, $3, 'REPORTED', $4, false, $5, 'family asks to continue', 'supervisor-1', now() - interval '5 minutes')`,
      [number, orig.incident_id, orig.tracking_code_hash, orig.regency_code, claimNumber],
    );
    expect(await h.claims.startPendingWorkflows()).toBeGreaterThanOrEqual(1);
    const s = await h.stage(number, 'AWAITING_VERIFICATION');
    expect(s.reopenOf).toEqual({ claimNumber, reason: 'family asks to continue' });
    expect(s.timeline.find((e) => e.type === 'REOPENED')?.actor).toBe('supervisor-1');
    await h.commands.withdraw(number, { actor: 'officer-1', reason: 'test clean-up' });
  });

  it('hole 3: a payee swapped between two approvals resets them; a holder-name mismatch waits for an officer', async () => {
    const { claimNumber } = await h.file({ incidentType: 'DEATH', wageBase: 2_500_000 });
    await h.stage(claimNumber, 'AWAITING_VERIFICATION');
    await h.commands.verify(claimNumber, {
      actor: 'officer-2',
      decision: 'ACCEPT',
      onDuty: true,
      workRelated: true,
      reason: 'Sudden death at the TPS, brought to RSUD',
    });
    expect((await h.state(claimNumber)).eligibility).toMatchObject({
      checkedAt: 'VERIFICATION',
      eligible: true,
    });
    await h.completeDocuments(claimNumber, 'officer-2');
    await h.stage(claimNumber, 'BENEFIT_PROPOSAL');
    await h.commands.proposeBenefit(claimNumber, { actor: 'officer-2' });
    // the proposer may not designate where the money goes
    await refused(h.setAccount(claimNumber, '3030303030', 'officer-2'), 'FourEyes', /proposed the benefit/);
    await h.setAccount(claimNumber, '4040404040');
    const first = await h.commands.decideApproval(claimNumber, {
      actor: 'supervisor-1',
      role: 'BPJS_SUPERVISOR',
      decision: 'APPROVE',
    });
    expect(first.approvals).toHaveLength(1);
    // between the first and the second approval, another account: approvals reset
    const swapped = await h.setAccount(claimNumber, '5050505050', 'kpu-op-1');
    expect(swapped.stage).toBe('AWAITING_APPROVAL');
    expect(swapped.approvals).toEqual([]);
    h.bank.faults.holderNameMismatch = 1; // the bank answers another holder name for it
    for (const actor of ['supervisor-1', 'supervisor-2']) {
      await h.commands.decideApproval(claimNumber, { actor, role: 'BPJS_SUPERVISOR', decision: 'APPROVE' });
    }
    // the bank's holder name is not the heir's: nothing is paid until an officer decides, with a reason
    const review = await h.stage(claimNumber, 'PAYEE_REVIEW');
    expect(review.assignee?.role).toBe('BPJS_OFFICER');
    expect(h.ledger(claimNumber)).toHaveLength(0);
    await refused(
      h.commands.reviewPayee(claimNumber, { actor: 'kpu-op-1', decision: 'ACCEPT', reason: 'it is fine' }),
      'FourEyes',
      /designated the account/,
    );
    await refused(
      h.commands.reviewPayee(claimNumber, { actor: 'officer-3', decision: 'ACCEPT', reason: '' }),
      'InvalidCommand',
      /reason is required/,
    );
    await h.commands.reviewPayee(claimNumber, {
      actor: 'officer-3',
      decision: 'ACCEPT',
      reason: 'the heir certificate names the same person',
    });
    const final = await h.handle(claimNumber).result();
    expect(final).toMatchObject({ stage: 'CLOSED', paidTotal: 142_000_000 });
    expect(h.ledger(claimNumber).every((t) => t.accountNumber === '5050505050')).toBe(true);
    const events = (await h.events(claimNumber)).map((e) => e.type);
    expect(events).toEqual(expect.arrayContaining(['PAYEE_REVIEW_REQUIRED', 'PAYEE_ACCEPTED', 'PAID']));
    const [approved] = await h.ds.query(
      `SELECT after -> 'approval' AS a FROM claim_event WHERE claim_number = $1 AND type = 'APPROVED'`,
      [claimNumber],
    );
    expect(approved.a).toMatchObject({ approvers: ['supervisor-1', 'supervisor-2'] });
    expect(approved.a.committedByPayer.BPJS_TK).toBeGreaterThan(142_000_000);
  });

  it('two first reopens at once of a withdrawn claim that paid nothing make one claim', async () => {
    const { claimNumber } = await h.file({ incidentType: 'ACCIDENT' });
    await h.stage(claimNumber, 'AWAITING_VERIFICATION');
    await h.commands.withdraw(claimNumber, { actor: 'officer-1', reason: 'family asked to stop' });
    await h.stage(claimNumber, 'WITHDRAWN');
    const all = await Promise.all(
      [1, 2, 3].map((i) =>
        h.claims.reopenClaim(claimNumber, { actor: `supervisor-${i}`, reason: 'family asks again' }),
      ),
    );
    expect(new Set(all.map((r) => r.claimNumber)).size).toBe(1);
    expect(all.filter((r) => !r.replayed)).toHaveLength(1);
    await h.stage(all[0].claimNumber, 'AWAITING_VERIFICATION');
    await h.commands.withdraw(all[0].claimNumber, { actor: 'officer-1', reason: 'test clean-up' });
  });

  it('refused commands are typed', async () => {
    const { claimNumber } = await h.file({ incidentType: 'DEATH' });
    await h.stage(claimNumber, 'AWAITING_VERIFICATION');
    const err = await h.commands
      .withdraw(claimNumber, { actor: '', reason: 'whatever reason' })
      .catch((e) => e);
    expect(err).toBeInstanceOf(ClaimCommandRefusedError);
    expect(err.type).toBe('InvalidCommand');
    await h.commands.withdraw(claimNumber, { actor: 'officer-1', reason: 'test clean-up' });
  });

  it('a projection is applied once per event and never moves the read model backwards', async () => {
    const { claimNumber } = await h.file({ incidentType: 'DEATH' });
    await h.stage(claimNumber, 'AWAITING_VERIFICATION');
    const projection = worker.ctx.get(ClaimProjectionService);
    const readModel = async () =>
      (
        await h.ds.query(
          `SELECT stage, last_event_seq AS seq, assignee, late_report AS "lateReport" FROM claim
            WHERE claim_number = $1`,
          [claimNumber],
        )
      )[0];
    const events = async () =>
      (
        await h.ds.query(`SELECT seq, type, stage FROM claim_event WHERE claim_number = $1 ORDER BY seq`, [
          claimNumber,
        ])
      ).map((e: { seq: number; type: string; stage: string }) => `${e.seq} ${e.type} ${e.stage}`);
    const { seq } = await readModel();
    const event = (n: number, stage: string, assignee: string | null): ClaimEventProjection => ({
      claimNumber,
      entry: {
        seq: n,
        type: `TEST_${n}`,
        stage: stage as never,
        actor: 'test',
        at: new Date().toISOString(),
      },
      lateReport: false,
      readModel: {
        track: 'BPJS',
        determination: null,
        assigneeRole: 'BPJS_OFFICER',
        assignee,
        paymentDeadline: null,
        documentsCompleteOn: null,
        benefitTotal: null,
        penaltyTotal: null,
        paidTotal: 0,
        reopenOf: null,
      },
      before: { stage: 'AWAITING_VERIFICATION' },
      after: { stage },
    });
    const before = await events();

    // delivered twice (an activity runs at least once): one event row, the read model moved once
    await projection.projectClaimEvent(event(seq + 2, 'INFO_REQUESTED', 'officer-2'));
    await projection.projectClaimEvent(event(seq + 2, 'INFO_REQUESTED', 'officer-2'));
    expect(await readModel()).toEqual({
      stage: 'INFO_REQUESTED',
      seq: seq + 2,
      assignee: 'officer-2',
      lateReport: false,
    });
    // an older event delivered late is recorded in the timeline but does not move the read model back
    await projection.projectClaimEvent(event(seq + 1, 'AWAITING_VERIFICATION', 'officer-1'));
    expect(await readModel()).toMatchObject({ stage: 'INFO_REQUESTED', seq: seq + 2, assignee: 'officer-2' });
    expect(await events()).toEqual([
      ...before,
      `${seq + 1} TEST_${seq + 1} AWAITING_VERIFICATION`,
      `${seq + 2} TEST_${seq + 2} INFO_REQUESTED`,
    ]);
    // concurrent deliveries of newer events: the read model ends at the newest
    await Promise.all(
      [5, 3, 6, 4].map((d) => projection.projectClaimEvent(event(seq + d, 'DOCUMENTS', `officer-${d}`))),
    );
    expect(await readModel()).toMatchObject({ stage: 'DOCUMENTS', seq: seq + 6, assignee: 'officer-6' });
    expect(await events()).toHaveLength(before.length + 6);

    // a claim without its read-model row is an error (the activity is retried), and nothing is written
    await expect(
      projection.projectClaimEvent({ ...event(1, 'REPORTED', null), claimNumber: 'SGP-2099-999999' }),
    ).rejects.toThrow(/claim_event|foreign key|read-model/);
    expect(
      (
        await h.ds.query(`SELECT count(*)::int AS n FROM claim_event WHERE claim_number = 'SGP-2099-999999'`)
      )[0].n,
    ).toBe(0);
    await h.handle(claimNumber).terminate('test clean-up');
  });
});
