import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CoverageSummary } from '@sigap/workflows';
import { DataSource } from 'typeorm';

/** The coverage registry's contract (libs/coverage CoverageVerificationService.verify); bound in apps/worker. */
export interface CoverageVerifier {
  verify(
    nik: string,
    incidentDate: string,
    program: 'JKK' | 'JKM',
  ): Promise<{
    outcome: CoverageSummary['outcome'];
    wageBase: number | null;
    wageBaseSource: 'HONORARIUM' | 'UMP' | null;
    contributionMonths: number;
    appointment: { organisation: 'KPU' | 'BAWASLU'; termStart: string; termEnd: string } | null;
    reasons: { code: string; message: string }[];
  }>;
}
export const COVERAGE_VERIFIER = Symbol('COVERAGE_VERIFIER');

/**
 * Coverage activity: reads the worker's NIK for the claim from PostgreSQL (the workflow never sees it) and asks the
 * registry whether the worker was covered on the incident date (Asia/Jakarta).
 */
@Injectable()
export class CoverageCheckService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(COVERAGE_VERIFIER) private readonly verifier: CoverageVerifier,
  ) {}

  async checkCoverage({
    claimNumber,
    program,
  }: {
    claimNumber: string;
    program: 'JKK' | 'JKM';
  }): Promise<CoverageSummary> {
    const [row] = await this.ds.query(
      `SELECT i.worker_nik, to_char(i.occurred_at AT TIME ZONE 'Asia/Jakarta', 'YYYY-MM-DD') AS incident_date
         FROM claim c JOIN incident i ON i.id = c.incident_id WHERE c.claim_number = $1`,
      [claimNumber],
    );
    if (!row) throw new Error(`claim ${claimNumber} not found`);
    const v = await this.verifier.verify(row.worker_nik, row.incident_date, program);
    return {
      outcome: v.outcome,
      program,
      wageBase: v.wageBase,
      wageBaseSource: v.wageBaseSource,
      contributionMonths: v.contributionMonths,
      organisation: v.appointment?.organisation ?? null,
      termStart: v.appointment?.termStart ?? null,
      termEnd: v.appointment?.termEnd ?? null,
      reasons: v.reasons,
    };
  }
}
