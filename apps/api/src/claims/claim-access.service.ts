import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { inScope, type Principal, scopePrefixes } from '@sigap/auth';
import { calculateBenefits } from '@sigap/domain';
import { DataSource } from 'typeorm';
import { buildBenefitInput, lineKey } from '@sigap/workflows/benefit-input';
import type { BenefitSummary, CalculateBenefitRequest } from '@sigap/workflows';
import type { ListClaimsQuery } from './dto';

export interface ClaimListItem {
  claimNumber: string;
  stage: string;
  track: string;
  determination: string | null;
  incidentType: string;
  regionCode: string;
  occurredAt: string;
  assignee: string | null;
  paymentDeadline: string | null;
  overdue: boolean;
  benefitTotal: number | null;
  paidTotal: number;
  lateReport: boolean;
  createdAt: string;
  updatedAt: string;
}

const TERMINAL = ['CLOSED', 'REJECTED', 'WITHDRAWN', 'PAID', 'INSTALLMENTS'];
const SORT_COLUMNS = {
  createdAt: 'c.created_at',
  updatedAt: 'c.updated_at',
  paymentDeadline: 'c.payment_deadline',
};

/**
 * Who may see which claim, and the work queue. Every read goes through the PostgreSQL read model; an out-of-scope
 * claim answers exactly like an unknown one (404), so scope does not leak existence.
 */
@Injectable()
export class ClaimAccessService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** The claim's region, or 404 when it does not exist or lies outside the principal's scope. */
  async requireInScope(p: Principal, claimNumber: string): Promise<{ regionCode: string; stage: string }> {
    const [row] = await this.ds.query(
      `SELECT i.region_code, c.stage FROM claim c JOIN incident i ON i.id = c.incident_id WHERE c.claim_number = $1`,
      [claimNumber],
    );
    if (!row || !inScope(p, row.region_code)) throw new NotFoundException(`claim ${claimNumber} not found`);
    return { regionCode: row.region_code, stage: row.stage };
  }

  async list(
    p: Principal,
    q: ListClaimsQuery,
  ): Promise<{ items: ClaimListItem[]; total: number; page: number; pageSize: number }> {
    const where: string[] = [];
    const args: unknown[] = [];
    const arg = (v: unknown) => {
      args.push(v);
      return `$${args.length}`;
    };
    const prefixes = scopePrefixes(p);
    // province (2) and kab/kota (4) prefixes of the 4-digit regency code
    if (prefixes)
      where.push(`c.regency_code LIKE ANY (SELECT x || '%' FROM unnest(${arg(prefixes)}::text[]) x)`);
    if (q.region) where.push(`c.regency_code LIKE ${arg(`${q.region}%`)}`);
    if (q.stage) where.push(`c.stage = ${arg(q.stage)}`);
    if (q.program === 'KPU_SANTUNAN') where.push(`c.track = 'KPU_SANTUNAN'`);
    else if (q.program) where.push(`c.determination = ${arg(q.program)}`);
    if (q.assignee === 'none') where.push(`a.assignee IS NULL`);
    else if (q.assignee) where.push(`a.assignee = ${arg(q.assignee === 'me' ? p.username : q.assignee)}`);
    if (q.overdue === 'true') {
      where.push(
        `c.payment_deadline < (now() AT TIME ZONE 'Asia/Jakarta')::date AND c.stage <> ALL (${arg(TERMINAL)})`,
      );
    }
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 20;
    const sort = SORT_COLUMNS[q.sort ?? 'createdAt'];
    const order = q.order === 'asc' ? 'ASC' : 'DESC';
    const from = `FROM claim c JOIN incident i ON i.id = c.incident_id
                  LEFT JOIN claim_assignment a ON a.claim_number = c.claim_number
                  ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total ${from}`, args);
    const rows = await this.ds.query(
      `SELECT c.claim_number, c.stage, c.track, c.determination, i.incident_type, i.region_code, i.occurred_at,
              a.assignee, c.payment_deadline, c.benefit_total, c.paid_total, c.late_report, c.created_at, c.updated_at,
              (c.payment_deadline < (now() AT TIME ZONE 'Asia/Jakarta')::date AND c.stage <> ALL (${arg(TERMINAL)})) AS overdue
       ${from}
       ORDER BY ${sort} ${order} NULLS LAST, c.claim_number ${order}
       LIMIT ${arg(pageSize)} OFFSET ${arg((page - 1) * pageSize)}`,
      args,
    );
    return {
      total,
      page,
      pageSize,
      items: rows.map((r: Record<string, unknown>) => ({
        claimNumber: r.claim_number,
        stage: r.stage,
        track: r.track,
        determination: r.determination,
        incidentType: r.incident_type,
        regionCode: r.region_code,
        occurredAt: (r.occurred_at as Date).toISOString(),
        assignee: r.assignee ?? null,
        paymentDeadline: r.payment_deadline ? toDate(r.payment_deadline) : null,
        overdue: r.overdue === true,
        benefitTotal: r.benefit_total === null ? null : Number(r.benefit_total),
        paidTotal: Number(r.paid_total ?? 0),
        lateReport: r.late_report,
        createdAt: (r.created_at as Date).toISOString(),
        updatedAt: (r.updated_at as Date).toISOString(),
      })),
    };
  }

  async assign(claimNumber: string, assignee: string | null, by: string): Promise<void> {
    if (assignee === null) {
      await this.ds.query(`DELETE FROM claim_assignment WHERE claim_number = $1`, [claimNumber]);
      return;
    }
    const [user] = await this.ds.query(`SELECT 1 FROM app_user WHERE username = $1 AND active`, [assignee]);
    if (!user) throw new NotFoundException(`user ${assignee} not found`);
    await this.ds.query(
      `INSERT INTO claim_assignment (claim_number, assignee, assigned_by) VALUES ($1, $2, $3)
       ON CONFLICT (claim_number) DO UPDATE SET assignee = EXCLUDED.assignee, assigned_by = EXCLUDED.assigned_by,
         assigned_at = now()`,
      [claimNumber, assignee, by],
    );
  }

  async assigneeOf(claimNumber: string): Promise<string | null> {
    const [row] = await this.ds.query(`SELECT assignee FROM claim_assignment WHERE claim_number = $1`, [
      claimNumber,
    ]);
    return row?.assignee ?? null;
  }

  async incident(claimNumber: string): Promise<Record<string, unknown>> {
    const [row] = await this.ds.query(
      `SELECT i.incident_type, i.occurred_at, i.reported_at, i.region_code, i.tps_number, i.place, i.chronology,
              i.worker_role, i.on_duty_context, i.health_facility
         FROM claim c JOIN incident i ON i.id = c.incident_id WHERE c.claim_number = $1`,
      [claimNumber],
    );
    return {
      incidentType: row.incident_type,
      occurredAt: row.occurred_at.toISOString(),
      reportedAt: row.reported_at.toISOString(),
      regionCode: row.region_code,
      tpsNumber: row.tps_number,
      place: row.place,
      chronology: row.chronology,
      workerRole: row.worker_role,
      onDutyContext: row.on_duty_context,
      healthFacility: row.health_facility,
    };
  }

  async upload(
    claimNumber: string,
    uploadId: string,
  ): Promise<{ storageRef: string; contentType: string; fileName: string } | undefined> {
    const [row] = await this.ds.query(
      `SELECT storage_ref, content_type, file_name FROM claim_document_upload WHERE claim_number = $1 AND id::text = $2`,
      [claimNumber, uploadId],
    );
    return row && row.storage_ref
      ? { storageRef: row.storage_ref, contentType: row.content_type, fileName: row.file_name }
      : undefined;
  }
}

