import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { IS_PUBLIC, ROLES } from './decorators';
import type { Principal } from './principal';
import { ALL_ROLES, Role } from './roles';
import { VerifiedTokens } from './verified-tokens';

interface AccessClaims {
  sub: string;
  usr: string;
  role: Role;
  rgn: string[];
  br: string | null;
  typ: 'access';
}

/**
 * Global guard: every route needs a valid bearer access token unless marked @Public(); @Roles() narrows it to
 * roles. A missing or bad token answers 401, a wrong role 403.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  /** tokens already verified, until they expire (see VerifiedTokens) */
  readonly verified = new VerifiedTokens<AccessClaims>();

  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = ctx
      .switchToHttp()
      .getRequest<{ headers: Record<string, string | undefined>; principal?: Principal }>();
    const header = req.headers.authorization ?? '';
    const match = /^Bearer ([A-Za-z0-9._-]+)$/.exec(header);
    if (!match)
      throw new UnauthorizedException('a bearer access token is required (POST /api/v1/auth/login)');
    let claims = this.verified.get(match[1]);
    if (claims === undefined) {
      try {
        claims = await this.jwt.verifyAsync<AccessClaims & { exp?: number }>(match[1]);
      } catch {
        throw new UnauthorizedException('the access token is invalid or expired');
      }
      if (claims.typ !== 'access' || !ALL_ROLES.includes(claims.role)) {
        throw new UnauthorizedException('the access token is invalid or expired');
      }
      this.verified.remember(match[1], claims);
    }
    req.principal = {
      userId: claims.sub,
      username: claims.usr,
      role: claims.role,
      regions: claims.rgn ?? [],
      branchCode: claims.br ?? null,
    };
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles && !roles.includes(claims.role)) {
      throw new ForbiddenException(`this action needs one of the roles ${roles.join(', ')}`);
    }
    return true;
  }
}

export type { AccessClaims };
