import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { InvalidInputError, parseRegionCode } from '@sigap/domain';
import { DataSource } from 'typeorm';
import { monthsBegun } from './rules/months';
import { CONTRIBUTION_RATES_PP_44_2015, monthlyContribution, type ContributionRates, type Segment } from './rules/rates';
import { ELECTION_EVENT_PATTERN, ROLES } from './rules/roles';

export interface BudgetLine {
  role: string;
  headcount: number;
  /** sum over workers of the months begun in their term */
  personMonths: number;
  jkk: number;
  jkm: number;
  total: number;
}

export interface ContributionBudget {
  region: string;
  event: string;
  rates: { id: string; legalBasis: string };
  basis: string;
  lines: BudgetLine[];
  totals: Omit<BudgetLine, 'role'>;
}

export interface GapLine {
  region: string;
  role: string;
  workers: number;
  covered: number;
  uncovered: number;
  /** JKK + JKM for the uncovered workers' whole term, PU on their honorarium */
  budgetToClose: number;
}

export interface GapReport {
  region: string;
  event: string;
  groupedBy: 'REGENCY' | 'DISTRICT' | 'VILLAGE';
  rates: { id: string; legalBasis: string };
  lines: GapLine[];
  totals: Omit<GapLine, 'region' | 'role'>;
}

interface GroupRow {
  region: string;
  role: string;
  covered: boolean;
  segment: Segment | null;
  wage: string;
  term_start: string;
  term_end: string;
  n: number;
}

/**
 * Contribution budgets and coverage-gap reports, aggregated in SQL by (role, wage, term) groups and priced in
 * integer rupiah with the rates as data (rules/rates.ts). Budget: every appointment of the region and event,
 * headcount × months of the term × monthly JKK + JKM, on the wage base of its coverage period (segment of that
 * period) or, when it has none, on its honorarium as PU. Gap: per child region and role, workers vs covered and
 * the budget to cover the uncovered ones (PU, honorarium, whole term).
 */
@Injectable()
export class CoverageReportService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async budget(region: string, event: string, rates: ContributionRates = CONTRIBUTION_RATES_PP_44_2015): Promise<ContributionBudget> {
    const { code, ev } = this.check(region, event);
    const rows = await this.groups(code, ev, code.length);
    const byRole = new Map<string, BudgetLine>();
    for (const r of rows) {
      const line = byRole.get(r.role) ?? { role: r.role, headcount: 0, personMonths: 0, jkk: 0, jkm: 0, total: 0 };
      const months = monthsBegun(r.term_start, r.term_end);
      const seg: Segment = r.segment ?? 'PU';
      const wage = Number(r.wage);
      line.headcount += r.n;
      line.personMonths += r.n * months;
      line.jkk += r.n * months * monthlyContribution(seg, 'JKK', wage, rates);
      line.jkm += r.n * months * monthlyContribution(seg, 'JKM', wage, rates);
      line.total = line.jkk + line.jkm;
      byRole.set(r.role, line);
    }
    const lines = sortByRole([...byRole.values()]);
    const totals = { headcount: 0, personMonths: 0, jkk: 0, jkm: 0, total: 0 };
    for (const l of lines) for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += l[k];
    return {
      region: code,
      event: ev,
      rates: { id: rates.id, legalBasis: rates.legalBasis },
      basis:
        'headcount × months begun in the term × (JKK + JKM) per month; wage base of the coverage period, else the honorarium as PU',
      lines,
      totals,
    };
  }

  async gaps(region: string, event: string, rates: ContributionRates = CONTRIBUTION_RATES_PP_44_2015): Promise<GapReport> {
    const { code, ev } = this.check(region, event);
    const childLen = code.length === 2 ? 4 : code.length === 4 ? 6 : 10;
    const rows = await this.groups(code, ev, childLen);
    const byKey = new Map<string, GapLine>();
    for (const r of rows) {
      const key = `${r.region}|${r.role}`;
      const line = byKey.get(key) ?? { region: r.region, role: r.role, workers: 0, covered: 0, uncovered: 0, budgetToClose: 0 };
      line.workers += r.n;
      if (r.covered) line.covered += r.n;
      else {
        line.uncovered += r.n;
        const monthly =
          monthlyContribution('PU', 'JKK', Number(r.wage), rates) + monthlyContribution('PU', 'JKM', Number(r.wage), rates);
        line.budgetToClose += r.n * monthsBegun(r.term_start, r.term_end) * monthly;
      }
      byKey.set(key, line);
    }
    const lines = [...byKey.values()].sort(
      (a, b) => a.region.localeCompare(b.region) || ROLES.indexOf(a.role as never) - ROLES.indexOf(b.role as never),
    );
    const totals = { workers: 0, covered: 0, uncovered: 0, budgetToClose: 0 };
    for (const l of lines) for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += l[k];
    return {
      region: code,
      event: ev,
      groupedBy: childLen === 4 ? 'REGENCY' : childLen === 6 ? 'DISTRICT' : 'VILLAGE',
      rates: { id: rates.id, legalBasis: rates.legalBasis },
      lines,
      totals,
    };
  }

  private check(region: string, event: string): { code: string; ev: string } {
    const r = parseRegionCode(region ?? '', 'region');
    if (r.level === 'VILLAGE')
      throw new InvalidInputError('region', 'region must be a province, kab/kota or kecamatan code', 'REGION_LEVEL');
    const ev = String(event ?? '').toUpperCase();
    if (!ELECTION_EVENT_PATTERN.test(ev))
      throw new InvalidInputError('event', 'event must be an election event code such as PEMILU_2024', 'INVALID_EVENT');
    return { code: r.code, ev };
  }

  /**
   * One pass over the appointments of the region: an index-only range scan of appointment_event_region, whose
   * INCLUDE columns carry the coverage period's segment and wage base (appointment.cover_*, kept by triggers on
   * coverage_period), so no join. Grouped by child region, role, covered, segment, wage and term. The wage is the
   * coverage wage base when covered, else the honorarium.
   */
  private groups(prefix: string, event: string, childLen: number): Promise<GroupRow[]> {
    const upper = String(Number(prefix) + 1).padStart(prefix.length, '0');
    return this.dataSource.query(
      `SELECT left(region_code, $4) AS region, role, (cover_wage IS NOT NULL) AS covered, cover_segment AS segment,
              coalesce(cover_wage, honorarium)::text AS wage, term_start::text AS term_start,
              term_end::text AS term_end, count(*)::int AS n
         FROM appointment
        WHERE election_event = $1 AND region_code >= $2 AND region_code < $3
        GROUP BY 1, 2, 3, 4, 5, 6, 7`,
      [event, prefix, upper, childLen],
    );
  }
}

function sortByRole<T extends { role: string }>(lines: T[]): T[] {
  return lines.sort((a, b) => ROLES.indexOf(a.role as never) - ROLES.indexOf(b.role as never));
}

/** CSV export (RFC 4180, comma, header row) of report lines. */
export function toCsv<T extends object>(rows: T[], columns: (keyof T & string)[]): string {
  const esc = (v: unknown) => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [columns.join(','), ...rows.map((r) => columns.map((c) => esc(r[c])).join(','))].join('\n') + '\n';
}
