import { AdHocWorkerEntity } from './adhoc-worker.entity';
import { AppointmentEntity } from './appointment.entity';
import { CoverageAgreementEntity } from './coverage-agreement.entity';
import { CoveragePeriodEntity } from './coverage-period.entity';
import { RosterImportEntity, RosterImportRejectEntity } from './roster-import.entity';

export * from './adhoc-worker.entity';
export * from './appointment.entity';
export * from './coverage-agreement.entity';
export * from './coverage-period.entity';
export * from './roster-import.entity';

/** The coverage registry's entities, wired into the default DataSource by @sigap/persistence. */
export const COVERAGE_ENTITIES = [
  AdHocWorkerEntity,
  AppointmentEntity,
  CoveragePeriodEntity,
  CoverageAgreementEntity,
  RosterImportEntity,
  RosterImportRejectEntity,
];
