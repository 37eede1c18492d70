import type { INestApplication } from '@nestjs/common';
import { getClaimStateQuery, withdrawClaimUpdate } from '@sigap/workflows';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { isoDate, seedCoverage, testNik } from './support/claims';
import {
  eventually,
  RunningWorker,
  startApi,
  startWorker,
  loginAs,
  temporalClient,
  useTestEnv,
} from './support/stack';

/** The walking skeleton through every layer: HTTP → PostgreSQL → Temporal workflow → activity → read model. */
describe('walking skeleton: report an incident and follow its claim', () => {
  let app: INestApplication;
  let worker: RunningWorker;
  let temporal: Awaited<ReturnType<typeof temporalClient>>;
  let auth: { Authorization: string };

  beforeAll(async () => {
    const taskQueue = useTestEnv('skeleton');
    worker = await startWorker(taskQueue);
    app = await startApi();
    temporal = await temporalClient();
    auth = await loginAs(app, 'kpu.kotabandung');
  });

  afterAll(async () => {
    await app?.close();
    await worker?.stop();
    await temporal?.close();
  });

  const http = () => request(app.getHttpServer());
  // each report is a different, covered worker (a second report of the same worker and day would join the claim)
  let nik = '3273014107900001';
  beforeEach(async () => {
    nik = testNik();
    const day = (offsetDays: number) => isoDate(new Date(Date.now() + offsetDays * 86400e3));
    await seedCoverage(app.get(DataSource), nik, { termStart: day(-10), termEnd: day(10) });
  });
  const validReport = () => ({
    workerNik: nik,
    incidentType: 'DEATH',
    occurredAt: new Date(Date.now() - 3 * 60 * 60 * 1000).toISOString(),
    regionCode: '32.73.01.1001',
    tpsNumber: 12,
    place: 'TPS 012',
    chronology: 'Collapsed while counting ballots.',
  });

  it('GET /health reports PostgreSQL and Temporal up', async () => {
    const res = await http().get('/health').expect(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.info.postgres.status).toBe('up');
    expect(res.body.info.temporal.status).toBe('up');
  });

  it('files a report, starts the workflow named after the claim number, and projects its stages', async () => {
    const res = await http().post('/api/v1/incidents').set(auth).send(validReport()).expect(201);
    expect(res.body.claimNumber).toMatch(/^SGP-\d{4}-\d{6}$/);
    expect(res.body.trackingCode).toMatch(/^[2-9A-HJKMNP-Z]{10}$/);
    expect(res.body).toMatchObject({ stage: 'REPORTED', lateReport: false, joined: false });
    const { claimNumber } = res.body;

    // the workflow exists under the claim number and reaches the first human step
    const handle = temporal.client.workflow.getHandle(claimNumber);
    const state = await eventually(async () => {
      const s = await handle.query(getClaimStateQuery);
      return s.stage === 'AWAITING_VERIFICATION' && s;
    });
    expect(state.timeline.map((t) => t.type)).toEqual([
      'REPORTED',
      'COVERAGE_CHECK_STARTED',
      'AWAITING_VERIFICATION',
    ]);

    // the read model follows, through the worker's activity
    const claim = await eventually(async () => {
      const r = await http().get(`/api/v1/claims/${claimNumber}`).set(auth).expect(200);
      return r.body.stage === 'AWAITING_VERIFICATION' && r.body;
    });
    expect(claim).toMatchObject({
      claimNumber,
      incidentType: 'DEATH',
      regionCode: '3273011001',
      tpsNumber: 12,
      workflowStarted: true,
    });
    expect(claim.timeline).toHaveLength(3);
    // the claim view carries no personal data
    expect(JSON.stringify(claim)).not.toContain(nik);
    expect(JSON.stringify(state)).not.toContain(nik);
  });

  it('a withdrawal without a reason is refused by the Update validator and changes nothing', async () => {
    const { body } = await http().post('/api/v1/incidents').set(auth).send(validReport()).expect(201);
    const handle = temporal.client.workflow.getHandle(body.claimNumber);
    await eventually(async () => (await handle.query(getClaimStateQuery)).stage === 'AWAITING_VERIFICATION');

    const refused = handle.executeUpdate(withdrawClaimUpdate, { args: [{ actor: 'officer-1', reason: '' }] });
    await expect(refused).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
    await expect(refused).rejects.toMatchObject({
      cause: { message: expect.stringContaining('reason is required') },
    });
    expect((await handle.query(getClaimStateQuery)).timeline).toHaveLength(3);

    const done = await handle.executeUpdate(withdrawClaimUpdate, {
      args: [{ actor: 'officer-1', reason: 'reported twice by mistake' }],
    });
    expect(done.stage).toBe('WITHDRAWN');
    expect((await handle.result()).stage).toBe('WITHDRAWN');
    const claim = await eventually(async () => {
      const r = await http().get(`/api/v1/claims/${body.claimNumber}`).set(auth).expect(200);
      return r.body.stage === 'WITHDRAWN' && r.body;
    });
    expect(claim.timeline[3]).toMatchObject({
      type: 'WITHDRAWN',
      actor: 'officer-1',
      reason: 'reported twice by mistake',
    });
  });

  it('flags a first report later than 2 x 24 hours', async () => {
    const late = {
      ...validReport(),
      incidentType: 'ACCIDENT',
      occurredAt: new Date(Date.now() - 49 * 3600 * 1000).toISOString(),
    };
    const res = await http().post('/api/v1/incidents').set(auth).send(late).expect(201);
    expect(res.body.lateReport).toBe(true);
    const claim = await eventually(async () => {
      const r = await http().get(`/api/v1/claims/${res.body.claimNumber}`).set(auth).expect(200);
      return r.body.timeline.length > 0 && r.body;
    });
    expect(claim.lateReport).toBe(true);
    expect(claim.timeline[0].reason).toBe('LATE_FIRST_REPORT');
  });

  it('refuses bad input with a problem+json naming each field, and stores nothing', async () => {
    const ds = app.get(DataSource);
    const [{ n: before }] = await ds.query('SELECT count(*)::int AS n FROM incident');
    const res = await http()
      .post('/api/v1/incidents')
      .set(auth)
      .send({ ...validReport(), workerNik: '12345', incidentType: 'FLOOD', surprise: 1 })
      .expect(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const fields = res.body.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['incidentType', 'surprise', 'workerNik']);
    const [{ n: after }] = await ds.query('SELECT count(*)::int AS n FROM incident');
    expect(after).toBe(before);
  });

  it('refuses an incident in the future', async () => {
    const res = await http()
      .post('/api/v1/incidents')
      .set(auth)
      .send({ ...validReport(), occurredAt: new Date(Date.now() + 24 * 3600 * 1000).toISOString() })
      .expect(422);
    expect(res.body.errors).toEqual([{ field: 'occurredAt', message: 'occurredAt lies in the future' }]);
  });

  it('answers unknown claims and routes with clean problem documents', async () => {
    const missing = await http().get('/api/v1/claims/SGP-2026-999999').set(auth).expect(404);
    expect(missing.body).toMatchObject({ status: 404, title: 'Not Found' });
    await http().get('/api/v1/claims/not-a-number').set(auth).expect(400);
    const route = await http().get('/api/v1/nothing-here').expect(404);
    expect(route.headers['content-type']).toContain('application/problem+json');
    expect(JSON.stringify(route.body)).not.toMatch(/at .*\.js:\d+/);
  });

  it('serves the OpenAPI document', async () => {
    const res = await http().get('/api/docs-json').expect(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/incidents', '/api/v1/claims/{claimNumber}', '/health']),
    );
  });
});