export interface LineExplanation {
  labelId: string;
  labelEn: string;
  formula: string;
  legalBasis: string;
}

/**
 * Each benefit line's formula (with its numbers) and legal basis, as libs/domain computes them: the stored request
 * of the benefit version is calculated again (pure and deterministic, so the same lines come out).
 */
export async function explainBenefit(
  ds: DataSource,
  claimNumber: string,
  benefit: BenefitSummary,
): Promise<Map<string, LineExplanation>> {
  const out = new Map<string, LineExplanation>();
  const [row] = await ds.query(`SELECT request FROM claim_benefit WHERE claim_number = $1 AND version = $2`, [
    claimNumber,
    benefit.version,
  ]);
  if (!row) return out;
  try {
    const result = calculateBenefits(buildBenefitInput(row.request as CalculateBenefitRequest));
    for (const l of result.lineItems) {
      out.set(lineKey(l.code, l.ref), {
        labelId: l.label.id,
        labelEn: l.label.en,
        formula: l.formula,
        legalBasis: l.legalBasis,
      });
    }
    for (const l of result.scheduled) {
      out.set(lineKey(l.code, l.ref ? `${l.ref}@${l.dueDate}` : l.dueDate), {
        labelId: l.label.id,
        labelEn: l.label.en,
        formula: l.formula,
        legalBasis: l.legalBasis,
      });
    }
  } catch {
    // an explanation is a help, never a reason to fail the case view
  }
  return out;
}

function toDate(v: unknown): string {
  return v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10);
}
