import { randomUUID } from 'node:crypto';
import type { Test } from 'supertest';
import { testNik } from './support/claims';
import {
  type ApiStack,
  file,
  type Filed,
  newReport,
  pdf,
  png,
  STAFF_ROLES,
  type StaffRole,
  startApiStack,
  waitStage,
} from './support/api';

/**
 * Issue #6 (3): every endpoint × the five roles + anonymous. Expected per cell:
 *  - ALLOWED: the route was reached (anything but 401, 403 or the scope's 404; a 409/422 from the workflow for a step
 *    the claim's stage does not allow is fine) and never a 5xx;
 *  - 401 without a token; 403 for a role the endpoint is not for (checked before scope);
 *  - 404 for a claim outside the user's regions: answered exactly like an unknown claim.
 * Claims: one in Kota Bandung (3273, everyone's scope) and one in Jakarta Pusat (3171, only ADMIN's).
 */
type Who = StaffRole | 'ANONYMOUS';
type Cell = 'ALLOWED' | 401 | 403 | 404;

interface Ctx {
  n: string;
  code: string;
}
interface Endpoint {
  method: 'get' | 'post';
  path: string;
  /** roles allowed; 'PUBLIC' for no login, 'ANY' for any logged-in user */
  roles: StaffRole[] | 'PUBLIC' | 'ANY';
  /** the path names a claim: out-of-scope claims answer 404 */
  claim?: boolean;
  body?: (c: Ctx) => object;
  send?: (t: Test, c: Ctx) => Test;
}

const { KPU_OPERATOR, KPU_APPROVER, BPJS_OFFICER, BPJS_SUPERVISOR, ADMIN } = Object.fromEntries(
  STAFF_ROLES.map((r) => [r, r]),
) as Record<StaffRole, StaffRole>;
const STAFF = [...STAFF_ROLES];
const BPJS_AND_ADMIN = [BPJS_OFFICER, BPJS_SUPERVISOR, ADMIN];

const CLAIM_ENDPOINTS: Endpoint[] = [
  { method: 'get', path: '/api/v1/claims/{n}', roles: STAFF, claim: true },
  {
    method: 'post',
    path: '/api/v1/claims/{n}/coverage-review',
    roles: [BPJS_OFFICER],
    claim: true,
    body: () => ({ decision: 'CONFIRM_NOT_COVERED', reason: 'matrix probe' }),
  },
  {
    method: 'post',
    path: '/api/v1/claims/{n}/verification',
    roles: [BPJS_OFFICER],
    claim: true,
    // REQUEST_INFO without a question: the workflow refuses it (409), so the probe changes nothing
    body: () => ({ decision: 'REQUEST_INFO', reason: 'matrix probe' }),
  },
  {
    method: 'post',
    path: '/api/v1/claims/{n}/info-answer',
    roles: [KPU_OPERATOR],
    claim: true,
    body: () => ({ answer: 'matrix probe' }),
  },
  {
    method: 'post',
    path: '/api/v1/claims/{n}/documents',
    roles: [KPU_OPERATOR, BPJS_OFFICER],
    claim: true,
    send: (t) => t.field('documentCode', 'DEATH_CERTIFICATE').attach('file', pdf(), 'akta.pdf'),
  },
  { method: 'get', path: `/api/v1/claims/{n}/documents/${randomUUID()}/file`, roles: STAFF, claim: true },
  {
    method: 'post',
    path: '/api/v1/claims/{n}/documents/DEATH_CERTIFICATE/review',
    roles: [BPJS_OFFICER],
    claim: true,
    body: () => ({ decision: 'ACCEPT' }),
  },
  {
    method: 'post',
    path: '/api/v1/claims/{n}/benefit/proposal',
    roles: [BPJS_OFFICER],
    claim: true,
    body: () => ({}),
  },
  {
    method: 'post',
    path: '/api/v1/claims/{n}/approval',
    roles: [BPJS_SUPERVISOR, KPU_APPROVER],
    claim: true,
    body: () => ({ decision: 'APPROVE' }),
  },
  {
    method: 'post',
    path: '/api/v1/claims/{n}/payee',
    roles: [KPU_OPERATOR, BPJS_OFFICER],
    claim: true,
    body: () => ({ bankCode: 'BNI', accountNumber: '1234567890', holderName: 'Siti Aminah' }),
  },
  {
    method: 'post',
    path: '/api/v1/claims/{n}/payee-review',
    roles: [BPJS_OFFICER, KPU_APPROVER],
    claim: true,
    body: () => ({ decision: 'ACCEPT', reason: 'matrix probe' }),
  },
  {
    method: 'post',
    path: '/api/v1/claims/{n}/reopen',
    roles: [BPJS_OFFICER, BPJS_SUPERVISOR],
    claim: true,
    body: () => ({ reason: 'matrix probe' }),
  },
  {
    method: 'post',
    path: '/api/v1/claims/{n}/assignment',
    roles: [BPJS_OFFICER, BPJS_SUPERVISOR],
    claim: true,
    body: () => ({}),
  },
  {
    method: 'post',
    path: '/api/v1/claims/{n}/death',
    roles: [KPU_OPERATOR, BPJS_OFFICER],
    claim: true,
    body: () => ({ deathDate: '2026-01-02' }),
  },
  {
    method: 'post',
    path: '/api/v1/claims/{n}/recovery',
    roles: [BPJS_OFFICER],
    claim: true,
    body: () => ({ recoveredOn: '2026-01-02', reason: 'matrix probe' }),
  },
  // last: the first allowed withdrawal ends the claim, later ones answer 409 (the claim is closed)
  {
    method: 'post',
    path: '/api/v1/claims/{n}/withdrawal',
    roles: [KPU_OPERATOR, BPJS_OFFICER],
    claim: true,
    body: () => ({ reason: 'matrix probe' }),
  },
];

