import { Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { AccessClaims } from './auth.guard';
import { dummyHash, verifyPassword } from './password';
import type { Principal } from './principal';
import { AppUserEntity } from './user.entity';

export interface AuthSettings {
  accessTtlSeconds: number;
  refreshTtlSeconds: number;
}

export interface TokenPair {
  tokenType: 'Bearer';
  accessToken: string;
  expiresIn: number;
  refreshToken: string;
  refreshExpiresIn: number;
  user: { username: string; displayName: string; role: string; regions: string[]; branchCode: string | null };
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const INVALID = 'user name or password is wrong';

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly jwt: JwtService,
    private readonly settings: AuthSettings,
  ) {}

  async login(username: string, password: string): Promise<TokenPair> {
    const user = await this.ds
      .getRepository(AppUserEntity)
      .findOne({ where: { username: username.toLowerCase(), active: true } });
    // the same work whether the user exists or not: no user-name probing by timing
    const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyHash()));
    if (!user || !ok) throw new UnauthorizedException(INVALID);
    return this.issue(user);
  }

  /** Exchanges a refresh token for a new pair; the old refresh token is revoked (rotation). */
  async refresh(refreshToken: string): Promise<TokenPair> {
    const user = await this.ds.transaction(async (m) => {
      // a SELECT over the UPDATE: TypeORM returns [rows, count] for a bare UPDATE ... RETURNING
      const rows: { user_id: string }[] = await m.query(
        `WITH used AS (
           UPDATE refresh_token SET revoked_at = now()
           WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > now()
           RETURNING user_id)
         SELECT user_id FROM used`,
        [sha256(refreshToken)],
      );
      const userId = rows[0]?.user_id;
      if (typeof userId !== 'string')
        throw new UnauthorizedException('the refresh token is invalid, used or expired');
      return m.getRepository(AppUserEntity).findOne({ where: { id: userId, active: true } });
    });
    if (!user) throw new UnauthorizedException('the refresh token is invalid, used or expired');
    return this.issue(user);
  }

  async logout(refreshToken: string): Promise<void> {
    await this.ds.query(
      `UPDATE refresh_token SET revoked_at = now() WHERE token_hash = $1 AND revoked_at IS NULL`,
      [sha256(refreshToken)],
    );
  }

  private async issue(user: AppUserEntity): Promise<TokenPair> {
    const claims: AccessClaims = {
      sub: user.id,
      usr: user.username,
      role: user.role,
      rgn: user.regions,
      br: user.branchCode,
      typ: 'access',
    };
    const accessToken = await this.jwt.signAsync(claims, { expiresIn: this.settings.accessTtlSeconds });
    const refreshToken = randomBytes(32).toString('base64url');
    await this.ds.query(
      `INSERT INTO refresh_token (user_id, token_hash, expires_at)
       VALUES ($1, $2, now() + make_interval(secs => $3))`,
      [user.id, sha256(refreshToken), this.settings.refreshTtlSeconds],
    );
    return {
      tokenType: 'Bearer',
      accessToken,
      expiresIn: this.settings.accessTtlSeconds,
      refreshToken,
      refreshExpiresIn: this.settings.refreshTtlSeconds,
      user: {
        username: user.username,
        displayName: user.displayName,
        role: user.role,
        regions: user.regions,
        branchCode: user.branchCode,
      },
    };
  }

  static principalOf(user: AppUserEntity): Principal {
    return {
      userId: user.id,
      username: user.username,
      role: user.role,
      regions: user.regions,
      branchCode: user.branchCode,
    };
  }
}
