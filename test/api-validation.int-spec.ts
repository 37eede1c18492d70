import {
  type ApiStack,
  file,
  type Filed,
  newReport,
  pdf,
  snapshotCounts,
  staffUpload,
  startApiStack,
  waitStage,
} from './support/api';
import { PinoLogger } from 'nestjs-pino';
import request from 'supertest';
import { startApi } from './support/stack';

/**
 * Issue #6 (4): input is validated by class-validator DTOs (whitelist, forbidNonWhitelisted); every error is
 * application/problem+json with a message per field; nothing internal (stack, SQL, driver text) ever leaves; refused
 * requests store nothing.
 */
const SQL = "'; DROP TABLE claim; --";
const SCRIPT = '<script>alert(document.cookie)</script>';
const LONG = 'x'.repeat(5000);
/** Values no field of ours accepts: wrong JSON types, overlong text, and markup. */
const HOSTILE: [string, unknown][] = [
  ['a number', 12345],
  ['an object', { $ne: null }],
  ['an array', ['a', 'b']],
  ['null', null],
  ['true', true],
  ['5000 characters', LONG],
  ['a script tag', SCRIPT],
];
/** SQL injection shapes and script fragments: every free-text field refuses each of them by name (400). */
const SQL_FRAGMENTS = [
  SQL,
  "x' OR '1'='1",
  '0 UNION SELECT password FROM app_user',
  'catatan /* komentar */',
  "admin'--",
];
const SCRIPT_FRAGMENTS = [
  SCRIPT,
  'javascript:alert(1)',
  '" onmouseover=alert(1) x="',
  '<img src=x onerror=alert(1)>',
];
const FRAGMENTS: [string, string][] = [
  ...SQL_FRAGMENTS.map((v): [string, string] => ['SQL', v]),
  ...SCRIPT_FRAGMENTS.map((v): [string, string] => ['script', v]),
];
const LEAKS =
  /at \S+ \(|\.ts:\d+|\.js:\d+|node_modules|QueryFailedError|SELECT |INSERT |relation "|syntax error|stack/i;

describe('api validation and error hygiene', () => {
  let s: ApiStack;
  let review: Filed; // a claim waiting in COVERAGE_REVIEW: every verification is refused there

  beforeAll(async () => {
    s = await startApiStack('api-validation');
    review = await file(s, s.auth.KPU_OPERATOR, { covered: false });
    await waitStage(s, review.claimNumber, 'COVERAGE_REVIEW', s.auth.BPJS_OFFICER);
  });

  afterAll(async () => {
    await s?.close();
  });

  const problem = (res: { status: number; headers: Record<string, string>; text: string }) => {
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.text).not.toMatch(LEAKS);
    const body = JSON.parse(res.text);
    expect(body).toMatchObject({ type: 'about:blank', status: res.status, title: expect.any(String) });
    return body;
  };

  it('malformed JSON is a 400 problem, not a stack trace', async () => {
    for (const raw of ['{"workerNik": "32730', '{workerNik: 1}', 'null', '[]', '"text"', '\u0000']) {
      const res = await s
        .http()
        .post('/api/v1/incidents')
        .set(s.auth.KPU_OPERATOR)
        .set('Content-Type', 'application/json')
        .send(raw);
      expect({ raw, status: res.status }).toEqual({ raw, status: 400 });
      problem(res);
    }
  });

  it('POST /incidents: wrong types, overlong strings, markup and SQL in every field are refused with a message for that field', async () => {
    const base = {
      ...(await newReport(s)),
      onDutyContext: 'Menghitung surat suara di TPS',
      healthFacility: 'RSUD Kota Bandung',
      reporterRelation: 'KPU_STAFF',
    };
    // the base is valid: with one field broken, only that field is named
    expect(
      (
        await s
          .http()
          .post('/api/v1/incidents')
          .set(s.auth.KPU_OPERATOR)
          .send({ ...base, tpsNumber: 'x' })
      ).body.errors,
    ).toEqual([{ field: 'tpsNumber', message: expect.any(String) }]);
    const before = await snapshotCounts(s.ds);
    for (const field of Object.keys(base)) {
      for (const [what, hostile] of HOSTILE) {
        // tpsNumber is the one number: a fraction is its wrong type
        const value = field === 'tpsNumber' && typeof hostile === 'number' ? 1.5 : hostile;
        // null is "absent" for an optional field: the report would be valid
        if (value === null && !['workerNik', 'incidentType', 'occurredAt', 'regionCode'].includes(field))
          continue;
        const res = await s
          .http()
          .post('/api/v1/incidents')
          .set(s.auth.KPU_OPERATOR)
          .send({ ...base, [field]: value });
        const cell = { field, what, status: res.status };
        expect(cell).toEqual({ field, what, status: 400 });
        const body = problem(res);
        expect(body.errors).toEqual(
          expect.arrayContaining([{ field, message: expect.stringMatching(/\S{3,}/) }]),
        );
      }
      // SQL and script fragments: refused by every field, structured (codes, numbers, dates, phone: by their
      // pattern) and free text (place, chronology, names, ...: by @PlainText)
      for (const [what, fragment] of FRAGMENTS) {
        const res = await s
          .http()
          .post('/api/v1/incidents')
          .set(s.auth.KPU_OPERATOR)
          .send({ ...base, [field]: fragment });
        expect({ field, what, fragment, status: res.status }).toEqual({ field, what, fragment, status: 400 });
        const errors = problem(res).errors;
        expect(errors.map((e: { field: string }) => e.field)).toEqual([field]);
        expect(errors[0].message).toMatch(new RegExp(`^${field} \\S`));
      }
    }
    // unknown fields are named, never silently dropped
    const extra = await s
      .http()
      .post('/api/v1/incidents')
      .set(s.auth.KPU_OPERATOR)
      .set('Content-Type', 'application/json')
      .send(`${JSON.stringify({ ...base, isAdmin: true }).slice(0, -1)},"__proto__":{"polluted":1}}`);
    expect(extra.status).toBe(400);
    expect(problem(extra).errors.map((e: { field: string }) => e.field)).toContain('isAdmin');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await snapshotCounts(s.ds)).toEqual(before);
  });

  it('ordinary Indonesian text is accepted and stored verbatim', async () => {
    const report = {
      ...(await newReport(s, {
        chronology:
          'Pukul 21:30 pingsan saat menghitung suara (TPS 012); "kelelahan" kata dokter.\nDibawa ke RSUD pukul 22.10 -- meninggal 23:05.\r\n\tCatatan: Rp 1.000.000,- sudah diterima.',
        place: "Jl. Merdeka No. 12, RT 03/RW 05, TPS 0'12",
        reporterName: "Ma'ruf Nur'aini-Putri, S.Pd.",
      })),
      healthFacility: "RSUD dr. Ma'ruf (Kota Bandung)",
    };
    const res = await s.http().post('/api/v1/incidents').set(s.auth.KPU_OPERATOR).send(report).expect(201);
    const c = await s
      .http()
      .get(`/api/v1/claims/${res.body.claimNumber}`)
      .set(s.auth.KPU_OPERATOR)
      .expect(200);
    expect(c.body.incident).toMatchObject({ chronology: report.chronology, place: report.place });
    await s
      .http()
      .post(`/api/v1/claims/${res.body.claimNumber}/withdrawal`)
      .set(s.auth.KPU_OPERATOR)
      .send({ reason: "Dilaporkan dua kali oleh Pak Ma'ruf;\nlihat laporan RT 03/RW 05." })
      .expect(200);
  });

  it('every command with free text refuses SQL and script fragments in each of its text fields; nothing changes', async () => {
    const { KPU_OPERATOR: kpu, BPJS_OFFICER: officer, BPJS_SUPERVISOR: supervisor } = s.auth;
    const n = review.claimNumber;
    const reason = 'Alasan yang cukup panjang';
    // each command, who may send it, a body the DTO accepts, and its free-text fields (dotted for nested ones)
    const commands: { path: string; by: typeof kpu; body: Record<string, unknown>; fields: string[] }[] = [
      {
        path: 'coverage-review',
        by: officer,
        body: { decision: 'OVERRIDE_COVERED', reason, evidence: 'PKS No. 12/2024' },
        fields: ['reason', 'evidence'],
      },
      {
        path: 'verification',
        by: officer,
        body: { decision: 'REQUEST_INFO', reason, question: 'Di mana surat tugasnya?' },
        fields: ['reason', 'question'],
      },
      { path: 'info-answer', by: kpu, body: { answer: 'Terlampir.' }, fields: ['answer'] },
      {
        path: 'documents/DEATH_CERTIFICATE/review',
        by: officer,
        body: { decision: 'REJECT', reason },
        fields: ['reason'],
      },
      {
        path: 'benefit/proposal',
        by: officer,
        body: {
          note: 'Sesuai tabel',
          adjustments: [{ key: 'TRANSPORT:LAND', amount: 100000, reason }],
          facts: { outcome: 'RECOVERED' },
        },
        fields: ['note', 'adjustments.0.reason', 'facts.outcome'],
      },
      { path: 'approval', by: supervisor, body: { decision: 'SEND_BACK', reason }, fields: ['reason'] },
      {
        path: 'payee',
        by: kpu,
        body: { bankCode: 'BNI', accountNumber: '0123456789', holderName: 'Siti Aminah' },
        fields: ['holderName'],
      },
      { path: 'withdrawal', by: kpu, body: { reason }, fields: ['reason'] },
      { path: 'reopen', by: supervisor, body: { reason }, fields: ['reason'] },
      { path: 'death', by: kpu, body: { deathDate: '2026-01-02', reason }, fields: ['reason'] },
      { path: 'recovery', by: officer, body: { recoveredOn: '2026-01-02', reason }, fields: ['reason'] },
    ];
    /** the body with the value at a dotted path replaced */
    const withValue = (body: Record<string, unknown>, path: string, value: unknown) => {
      const copy = JSON.parse(JSON.stringify(body));
      const keys = path.split('.');
      let at = copy;
      for (const k of keys.slice(0, -1)) at = at[k];
      at[keys[keys.length - 1]] = value;
      return copy;
    };
    const stateBefore = (await s.http().get(`/api/v1/claims/${n}`).set(officer)).body;
    const before = await snapshotCounts(s.ds);
    for (const c of commands) {
      for (const field of c.fields) {
        // facts: the message names the path inside the object, the error's field is the object
        const errorField = field.startsWith('facts.') ? 'facts' : field;
        for (const [what, fragment] of FRAGMENTS) {
          const res = await s
            .http()
            .post(`/api/v1/claims/${n}/${c.path}`)
            .set(c.by)
            .send(withValue(c.body, field, fragment));
          const cell = { command: c.path, field, what, fragment, status: res.status };
          expect(cell).toEqual({ ...cell, status: 400 });
          const errors = problem(res).errors;
          expect({ ...cell, fields: errors.map((e: { field: string }) => e.field) }).toEqual({
            ...cell,
            fields: [errorField],
          });
          // the message names the field (nested: its own name, `reason may not ...`; facts: the path inside)
          expect(errors[0].message).toMatch(/^\S+ may not contain /);
          expect(errors[0].message.split(' ')[0]).toBe(
            field.startsWith('facts.') ? field : field.split('.').pop(),
          );
        }
      }
    }
    // the family's upload: its one text field is a code
    const family = await s
      .http()
      .post(`/api/v1/track/${n}/documents`)
      .set('X-Tracking-Code', review.trackingCode ?? '')
      .field('documentCode', SQL)
      .attach('file', pdf(), 'a.pdf');
    expect(family.status).toBe(400);
    expect(problem(family).errors[0].field).toBe('documentCode');
    const stateAfter = (await s.http().get(`/api/v1/claims/${n}`).set(officer)).body;
    expect(stateAfter.state.timeline).toEqual(stateBefore.state.timeline);
    expect(stateAfter.stage).toBe(stateBefore.stage);
    expect(await snapshotCounts(s.ds)).toEqual(before);
  });

  it('an Idempotency-Key is stored with its claim: a filing that fails leaves the key free for the retry', async () => {
    const report = await newReport(s);
    const key = `atomic-${report.workerNik}`;
    const send = () =>
      s.http().post('/api/v1/incidents').set(s.auth.KPU_OPERATOR).set('Idempotency-Key', key).send(report);
    const stored = async () =>
      (await s.ds.query(`SELECT count(*)::int AS n FROM idempotency_record WHERE key = $1`, [key]))[0].n;
    // the database refuses the report's last insert (as a lost connection or a failing disk would)
    await s.ds.query(`ALTER TABLE claim_report ADD CONSTRAINT test_refuse_reports CHECK (false) NOT VALID`);
    try {
      const failed = await send();
      expect(failed.status).toBe(500);
      expect(failed.text).not.toMatch(/claim_report|test_refuse_reports|CHECK/);
    } finally {
      await s.ds.query(`ALTER TABLE claim_report DROP CONSTRAINT test_refuse_reports`);
    }
    // nothing of it was kept: no key, no incident
    expect(await stored()).toBe(0);
    expect(
      (
        await s.ds.query(`SELECT count(*)::int AS n FROM incident WHERE worker_nik = $1`, [report.workerNik])
      )[0].n,
    ).toBe(0);
    // the retry with the same key files the report (the key is written in the filing's own transaction, so a
    // process that stops half-way cannot leave it claimed without an answer either)
    const retry = await send();
    expect(retry.status).toBe(201);
    expect(retry.body).toMatchObject({ joined: false, stage: 'REPORTED' });
    expect((await send()).text).toBe(retry.text);
    expect(await stored()).toBe(1);
    await s
      .http()
      .post(`/api/v1/claims/${retry.body.claimNumber}/withdrawal`)
      .set(s.auth.KPU_OPERATOR)
      .send({ reason: 'uji idempotensi selesai' })
      .expect(200);
  });

  it('an idempotent replay is byte-identical to the first answer', async () => {
    const report = await newReport(s);
    const key = `replay-${report.workerNik}`;
    const send = () =>
      s.http().post('/api/v1/incidents').set(s.auth.KPU_OPERATOR).set('Idempotency-Key', key).send(report);
    const first = await send();
    expect(first.status).toBe(201);
    const concurrent = await Promise.all([send(), send(), send()]);
    const later = await send();
    for (const replay of [...concurrent, later]) {
      expect(replay.status).toBe(201);
      expect(replay.headers['content-type']).toBe(first.headers['content-type']);
      expect(replay.text).toBe(first.text);
    }
    // stored as the text that was sent (a jsonb column would have reordered the keys, shortest first)
    const [row] = await s.ds.query(`SELECT response FROM idempotency_record WHERE key = $1`, [key]);
    expect(row.response).toBe(first.text);
    expect(first.text).not.toBe((await s.ds.query(`SELECT $1::jsonb::text AS t`, [first.text]))[0].t);
    await s
      .http()
      .post(`/api/v1/claims/${first.body.claimNumber}/withdrawal`)
      .set(s.auth.KPU_OPERATOR)
      .send({ reason: 'uji idempotensi selesai' })
      .expect(200);
  });

  it('a command (verification): every field refuses wrong types, overlong strings and markup; nothing changes', async () => {
    const base = {
      decision: 'ACCEPT',
      onDuty: true,
      workRelated: false,
      reason: 'Alasan yang cukup panjang',
      question: 'Di mana?',
    };
    const url = `/api/v1/claims/${review.claimNumber}/verification`;
    const stateBefore = (await s.http().get(`/api/v1/claims/${review.claimNumber}`).set(s.auth.BPJS_OFFICER))
      .body;
    const before = await snapshotCounts(s.ds);
    for (const field of [...Object.keys(base), 'caseFacts']) {
      for (const [what, value] of [...HOSTILE, ['SQL text', SQL] as [string, unknown]]) {
        const res = await s
          .http()
          .post(url)
          .set(s.auth.BPJS_OFFICER)
          .send({ ...base, [field]: value });
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        const body = problem(res);
        if (res.status === 400) {
          expect(body.errors).toEqual(expect.arrayContaining([{ field, message: expect.any(String) }]));
        } else {
          // valid for the DTO (e.g. null for an optional field): the workflow refuses the step
          expect({ field, what, status: res.status, refusal: body.refusal }).toMatchObject({ status: 409 });
          expect(body.detail).toMatch(/COVERAGE_REVIEW|not allowed|stage/i);
        }
      }
    }
    const stateAfter = (await s.http().get(`/api/v1/claims/${review.claimNumber}`).set(s.auth.BPJS_OFFICER))
      .body;
    expect(stateAfter.state.timeline).toEqual(stateBefore.state.timeline);
    expect(await snapshotCounts(s.ds)).toEqual(before);
  });

  it('path parameters and query strings are validated too', async () => {
    const officer = s.auth.BPJS_OFFICER;
    for (const bad of [
      encodeURIComponent(SQL),
      encodeURIComponent(SCRIPT),
      'SGP-2026-1',
      LONG.slice(0, 2000),
    ]) {
      const res = await s.http().get(`/api/v1/claims/${bad}`).set(officer);
      expect(res.status).toBe(400);
      expect(problem(res).errors[0].field).toBe('claimNumber');
    }
    const q = await s
      .http()
      .get('/api/v1/claims')
      .query({ stage: SQL, pageSize: 1000, page: -1, sort: 'id; --' })
      .set(officer);
    expect(q.status).toBe(400);
    expect(
      problem(q)
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['page', 'pageSize', 'sort', 'stage']);
    const file = await s
      .http()
      .get(`/api/v1/claims/${review.claimNumber}/documents/not-a-uuid/file`)
      .set(officer);
    expect(file.status).toBe(400);
    problem(file);
    const review2 = await s
      .http()
      .post(`/api/v1/claims/${review.claimNumber}/documents/${encodeURIComponent(SCRIPT)}/review`)
      .set(officer)
      .send({ decision: 'ACCEPT' });
    expect(review2.status).toBeGreaterThanOrEqual(400);
    expect(review2.status).toBeLessThan(500);
    problem(review2);
  });

  it('uploads: no file, a file that is not PDF/JPEG/PNG, an unknown document code, a closed claim', async () => {
    const kpu = s.auth.KPU_OPERATOR;
    const before = await snapshotCounts(s.ds);
    const none = await s
      .http()
      .post(`/api/v1/claims/${review.claimNumber}/documents`)
      .set(kpu)
      .field('documentCode', 'DEATH_CERTIFICATE');
    expect(none.status).toBe(400);
    const html = await staffUpload(
      s,
      review.claimNumber,
      kpu,
      'DEATH_CERTIFICATE',
      Buffer.from(SCRIPT),
      'a.pdf',
    );
    expect(html.status).toBeGreaterThanOrEqual(400);
    expect(html.status).toBeLessThan(500);
    const code = await staffUpload(s, review.claimNumber, kpu, SQL, pdf(), 'a.pdf');
    expect(code.status).toBe(400);
    expect(problem(code).errors[0].field).toBe('documentCode');
    const json = await s
      .http()
      .post(`/api/v1/claims/${review.claimNumber}/documents`)
      .set(kpu)
      .send({ documentCode: 'DEATH_CERTIFICATE', file: 'JVBERi0xLjQ=' });
    expect(json.status).toBe(400);
    expect(await snapshotCounts(s.ds)).toEqual(before);

    // a withdrawn claim: its process has ended; steps and uploads answer 409, never 500
    const gone = await file(s, kpu, { covered: false });
    await waitStage(s, gone.claimNumber, 'COVERAGE_REVIEW', kpu);
    const n = gone.claimNumber;
    await s
      .http()
      .post(`/api/v1/claims/${n}/withdrawal`)
      .set(kpu)
      .send({ reason: 'dilaporkan dua kali' })
      .expect(200);
    await waitStage(s, n, 'WITHDRAWN', kpu);
    await s
      .http()
      .post(`/api/v1/claims/${n}/withdrawal`)
      .set(kpu)
      .send({ reason: 'sekali lagi' })
      .expect(409);
    await s.http().post(`/api/v1/claims/${n}/death`).set(kpu).send({ deathDate: '2026-01-02' }).expect(409);
    await staffUpload(s, n, kpu, 'DEATH_CERTIFICATE', pdf(), 'a.pdf').expect(409);
  });

  it('unknown routes and methods answer a clean problem document', async () => {
    for (const [method, path] of [
      ['get', '/api/v1/nothing-here'],
      ['delete', '/api/v1/incidents'],
      ['put', '/api/v1/claims'],
      ['patch', `/api/v1/claims/${review.claimNumber}`],
      ['get', '/api/v1/../../etc/passwd'],
      ['get', '/.env'],
    ] as const) {
      const res = await s.http()[method](path).set(s.auth.ADMIN);
      expect({ method, path, status: res.status }).toMatchObject({ status: expect.any(Number) });
      expect([404, 405]).toContain(res.status);
      problem(res);
    }
  });

  it('oversized bodies are refused cleanly', async () => {
    const huge = { ...(await newReport(s)), chronology: 'y'.repeat(2 * 1024 * 1024) };
    const res = await s.http().post('/api/v1/incidents').set(s.auth.KPU_OPERATOR).send(huge);
    expect([400, 413]).toContain(res.status);
    problem(res);
  });

  it('uploads: a file over 10 MB, a second file, a file under another name or none at all are refused cleanly', async () => {
    const before = await snapshotCounts(s.ds);
    const n = review.claimNumber;
    const staff = () =>
      s
        .http()
        .post(`/api/v1/claims/${n}/documents`)
        .set(s.auth.KPU_OPERATOR)
        .field('documentCode', 'DEATH_CERTIFICATE');
    const tooBig = Buffer.concat([pdf(), Buffer.alloc(10 * 1024 * 1024, 0x20)]);
    const big = await staff().attach('file', tooBig, 'akta.pdf');
    expect(big.status).toBe(413);
    expect(problem(big).detail).toBe('the request body is too large');
    const family = await s
      .http()
      .post(`/api/v1/track/${n}/documents`)
      .set('X-Tracking-Code', review.trackingCode)
      .field('documentCode', 'HEIR_KTP')
      .attach('file', tooBig, 'ktp.pdf');
    expect(family.status).toBe(413);
    problem(family);
    const two = await staff().attach('file', pdf(), 'a.pdf').attach('file', pdf(), 'b.pdf');
    expect([400, 413]).toContain(two.status);
    problem(two);
    const other = await staff().attach('scan', pdf(), 'a.pdf');
    expect(other.status).toBe(400);
    expect(problem(other).errors).toEqual([{ field: 'scan', message: expect.stringContaining('"file"') }]);
    const none = await staff();
    expect(none.status).toBe(400);
    expect(problem(none).errors).toEqual([{ field: 'file', message: 'a file is required' }]);
    // bodies the multipart parser cannot read (found by schemathesis): no boundary, a body cut short, garbage
    const boundary = 'b0undary42';
    for (const [contentType, body] of [
      ['multipart/form-data', ''],
      [`multipart/form-data; boundary=${boundary}`, `--${boundary}\r\n\u00d6){^#--${boundary}--\r\n`],
      [
        `multipart/form-data; boundary=${boundary}`,
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.4 cut`,
      ],
    ]) {
      for (const path of [`/api/v1/claims/${n}/documents`, `/api/v1/track/${n}/documents`]) {
        const res = await s
          .http()
          .post(path)
          .set(s.auth.KPU_OPERATOR)
          .set('X-Tracking-Code', review.trackingCode)
          .set('Content-Type', contentType)
          .send(body);
        expect({ path, contentType, status: res.status }).toEqual({ path, contentType, status: 400 });
        expect(problem(res).errors[0].field).toBe('body');
      }
    }
    expect(await snapshotCounts(s.ds)).toEqual(before);
  });

  it('every answer is logged once with its request id, the path without its query string, status and time', async () => {
    const root = PinoLogger.root;
    const level = root.level;
    const lines: unknown[][] = [];
    root.level = 'info';
    const info = jest.spyOn(root, 'info').mockImplementation((...a: unknown[]) => void lines.push(a));
    try {
      await s
        .http()
        .get('/api/v1/track/SGP-2026-999999?code=ABCDEFGHJK')
        .set('X-Request-Id', 'log-req-7')
        .expect(404);
    } finally {
      info.mockRestore();
      root.level = level;
    }
    const mine = lines.filter((l) => (l[0] as { reqId?: string }).reqId === 'log-req-7');
    expect(mine).toEqual([
      [
        {
          reqId: 'log-req-7',
          req: { id: 'log-req-7', method: 'GET', url: '/api/v1/track/SGP-2026-999999' },
          res: { statusCode: 404 },
          responseTime: expect.any(Number),
        },
        'request completed',
      ],
    ]);
  });

  it('request ids are echoed; helmet headers are set; CORS is closed by default', async () => {
    const mine = await s
      .http()
      .get('/api/v1/auth/me')
      .set(s.auth.ADMIN)
      .set('X-Request-Id', 'test-req-42')
      .expect(200);
    expect(mine.headers['x-request-id']).toBe('test-req-42');
    const fresh = await s.http().get('/health');
    expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(fresh.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'strict-transport-security': expect.stringContaining('max-age='),
      'content-security-policy': expect.stringContaining("default-src 'self'"),
    });
    expect(fresh.headers['x-powered-by']).toBeUndefined();
    const cors = await s
      .http()
      .options('/api/v1/claims')
      .set('Origin', 'https://evil.example')
      .set('Access-Control-Request-Method', 'GET');
    expect(cors.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('CORS_ORIGINS opens CORS to the listed origins only', async () => {
    process.env.CORS_ORIGINS = 'https://kpu.example,https://bpjs.example';
    const app = await startApi();
    try {
      const preflight = (origin: string) =>
        request(app.getHttpServer())
          .options('/api/v1/claims')
          .set('Origin', origin)
          .set('Access-Control-Request-Method', 'GET')
          .set('Access-Control-Request-Headers', 'Authorization, Idempotency-Key');
      const listed = await preflight('https://bpjs.example');
      expect(listed.status).toBe(204);
      expect(listed.headers['access-control-allow-origin']).toBe('https://bpjs.example');
      expect(listed.headers['access-control-allow-headers']).toMatch(/Idempotency-Key/);
      const other = await preflight('https://evil.example');
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
      const get = await request(app.getHttpServer())
        .get('/api/v1/auth/me')
        .set('Origin', 'https://kpu.example')
        .set(s.auth.ADMIN)
        .expect(200);
      expect(get.headers['access-control-allow-origin']).toBe('https://kpu.example');
      expect(get.headers['access-control-expose-headers']).toMatch(/X-Request-Id/);
    } finally {
      delete process.env.CORS_ORIGINS;
      await app.close();
    }
  });

  it('the OpenAPI document describes every route with examples and bearer auth', async () => {
    const doc = (await s.http().get('/api/docs-json').expect(200)).body;
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    const paths = Object.keys(doc.paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/v1/auth/login',
        '/api/v1/incidents',
        '/api/v1/claims',
        '/api/v1/claims/{claimNumber}/approval',
        '/api/v1/track/{claimNumber}',
        '/api/v1/track/{claimNumber}/documents',
      ]),
    );
    expect(doc.components.schemas.CreateIncidentDto.properties.workerNik.example).toBe('3273014107900001');
    await s.http().get('/api/docs').expect(200);
  });
});