const OTHER_ENDPOINTS: Endpoint[] = [
  { method: 'get', path: '/api/v1/auth/me', roles: 'ANY' },
  { method: 'get', path: '/api/v1/claims', roles: STAFF },
  { method: 'get', path: '/health', roles: 'PUBLIC' },
  { method: 'get', path: '/api/docs-json', roles: 'PUBLIC' },
  // coverage registry (roster, verification: BPJS and ADMIN; budgets and gaps: also KPU)
  {
    method: 'post',
    path: '/api/v1/rosters/imports?fileName=matrix.csv',
    roles: BPJS_AND_ADMIN,
    send: (t) => t.set('Content-Type', 'text/csv').send('nik,nama\n'),
  },
  { method: 'get', path: `/api/v1/rosters/imports/${randomUUID()}`, roles: BPJS_AND_ADMIN },
  {
    method: 'post',
    path: '/api/v1/coverage/verify',
    roles: BPJS_AND_ADMIN,
    body: () => ({ nik: testNik(), incidentDate: '2024-02-14', program: 'JKM' }),
  },
  { method: 'get', path: '/api/v1/coverage/budget?region=3273&event=PEMILU_2024', roles: STAFF },
  { method: 'get', path: '/api/v1/coverage/gaps?region=3273&event=PEMILU_2024', roles: STAFF },
];

const WHO: Who[] = [...STAFF_ROLES, 'ANONYMOUS'];

function expected(e: Endpoint, who: Who, inScope: boolean): Cell {
  if (e.roles === 'PUBLIC') return 'ALLOWED';
  if (who === 'ANONYMOUS') return 401;
  if (e.roles !== 'ANY' && !e.roles.includes(who)) return 403;
  if (e.claim && !inScope) return 404;
  return 'ALLOWED';
}

