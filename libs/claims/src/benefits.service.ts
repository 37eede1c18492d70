import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { calculateBenefits } from '@sigap/domain';
import {
  buildBenefitInput,
  summariseBenefit,
  type BenefitSummary,
  type CalculateBenefitRequest,
} from '@sigap/workflows';
import { ApplicationFailure } from '@temporalio/common';
import { DataSource } from 'typeorm';

/**
 * Benefits activity: libs/domain calculateBenefits for the claim's determination and facts, stored as a new
 * version with its line items. Idempotent: a retry of the same request returns the version already stored.
 */
@Injectable()
export class BenefitsService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async calculateBenefit(req: CalculateBenefitRequest): Promise<BenefitSummary> {
    let summary: Omit<BenefitSummary, 'version'>;
    try {
      summary = summariseBenefit(req, calculateBenefits(buildBenefitInput(req)));
    } catch (err) {
      // bad input is not transient: fail without retries (validators refuse it before it gets here)
      throw ApplicationFailure.nonRetryable((err as Error).message, 'BenefitInput');
    }
    const requestJson = JSON.stringify(req);
    return this.ds.transaction(async (m) => {
      await m.query('SELECT 1 FROM claim WHERE claim_number = $1 FOR UPDATE', [req.claimNumber]);
      const [last] = await m.query(
        `SELECT version, request::text AS request FROM claim_benefit WHERE claim_number = $1 ORDER BY version DESC LIMIT 1`,
        [req.claimNumber],
      );
      if (last && JSON.stringify(JSON.parse(last.request)) === JSON.stringify(JSON.parse(requestJson))) {
        return { ...summary, version: last.version as number };
      }
      const version = (last?.version ?? 0) + 1;
      await m.query(
        `INSERT INTO claim_benefit (claim_number, version, determination, rule_set, total, scheduled_total, proposed_by, request, result)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          req.claimNumber,
          version,
          summary.determination,
          summary.ruleSet,
          summary.total,
          summary.scheduledTotal,
          req.proposedBy,
          requestJson,
          JSON.stringify(summary),
        ],
      );
      for (const l of [...summary.lineItems, ...summary.scheduled]) {
        await m.query(
          `INSERT INTO claim_benefit_line (claim_number, version, line_key, code, label, amount, calculated_amount, adjustment_reason, payer, due_date)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
          [
            req.claimNumber,
            version,
            l.key,
            l.code,
            l.label,
            l.amount,
            l.calculatedAmount ?? null,
            l.adjustmentReason ?? null,
            l.payer,
            'dueDate' in l ? l.dueDate : null,
          ],
        );
      }
      return { ...summary, version };
    });
  }
}
