/**
 * @sigap/coverage — the coverage registry: ad-hoc workers, appointments, BPJS coverage periods and PKS agreements;
 * roster import (CSV → COPY → set-based merge); coverage verification; contribution budgets and gap reports.
 * See docs/coverage.md.
 */
export * from './entities';
export * from './rules/roles';
export {
  CONTRIBUTION_RATES_PP_44_2015,
  monthlyContribution,
  monthlyContributionBoth,
  type ContributionRates,
  type Segment,
} from './rules/rates';
export * from './rules/months';
export { decideCoverage, contributionMonths, type RegistryAppointment, type RegistryCoverage } from './rules/decide';
export * from './coverage-verification.service';
export * from './coverage-report.service';
export * from './roster-import.service';
export * from './coverage.module';
export * from './roster/columns';
export * from './roster/csv-reader';
export * from './roster/file-source';
export * from './roster/row-validator';
export * from './roster/roster-importer';
export * from './roster/generator';
export * from './demo-roster';