describe('api role × endpoint matrix', () => {
  let s: ApiStack;
  let bandung: Filed;
  let jakarta: Filed;
  let withdrawable: Filed;

  beforeAll(async () => {
    s = await startApiStack('api-matrix');
    // the account the payee probes register, open at the bank like every account a test expects to be valid
    s.bank.openAccount({ bankCode: 'BNI', accountNumber: '1234567890', holderName: 'Siti Aminah' });
    bandung = await file(s, s.auth.KPU_OPERATOR, { incidentType: 'DEATH' });
    jakarta = await file(s, s.auth.ADMIN, {
      incidentType: 'DEATH',
      regionCode: '3171011001',
      covered: false,
    });
    withdrawable = await file(s, s.auth.KPU_OPERATOR, { incidentType: 'ACCIDENT' });
    await waitStage(s, bandung.claimNumber, 'AWAITING_VERIFICATION', s.auth.ADMIN);
    await waitStage(s, withdrawable.claimNumber, 'AWAITING_VERIFICATION', s.auth.ADMIN);
    await waitStage(s, jakarta.claimNumber, 'COVERAGE_REVIEW', s.auth.ADMIN);
  });

  afterAll(async () => {
    await s?.close();
  });

  async function call(e: Endpoint, who: Who, c: Ctx) {
    const path = e.path.replace('{n}', c.n);
    let t = s.http()[e.method](path);
    if (who !== 'ANONYMOUS') t = t.set(s.auth[who]);
    if (e.send) t = e.send(t, c);
    else if (e.body) t = t.send(e.body(c));
    return t;
  }

  function check(
    e: Endpoint,
    who: Who,
    inScope: boolean,
    res: { status: number; body: Record<string, unknown> },
  ) {
    const want = expected(e, who, inScope);
    const label = `${e.method.toUpperCase()} ${e.path} as ${who}${e.claim ? (inScope ? ' (in scope)' : ' (out of scope)') : ''}`;
    const got = { cell: label, status: res.status, detail: res.body?.detail };
    expect(res.status).toBeLessThan(500);
    if (want === 'ALLOWED') {
      const scope404 = res.status === 404 && /^claim \S+ not found$/.test(String(res.body?.detail));
      expect({ ...got, blocked: [401, 403].includes(res.status) || scope404 }).toMatchObject({
        blocked: false,
      });
    } else {
      expect(got).toMatchObject({ status: want });
      if (want === 404) expect(String(res.body.detail)).toMatch(/^claim \S+ not found$/);
    }
  }

  it.each(CLAIM_ENDPOINTS.map((e) => [`${e.method.toUpperCase()} ${e.path}`, e] as const))(
    '%s: roles, anonymous, in and out of scope',
    async (_name, e) => {
      for (const who of WHO) {
        const target = e.path.endsWith('/withdrawal') ? withdrawable : bandung;
        check(e, who, true, await call(e, who, { n: target.claimNumber, code: target.trackingCode }));
        check(
          e,
          who,
          who === 'ADMIN',
          await call(e, who, { n: jakarta.claimNumber, code: jakarta.trackingCode }),
        );
      }
    },
  );

  it.each(OTHER_ENDPOINTS.map((e) => [`${e.method.toUpperCase()} ${e.path}`, e] as const))(
    '%s: roles and anonymous',
    async (_name, e) => {
      for (const who of WHO) check(e, who, true, await call(e, who, { n: '', code: '' }));
    },
  );

  it('an out-of-scope claim answers exactly like an unknown one', async () => {
    const out = await s
      .http()
      .get(`/api/v1/claims/${jakarta.claimNumber}`)
      .set(s.auth.BPJS_OFFICER)
      .expect(404);
    const unknown = await s.http().get('/api/v1/claims/SGP-2026-999999').set(s.auth.BPJS_OFFICER).expect(404);
    const strip = (b: Record<string, unknown>) => ({ ...b, detail: undefined, instance: undefined });
    expect(strip(out.body)).toEqual(strip(unknown.body));
    expect(out.body.detail).toBe(`claim ${jakarta.claimNumber} not found`);
  });

  it('POST /incidents: KPU operators file only in their region, ADMIN anywhere, others never', async () => {
    const post = async (who: Who, regionCode: string) => {
      const body = await newReport(s, { regionCode, covered: false });
      const t = s.http().post('/api/v1/incidents');
      return (who === 'ANONYMOUS' ? t : t.set(s.auth[who])).send(body);
    };
    for (const who of WHO) {
      const inside = await post(who, '3273011001');
      const outside = await post(who, '3171011001');
      const cell = { who, inside: inside.status, outside: outside.status };
      if (who === 'ANONYMOUS') expect(cell).toMatchObject({ inside: 401, outside: 401 });
      else if (who === 'ADMIN') expect(cell).toMatchObject({ inside: 201, outside: 201 });
      else if (who === 'KPU_OPERATOR') expect(cell).toMatchObject({ inside: 201, outside: 403 });
      else expect(cell).toMatchObject({ inside: 403, outside: 403 });
    }
    // a provincial operator (32) files in Kabupaten Bandung, not in Jakarta
    const jabar = await import('./support/stack').then((m) => m.loginAs(s.app, 'kpu.jabar'));
    await s
      .http()
      .post('/api/v1/incidents')
      .set(jabar)
      .send(await newReport(s, { regionCode: '3204', covered: false }))
      .expect(201);
    await s
      .http()
      .post('/api/v1/incidents')
      .set(jabar)
      .send(await newReport(s, { regionCode: '3171', covered: false }))
      .expect(403);
  });

  it("GET /claims: the work queue holds only claims in the user's regions", async () => {
    for (const who of STAFF_ROLES) {
      const res = await s.http().get('/api/v1/claims').query({ pageSize: 100 }).set(s.auth[who]).expect(200);
      const numbers = res.body.items.map((i: { claimNumber: string }) => i.claimNumber);
      expect(res.body.total).toBeGreaterThanOrEqual(numbers.length);
      expect({
        who,
        bandung: numbers.includes(bandung.claimNumber),
        jakarta: numbers.includes(jakarta.claimNumber),
      }).toEqual({
        who,
        bandung: true,
        jakarta: who === 'ADMIN',
      });
      // narrowing to another region never widens the scope
      const other = await s.http().get('/api/v1/claims').query({ region: '31' }).set(s.auth[who]).expect(200);
      expect(other.body.total > 0).toBe(who === 'ADMIN');
    }
  });

  it("family tracking: public, only with its own claim's code, uploads only with the code", async () => {
    for (const who of WHO) {
      const t = (n: string, code: string) => {
        const r = s.http().get(`/api/v1/track/${n}`).set('X-Tracking-Code', code);
        return who === 'ANONYMOUS' ? r : r.set(s.auth[who]);
      };
      await t(bandung.claimNumber, bandung.trackingCode).expect(200);
      // Bandung's code does not open Jakarta's claim (a family sees only its own claim)
      await t(jakarta.claimNumber, bandung.trackingCode).expect(404);
    }
    const up = (code: string) =>
      s
        .http()
        .post(`/api/v1/track/${bandung.claimNumber}/documents`)
        .set('X-Tracking-Code', code)
        .field('documentCode', 'HEIRS_KTP')
        .attach('file', png(), 'ktp.png');
    await up(jakarta.trackingCode).expect(404);
    // the right code reaches the route: nothing is expected from the family before verification
    await up(bandung.trackingCode).expect(422);
    await s
      .http()
      .post(`/api/v1/track/${bandung.claimNumber}/documents`)
      .field('documentCode', 'HEIRS_KTP')
      .attach('file', png(), 'ktp.png')
      .expect(400);
  });

  it('auth endpoints are public; a bad or expired token is 401, never 403', async () => {
    const bad = await s
      .http()
      .post('/api/v1/auth/login')
      .send({ username: 'admin', password: 'wrong' })
      .expect(401);
    expect(bad.body.detail).toBe('user name or password is wrong');
    await s
      .http()
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: 'x'.repeat(43) })
      .expect(401);
    await s
      .http()
      .post('/api/v1/auth/logout')
      .send({ refreshToken: 'x'.repeat(43) })
      .expect(204);
    await s.http().get('/api/v1/claims').set('Authorization', 'Bearer not.a.jwt').expect(401);
    await s.http().get('/api/v1/claims').set('Authorization', 'Basic YWRtaW46c2lnYXAtZGVtbw==').expect(401);
  });
});
