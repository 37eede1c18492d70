import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A replayed Idempotency-Key answer must be byte-identical to the first one. jsonb stores objects with its own key
 * order (shorter keys first), so a replay came back with the same fields in another order: the answer is now kept
 * as the JSON text that was sent. Stored jsonb answers are converted (their order was already lost).
 */
export class IdempotencyResponseText1763900500000 implements MigrationInterface {
  name = 'IdempotencyResponseText1763900500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE idempotency_record ALTER COLUMN response TYPE text USING response::text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE idempotency_record ALTER COLUMN response TYPE jsonb USING response::jsonb`);
  }
}
