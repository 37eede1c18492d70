import { MigrationInterface, QueryRunner } from 'typeorm';

export class Auth1763900300000 implements MigrationInterface {
  name = 'Auth1763900300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE app_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username varchar(64) NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9._-]{3,64}$'),
        password_hash varchar(100) NOT NULL,
        display_name varchar(128) NOT NULL,
        role varchar(32) NOT NULL
          CHECK (role IN ('KPU_OPERATOR', 'KPU_APPROVER', 'BPJS_OFFICER', 'BPJS_SUPERVISOR', 'ADMIN')),
        regions text[] NOT NULL DEFAULT '{}',
        branch_code varchar(32),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE refresh_token (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        token_hash char(64) NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX refresh_token_user ON refresh_token (user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE refresh_token`);
    await q.query(`DROP TABLE app_user`);
  }
}
