import { eventually } from './support/stack';
import { testNik } from './support/claims';
import {
  type ApiStack,
  caseOf,
  familyUpload,
  file,
  type Json,
  newReport,
  pdf,
  png,
  staffUpload,
  startApiStack,
  waitStage,
} from './support/api';

/**
 * Issue #6 end to end, through HTTP only: the real api (supertest), the in-process worker, PostgreSQL, the Temporal
 * dev server and the bank simulator. Five roles and the family walk a JKM death claim and a KPU santunan claim to
 * the payout; idempotent filing under concurrent retries; family tracking and its limits.
 */
describe('api end to end (HTTP only)', () => {
  let s: ApiStack;

  beforeAll(async () => {
    s = await startApiStack('api-e2e');
  });

  afterAll(async () => {
    await s?.close();
  });

  const post = (path: string, by: { Authorization: string }, body: object) =>
    s.http().post(`/api/v1/claims/${path}`).set(by).send(body);
  const track = (claimNumber: string, code: string) =>
    s.http().get(`/api/v1/track/${claimNumber}`).set('X-Tracking-Code', code);

  /** Waits until every document of the checklist has an upload waiting for review. */
  const allUploaded = (claimNumber: string) =>
    eventually(async () => {
      const c = await caseOf(s, claimNumber, s.auth.BPJS_OFFICER);
      return c.state.documents.every((d: { status: string }) => d.status === 'UPLOADED') && c;
    });

  it('JKM death: filed by KPU, verified, documents from KPU/BPJS/family, four-eyes approval, paid Rp42.000.000', async () => {
    const {
      KPU_OPERATOR: kpu,
      KPU_APPROVER: kpuApprover,
      BPJS_OFFICER: officer,
      BPJS_SUPERVISOR: supervisor,
      ADMIN: admin,
    } = s.auth;
    const claim = await file(s, kpu, { incidentType: 'DEATH' });
    const { claimNumber } = claim;
    expect(claimNumber).toMatch(/^SGP-\d{4}-\d{6}$/);
    expect(claim.trackingCode).toMatch(/^[2-9A-HJKMNP-Z]{10}$/);
    await waitStage(s, claimNumber, 'AWAITING_VERIFICATION', officer);

    // the supervisor hands the claim to the officer; the work queue shows it
    await post(`${claimNumber}/assignment`, supervisor, { assignee: 'bpjs.officer' }).expect(200);
    const queue = await s
      .http()
      .get('/api/v1/claims')
      .query({ assignee: 'me', stage: 'AWAITING_VERIFICATION' })
      .set(officer);
    expect(queue.status).toBe(200);
    expect(queue.body.items.map((i: { claimNumber: string }) => i.claimNumber)).toContain(claimNumber);

    // a step of the wrong stage: 409 with the validator's reason
    const early = await post(`${claimNumber}/benefit/proposal`, officer, {}).expect(409);
    expect(early.headers['content-type']).toContain('application/problem+json');
    expect(early.body).toMatchObject({ status: 409, refusal: 'NotAllowedInStage' });
    expect(early.body.detail).toMatch(/AWAITING_VERIFICATION/);

    const verified = await post(`${claimNumber}/verification`, officer, {
      decision: 'ACCEPT',
      onDuty: true,
      workRelated: false,
      reason: 'Serangan jantung di rumah setelah bertugas; bukan akibat kerja',
    }).expect(200);
    expect(verified.body).toMatchObject({ stage: 'DOCUMENTS', determination: 'JKM_DEATH' });
    const codes = verified.body.documents.map((d: { code: string }) => d.code);
    expect(codes).toEqual([
      'BPJS_MEMBERSHIP_CARD',
      'DECEASED_EKTP',
      'HEIRS_KTP',
      'FAMILY_CARD_KK',
      'DEATH_CERTIFICATE',
      'HEIRSHIP_CERTIFICATE',
      'HEIR_BANK_ACCOUNT',
    ]);

    // the family sees, in Bahasa Indonesia, what it still has to bring
    await eventually(async () => (await caseOf(s, claimNumber, officer)).stage === 'DOCUMENTS');
    const before = (await track(claimNumber, claim.trackingCode).expect(200)).body;
    expect(before.stage.code).toBe('DOCUMENTS');
    expect(before.stage.label.id).toBe('Pengumpulan dan pemeriksaan dokumen');
    expect(before.expectedFromFamily.map((d: { code: string }) => d.code).sort()).toEqual(
      ['DECEASED_EKTP', 'FAMILY_CARD_KK', 'HEIRSHIP_CERTIFICATE', 'HEIRS_KTP', 'HEIR_BANK_ACCOUNT'].sort(),
    );
    expect(JSON.stringify(before)).not.toContain(claim.nik);

    // documents by the right parties: BPJS its card, KPU the death certificate, the family the rest
    await staffUpload(
      s,
      claimNumber,
      officer,
      'BPJS_MEMBERSHIP_CARD',
      pdf('kartu'),
      'kartu peserta.pdf',
    ).expect(201);
    const cert = await staffUpload(
      s,
      claimNumber,
      kpu,
      'DEATH_CERTIFICATE',
      pdf('akta'),
      '../../etc/akta kematian;.pdf',
    );
    expect(cert.status).toBe(201);
    expect(cert.body).toMatchObject({ contentType: 'application/pdf', fileName: 'akta kematian_.pdf' });
    expect(cert.body.checksumSha256).toMatch(/^[0-9a-f]{64}$/);
    // the family may only upload what is asked from it, and only real PDF/JPEG/PNG
    const notTheirs = await familyUpload(s, claim, 'DEATH_CERTIFICATE', pdf(), 'akta.pdf').expect(422);
    expect(notTheirs.body.errors[0].field).toBe('documentCode');
    const fake = await familyUpload(
      s,
      claim,
      'HEIRS_KTP',
      Buffer.from('MZ\x90\x00 not an image'),
      'ktp.png',
    ).expect(400);
    expect(fake.body.errors).toEqual([
      { field: 'file', message: expect.stringMatching(/PDF, JPEG and PNG/) },
    ]);
    const wrongCode = await familyUpload(
      s,
      { ...claim, trackingCode: 'AAAAAAAAAA' },
      'HEIRS_KTP',
      png(),
      'ktp.png',
    );
    expect(wrongCode.status).toBe(404);
    const familyDocs = [
      'DECEASED_EKTP',
      'HEIRS_KTP',
      'FAMILY_CARD_KK',
      'HEIRSHIP_CERTIFICATE',
      'HEIR_BANK_ACCOUNT',
    ];
    const familyUploads: Record<string, string> = {};
    for (const code of familyDocs) {
      const r = await familyUpload(
        s,
        claim,
        code,
        code === 'FAMILY_CARD_KK' ? pdf(code) : png(code),
        `${code}.png`,
      );
      expect(r.status).toBe(201);
      familyUploads[code] = r.body.uploadId;
    }
    await allUploaded(claimNumber);
    expect((await track(claimNumber, claim.trackingCode).expect(200)).body.expectedFromFamily).toEqual([]);

    // documents are served back only to those allowed: staff in scope, with the recorded type
    const served = await s
      .http()
      .get(`/api/v1/claims/${claimNumber}/documents/${familyUploads.HEIRS_KTP}/file`)
      .set(officer)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(served.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(served.body as Buffer, png('HEIRS_KTP'))).toBe(0);
    await s.http().get(`/api/v1/claims/${claimNumber}/documents/${familyUploads.HEIRS_KTP}/file`).expect(401);

    // the officer rejects one (with a reason, which the family reads), the family uploads it again
    await post(`${claimNumber}/documents/DECEASED_EKTP/review`, officer, { decision: 'REJECT' }).expect(409);
    await post(`${claimNumber}/documents/DECEASED_EKTP/review`, officer, {
      decision: 'REJECT',
      reason: 'Foto e-KTP buram, mohon unggah ulang',
    }).expect(200);
    await eventually(async () => {
      const [row] = await s.ds.query(
        `SELECT status FROM claim_document WHERE claim_number = $1 AND code = $2`,
        [claimNumber, 'DECEASED_EKTP'],
      );
      return row?.status === 'REJECTED';
    });
    const rejected = (await track(claimNumber, claim.trackingCode).expect(200)).body;
    expect(rejected.expectedFromFamily).toHaveLength(1);
    expect(rejected.expectedFromFamily[0]).toMatchObject({
      code: 'DECEASED_EKTP',
      // Bahasa Indonesia first, English beside it
      label: expect.stringMatching(/KTP/),
      labelEn: expect.stringMatching(/ID card|KTP/i),
      status: 'REJECTED',
      reason: 'Foto e-KTP buram, mohon unggah ulang',
    });
    await familyUpload(s, claim, 'DECEASED_EKTP', png('again'), 'ektp2.png').expect(201);
    await allUploaded(claimNumber);
    let last: Json = {};
    for (const code of codes) {
      last = (
        await post(`${claimNumber}/documents/${code}/review`, officer, { decision: 'ACCEPT' }).expect(200)
      ).body;
    }
    expect(last.documents.every((d: { status: string }) => d.status === 'ACCEPTED')).toBe(true);

    await waitStage(s, claimNumber, 'BENEFIT_PROPOSAL', officer);
    const proposed = await post(`${claimNumber}/benefit/proposal`, officer, {
      note: 'sesuai PP 82/2019',
    }).expect(200);
    expect(proposed.body).toMatchObject({ stage: 'AWAITING_APPROVAL', approvalsRequired: 1 });
    expect(proposed.body.benefit.total).toBe(42_000_000);
    // the case view explains every line: Bahasa Indonesia label, the formula with its numbers, the legal basis
    const explained = (await caseOf(s, claimNumber, officer)).state.benefit.lineItems as Json[];
    expect(explained.length).toBeGreaterThanOrEqual(3);
    for (const line of explained) {
      expect(line.formula).toEqual(expect.any(String));
      expect(line.legalBasis).toMatch(/PP|Permenaker|UU/);
      expect(line.labelEn).toEqual(expect.any(String));
    }
    expect(explained.map((l) => l.legalBasis).join(' ')).toMatch(/82\/2019/);

    s.bank.openAccount({ bankCode: 'BNI', accountNumber: '1234567890', holderName: 'Siti Aminah' });
    const payee = await post(`${claimNumber}/payee`, kpu, {
      bankCode: 'BNI',
      accountNumber: '1234567890',
      holderName: 'Siti Aminah',
    }).expect(200);
    expect(payee.body.payoutAccount.masked).toBe('BNI ******7890');
    expect(JSON.stringify(payee.body)).not.toContain('1234567890');

    // four-eyes: the officer may not approve at all (role), the KPU approver not on the BPJS track (workflow)
    const byOfficer = await post(`${claimNumber}/approval`, officer, { decision: 'APPROVE' }).expect(403);
    expect(byOfficer.body.detail).toMatch(/BPJS_SUPERVISOR/);
    const byKpu = await post(`${claimNumber}/approval`, kpuApprover, { decision: 'APPROVE' }).expect(409);
    expect(byKpu.body).toMatchObject({
      refusal: 'Forbidden',
      detail: expect.stringMatching(/BPJS_SUPERVISOR/),
    });
    const sendBack = await post(`${claimNumber}/approval`, supervisor, { decision: 'SEND_BACK' }).expect(409);
    expect(sendBack.body).toMatchObject({
      refusal: 'InvalidCommand',
      detail: expect.stringMatching(/reason is required/),
    });
    const approved = await post(`${claimNumber}/approval`, supervisor, { decision: 'APPROVE' }).expect(200);
    expect(approved.body.stage).toBe('PAYOUT');

    await waitStage(s, claimNumber, ['PAID', 'CLOSED'], officer);
    await eventually(async () => ['PAID', 'CLOSED'].includes((await caseOf(s, claimNumber, officer)).stage));
    const paid = (await track(claimNumber, claim.trackingCode).expect(200)).body;
    expect(paid.payout).toEqual({
      status: 'PAID',
      benefitTotal: 42_000_000,
      paidTotal: 42_000_000,
      paidOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      account: 'BNI ******7890',
    });
    expect(['Sudah dibayar', 'Selesai']).toContain(paid.stage.label.id);
    expect(paid.timeline.map((t: { stage: string }) => t.stage)).toEqual(
      expect.arrayContaining([
        'REPORTED',
        'AWAITING_VERIFICATION',
        'DOCUMENTS',
        'AWAITING_APPROVAL',
        'PAYOUT',
      ]),
    );
    expect(JSON.stringify(paid)).not.toMatch(/bpjs\.officer|bpjs\.supervisor|1234567890/);

    // the bank: exactly one transfer per line item
    const ledger = s.bank.ledger.filter((t) => t.reference.startsWith(`${claimNumber} `));
    expect(ledger.map((t) => t.amount).sort((a, b) => a - b)).toEqual([10_000_000, 12_000_000, 20_000_000]);
    expect(new Set(ledger.map((t) => t.idempotencyKey)).size).toBe(3);

    // audit: every command with its actor; admin sees it in the case and the queue
    const final = await eventually(async () => {
      const c = await caseOf(s, claimNumber, admin);
      return c.stage === 'CLOSED' && c;
    });
    const actors = Object.fromEntries(
      final.timeline.map((t: { type: string; actor: string }) => [t.type, t.actor]),
    );
    expect(actors).toMatchObject({
      VERIFIED: 'bpjs.officer',
      BENEFIT_PROPOSED: 'bpjs.officer',
      APPROVED: 'bpjs.supervisor',
    });
    const closed = await s
      .http()
      .get('/api/v1/claims')
      .query({ program: 'JKM_DEATH', stage: 'CLOSED' })
      .set(admin)
      .expect(200);
    expect(closed.body.items.map((i: { claimNumber: string }) => i.claimNumber)).toContain(claimNumber);
  });

  it('KPU santunan: not covered, officer confirms, KPU schedule, KPU approver, KPU pays Rp46.000.000', async () => {
    const {
      KPU_OPERATOR: kpu,
      KPU_APPROVER: kpuApprover,
      BPJS_OFFICER: officer,
      BPJS_SUPERVISOR: supervisor,
    } = s.auth;
    const claim = await file(s, kpu, { incidentType: 'DEATH', covered: false });
    const { claimNumber } = claim;
    const review = await waitStage(s, claimNumber, 'COVERAGE_REVIEW', officer);
    expect(review.state.coverage.outcome).toBe('NO_RECORD');
    const confirmed = await post(`${claimNumber}/coverage-review`, officer, {
      decision: 'CONFIRM_NOT_COVERED',
      reason: 'Tidak didaftarkan oleh pemerintah daerah',
    }).expect(200);
    expect(confirmed.body).toMatchObject({ stage: 'AWAITING_VERIFICATION', track: 'KPU_SANTUNAN' });
    const verified = await post(`${claimNumber}/verification`, officer, {
      decision: 'ACCEPT',
      onDuty: true,
      reason: 'Meninggal saat penghitungan suara di TPS',
    }).expect(200);
    expect(verified.body.determination).toBe('KPU_DEATH');
    const docs = verified.body.documents as { code: string; supplier: string }[];
    for (const d of docs) {
      const r =
        d.supplier === 'FAMILY'
          ? await familyUpload(s, claim, d.code, png(d.code), `${d.code}.png`)
          : await staffUpload(s, claimNumber, kpu, d.code, pdf(d.code), `${d.code}.pdf`);
      expect(r.status).toBe(201);
    }
    await allUploaded(claimNumber);
    for (const d of docs) {
      await post(`${claimNumber}/documents/${d.code}/review`, officer, { decision: 'ACCEPT' }).expect(200);
    }
    await waitStage(s, claimNumber, 'BENEFIT_PROPOSAL', officer);
    const proposed = await post(`${claimNumber}/benefit/proposal`, officer, {}).expect(200);
    expect(proposed.body.benefit.total).toBe(46_000_000);
    s.bank.openAccount({ bankCode: 'BRI', accountNumber: '3344556677', holderName: "Ma'ruf Hidayat" });
    await post(`${claimNumber}/payee`, kpu, {
      bankCode: 'BRI',
      accountNumber: '3344556677',
      holderName: "Ma'ruf Hidayat",
    }).expect(200);
    const bpjs = await post(`${claimNumber}/approval`, supervisor, { decision: 'APPROVE' }).expect(409);
    expect(bpjs.body.detail).toMatch(/KPU_APPROVER/);
    await post(`${claimNumber}/approval`, kpuApprover, { decision: 'APPROVE' }).expect(200);
    await eventually(async () => ['PAID', 'CLOSED'].includes((await caseOf(s, claimNumber, officer)).stage));
    const paid = (await track(claimNumber, claim.trackingCode).expect(200)).body;
    expect(paid.payout).toMatchObject({ paidTotal: 46_000_000, account: 'BRI ******6677' });
    const ledger = s.bank.ledger.filter((t) => t.reference.startsWith(`${claimNumber} `));
    expect(ledger.map((t) => t.amount).reduce((a, b) => a + b, 0)).toBe(46_000_000);
    expect(ledger).toHaveLength(2);
    const final = await waitStage(s, claimNumber, 'CLOSED', kpuApprover);
    expect(final.state.benefit.lineItems.every((l: { payer: string }) => l.payer === 'KPU')).toBe(true);
    expect(final.timeline.find((t: { type: string }) => t.type === 'APPROVED').actor).toBe('kpu.approver');
  });

  it('idempotent filing: 10 concurrent retries with one key make one claim and the same answer', async () => {
    const report = await newReport(s, { workerNik: testNik() }); // seeds its coverage
    const key = `file-${report.workerNik}-${Date.now()}`;
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        s.http().post('/api/v1/incidents').set(s.auth.KPU_OPERATOR).set('Idempotency-Key', key).send(report),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(201));
    // the same answer, byte for byte (the first answer's JSON text is stored and replayed as it is)
    for (const a of answers) expect(a.text).toBe(answers[0].text);
    expect(answers[0].body).toMatchObject({
      joined: false,
      trackingCode: expect.stringMatching(/^[2-9A-Z]{10}$/),
    });
    const [{ claims, reports }] = await s.ds.query(
      `SELECT count(DISTINCT r.claim_number)::int AS claims, count(*)::int AS reports
         FROM claim_report r JOIN incident i ON i.id = r.incident_id WHERE i.worker_nik = $1`,
      [report.workerNik],
    );
    expect({ claims, reports }).toEqual({ claims: 1, reports: 1 });

    const other = await s
      .http()
      .post('/api/v1/incidents')
      .set(s.auth.KPU_OPERATOR)
      .set('Idempotency-Key', key)
      .send({ ...report, tpsNumber: 13 })
      .expect(422);
    expect(other.body.errors).toEqual([
      { field: 'Idempotency-Key', message: expect.stringMatching(/different request body/) },
    ]);
    // keys are per user: another user's key space is separate (an admin's retry is a new request)
    await s
      .http()
      .post('/api/v1/incidents')
      .set(s.auth.KPU_OPERATOR)
      .set('Idempotency-Key', 'bad key!')
      .send(report)
      .expect(422);
    await post(`${answers[0].body.claimNumber}/withdrawal`, s.auth.KPU_OPERATOR, {
      reason: 'uji idempotensi selesai',
    });
  });

  it('tracking: a wrong code answers like an unknown claim; the 11th wrong code for a claim is refused (429)', async () => {
    const claim = await file(s, s.auth.KPU_OPERATOR, { incidentType: 'ACCIDENT' });
    const good = await track(claim.claimNumber, claim.trackingCode.toLowerCase()).expect(200);
    expect(good.body.claimNumber).toBe(claim.claimNumber);
    // also as a shared link (?code=)
    await s.http().get(`/api/v1/track/${claim.claimNumber}`).query({ code: claim.trackingCode }).expect(200);

    const unknown = await track('SGP-2026-999998', 'ABCDEFGHJK').expect(404);
    const wrong = await track(claim.claimNumber, 'ABCDEFGHJK').expect(404);
    const strip = (b: Record<string, unknown>) => ({ ...b, instance: undefined });
    expect(strip(wrong.body)).toEqual(strip(unknown.body));
    expect(wrong.headers['content-type']).toBe(unknown.headers['content-type']);
    await track(claim.claimNumber, 'not-a-code').expect(400);

    for (let i = 2; i <= 10; i++) await track(claim.claimNumber, 'ABCDEFGHJK').expect(404);
    const locked = await track(claim.claimNumber, 'ABCDEFGHJK').expect(429);
    expect(locked.body).toMatchObject({ status: 429, title: 'Too Many Requests' });
    // locked for the window, even for the right code: guessing gains nothing
    await track(claim.claimNumber, claim.trackingCode).expect(429);
    // another claim is not affected
    await track('SGP-2026-999998', 'ABCDEFGHJK').expect(404);
  });

  it('tracking: lookups of several claims at once (read in one statement) each answer for their own claim', async () => {
    const a = await file(s, s.auth.KPU_OPERATOR, { incidentType: 'ACCIDENT' });
    const b = await file(s, s.auth.KPU_OPERATOR, { incidentType: 'DEATH' });
    const asks: [string, string, number][] = [
      [a.claimNumber, a.trackingCode, 200],
      [b.claimNumber, b.trackingCode, 200],
      [a.claimNumber, b.trackingCode, 404],
      [b.claimNumber, a.trackingCode, 404],
      [a.claimNumber, a.trackingCode, 200],
      ['SGP-2026-999996', a.trackingCode, 404],
    ];
    const answers = await Promise.all(asks.map(([n, code]) => track(n, code)));
    answers.forEach((res, i) => {
      const [n, , status] = asks[i];
      expect(res.status).toBe(status);
      if (status === 200) expect(res.body.claimNumber).toBe(n);
    });
  });

  it('tracking: lookups are rate-limited per client (429 after 60 a minute)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 70; i++) statuses.push((await track('SGP-2026-999997', 'ABCDEFGHJK')).status);
    expect(statuses).toContain(429);
    expect(statuses.filter((x) => x !== 429).every((x) => x === 404)).toBe(true);
  });
});
