import { Controller, Get, INestApplication } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { Test } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import {
  AuthModule,
  CurrentUser,
  DEMO_PASSWORD,
  DEMO_USERS,
  inScope,
  type Principal,
  Public,
  Role,
  Roles,
  seedDemoUsers,
} from '@sigap/auth';
import { validateEnv } from '@sigap/config';
import { dataSourceOptions } from '@sigap/persistence';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { apiHttpAdapter } from '../apps/api/src/create-app';
import { ProblemDetailsFilter } from '../apps/api/src/common/problem-details.filter';
import { validationPipe } from '../apps/api/src/common/validation';
import { EnvModule } from '../apps/api/src/env.module';
import { useTestEnv } from './support/stack';

@Controller('probe')
class ProbeController {
  @Public()
  @Get('public')
  open() {
    return { ok: true };
  }

  @Get('any')
  any(@CurrentUser() user: Principal) {
    return user;
  }

  @Roles(Role.BPJS_SUPERVISOR)
  @Get('supervisors')
  supervisors() {
    return { ok: true };
  }

  @Get('region/3204')
  region(@CurrentUser() user: Principal) {
    return { inScope: inScope(user, '3204') };
  }
}

describe('authentication: login, bearer tokens, roles, refresh rotation', () => {
  let app: INestApplication;

  beforeAll(async () => {
    useTestEnv('auth');
    const env = validateEnv(process.env);
    const moduleRef = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot({ isGlobal: true, validate: validateEnv }),
        EnvModule,
        TypeOrmModule.forRoot(dataSourceOptions(env.DATABASE_URL)),
        AuthModule,
      ],
      controllers: [ProbeController],
    }).compile();
    app = moduleRef.createNestApplication(apiHttpAdapter());
    app.useGlobalPipes(validationPipe());
    app.useGlobalFilters(new ProblemDetailsFilter());
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    await seedDemoUsers(app.get(DataSource));
  });

  afterAll(() => app?.close());

  const http = () => request(app.getHttpServer());
  const login = (username: string, password = DEMO_PASSWORD) =>
    http().post('/api/v1/auth/login').send({ username, password });

  it('seeding the demo users twice creates them once', async () => {
    expect(await seedDemoUsers(app.get(DataSource))).toBe(0);
    const [{ n }] = await app.get(DataSource).query('SELECT count(*)::int AS n FROM app_user');
    expect(n).toBeGreaterThanOrEqual(DEMO_USERS.length);
  });

  it('logs in and the access token carries role and regions', async () => {
    const res = await login('bpjs.officer').expect(200);
    expect(res.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900, user: { role: 'BPJS_OFFICER' } });
    const me = await http()
      .get('/probe/any')
      .set('Authorization', `Bearer ${res.body.accessToken}`)
      .expect(200);
    expect(me.body).toMatchObject({
      username: 'bpjs.officer',
      role: 'BPJS_OFFICER',
      regions: ['3273', '3204'],
    });
    // the password hash never leaves the server
    expect(JSON.stringify(res.body)).not.toMatch(/\$2[aby]\$/);
  });

  it('answers a wrong password and an unknown user the same way', async () => {
    const wrong = await login('bpjs.officer', 'nope').expect(401);
    const unknown = await login('no.such.user', 'nope').expect(401);
    expect(wrong.body.detail).toBe(unknown.body.detail);
    expect(wrong.headers['content-type']).toContain('application/problem+json');
  });

  it('refuses a request without a token (401) and with a forged one (401)', async () => {
    await http().get('/probe/public').expect(200);
    const none = await http().get('/probe/any').expect(401);
    expect(none.body.detail).toContain('bearer access token is required');
    const { body } = await login('bpjs.officer');
    const [h, p] = body.accessToken.split('.');
    const forgedPayload = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), role: 'ADMIN' }),
    ).toString('base64url');
    const forged = `${h}.${forgedPayload}.${body.accessToken.split('.')[2]}`;
    await http().get('/probe/any').set('Authorization', `Bearer ${forged}`).expect(401);
  });

  it('refuses the wrong role with 403 and lets the right one through', async () => {
    const officer = (await login('bpjs.officer')).body.accessToken;
    const supervisor = (await login('bpjs.supervisor')).body.accessToken;
    const res = await http().get('/probe/supervisors').set('Authorization', `Bearer ${officer}`).expect(403);
    expect(res.body.detail).toContain('BPJS_SUPERVISOR');
    await http().get('/probe/supervisors').set('Authorization', `Bearer ${supervisor}`).expect(200);
  });

  it('scopes by region: Kota Bandung operator does not see Kabupaten Bandung, the officer does', async () => {
    const op = (await login('kpu.kotabandung')).body.accessToken;
    const officer = (await login('bpjs.officer')).body.accessToken;
    expect((await http().get('/probe/region/3204').set('Authorization', `Bearer ${op}`)).body.inScope).toBe(
      false,
    );
    expect(
      (await http().get('/probe/region/3204').set('Authorization', `Bearer ${officer}`)).body.inScope,
    ).toBe(true);
  });

  it('rotates refresh tokens: a used refresh token is refused, logout revokes', async () => {
    const first = (await login('kpu.approver').expect(200)).body;
    const second = (
      await http().post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken }).expect(200)
    ).body;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    await http().post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken }).expect(401);
    await http().post('/api/v1/auth/logout').send({ refreshToken: second.refreshToken }).expect(204);
    await http().post('/api/v1/auth/refresh').send({ refreshToken: second.refreshToken }).expect(401);
  });

  it('validates the login body by field', async () => {
    const res = await http()
      .post('/api/v1/auth/login')
      .send({ username: "x' OR 1=1 --", extra: 1 })
      .expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'extra',
      'password',
      'username',
    ]);
  });

  it('rate-limits logins per client (429 after 10 a minute)', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) codes.push((await login('admin', 'wrong-password')).status);
    expect(codes).toContain(429);
    expect(codes.filter((c) => c !== 429).every((c) => c === 401)).toBe(true);
  });
});
