import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { NotificationRequest } from '@sigap/workflows';
import { DataSource } from 'typeorm';

/** Notifications activity: a row in the outbox (channels read it later); idempotent per dedup key. */
@Injectable()
export class NotificationsService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async enqueueNotification(n: NotificationRequest): Promise<void> {
    await this.ds.query(
      `INSERT INTO notification_outbox (dedup_key, claim_number, recipient_role, template, payload)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (dedup_key) DO NOTHING`,
      [n.dedupKey, n.claimNumber, n.recipientRole, n.template, JSON.stringify(n.data ?? {})],
    );
  }
}
