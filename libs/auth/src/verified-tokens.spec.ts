import { UnauthorizedException, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { AuthGuard } from './auth.guard';
import { Role } from './roles';
import { VerifiedTokens } from './verified-tokens';

describe('VerifiedTokens', () => {
  const now = Date.UTC(2026, 11, 3, 12);
  const exp = now / 1000 + 60;

  it('gives back a remembered token until its exp, then forgets it', () => {
    const tokens = new VerifiedTokens<{ sub: string }>();
    tokens.remember('a.b.c', { sub: 'u1', exp }, now);
    expect(tokens.get('a.b.c', now + 59_999)).toEqual({ sub: 'u1', exp });
    expect(tokens.get('a.b.c', now + 60_000)).toBeUndefined();
    expect(tokens.size).toBe(0);
  });

  it('knows only the exact text it was given', () => {
    const tokens = new VerifiedTokens<{ sub: string }>();
    tokens.remember('a.b.c', { sub: 'u1', exp }, now);
    expect(tokens.get('a.b.C', now)).toBeUndefined();
    expect(tokens.get('a.b.c ', now)).toBeUndefined();
  });

  it('keeps no token without an exp, or already expired', () => {
    const tokens = new VerifiedTokens<{ sub: string }>();
    tokens.remember('no-exp', { sub: 'u1' }, now);
    tokens.remember('expired', { sub: 'u1', exp: now / 1000 }, now);
    expect(tokens.size).toBe(0);
  });

  it('holds at most max tokens, dropping the oldest', () => {
    const tokens = new VerifiedTokens<{ n: number }>(2);
    for (const n of [1, 2, 3]) tokens.remember(`t${n}`, { n, exp }, now);
    expect(tokens.size).toBe(2);
    expect(tokens.get('t1', now)).toBeUndefined();
    expect(tokens.get('t2', now)?.n).toBe(2);
    expect(tokens.get('t3', now)?.n).toBe(3);
  });
});

describe('AuthGuard with verified tokens', () => {
  const jwt = new JwtService({ secret: 'a-test-secret-of-enough-length-0123456789' });
  const claims = { sub: 'u1', usr: 'op', role: Role.KPU_OPERATOR, rgn: ['3273'], br: null, typ: 'access' };
  const handler = () => undefined;
  class Controller {}
  const context = (authorization: string, req: Record<string, unknown> = {}) =>
    ({
      getHandler: () => handler,
      getClass: () => Controller,
      switchToHttp: () => ({ getRequest: () => Object.assign(req, { headers: { authorization } }) }),
    }) as unknown as ExecutionContext;

  afterEach(() => jest.useRealTimers());

  it('checks a token once, then answers from memory with the same principal', async () => {
    const guard = new AuthGuard(new Reflector(), jwt);
    const verify = jest.spyOn(jwt, 'verifyAsync');
    const token = await jwt.signAsync(claims, { expiresIn: 900 });
    const first: Record<string, unknown> = {};
    const second: Record<string, unknown> = {};
    await expect(guard.canActivate(context(`Bearer ${token}`, first))).resolves.toBe(true);
    await expect(guard.canActivate(context(`Bearer ${token}`, second))).resolves.toBe(true);
    expect(verify).toHaveBeenCalledTimes(1);
    expect(second.principal).toEqual(first.principal);
    expect(second.principal).toEqual({
      userId: 'u1',
      username: 'op',
      role: Role.KPU_OPERATOR,
      regions: ['3273'],
      branchCode: null,
    });
    verify.mockRestore();
  });

  it('refuses a remembered token once it has expired, and an altered one always', async () => {
    jest.useFakeTimers({ now: Date.UTC(2026, 11, 3, 12), doNotFake: ['setImmediate', 'nextTick'] });
    const guard = new AuthGuard(new Reflector(), jwt);
    const token = await jwt.signAsync(claims, { expiresIn: 60 });
    await expect(guard.canActivate(context(`Bearer ${token}`))).resolves.toBe(true);
    const [head, , sig] = token.split('.');
    const forged = [
      head,
      Buffer.from(JSON.stringify({ ...claims, role: Role.ADMIN })).toString('base64url'),
      sig,
    ];
    await expect(guard.canActivate(context(`Bearer ${forged.join('.')}`))).rejects.toThrow(
      UnauthorizedException,
    );
    jest.setSystemTime(Date.UTC(2026, 11, 3, 12, 1));
    await expect(guard.canActivate(context(`Bearer ${token}`))).rejects.toThrow(
      'the access token is invalid or expired',
    );
  });
});
