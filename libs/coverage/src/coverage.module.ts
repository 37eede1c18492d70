import { Module } from '@nestjs/common';
import { CoverageReportService } from './coverage-report.service';
import { CoverageVerificationService } from './coverage-verification.service';
import { RosterImportService } from './roster-import.service';

/**
 * The coverage registry as a Nest module. It uses the default TypeORM connection of the importing application
 * (apps/api AppModule, apps/worker WorkerModule: TypeOrmModule.forRootAsync with dataSourceOptions()).
 */
@Module({
  providers: [CoverageVerificationService, CoverageReportService, RosterImportService],
  exports: [CoverageVerificationService, CoverageReportService, RosterImportService],
})
export class CoverageModule {}
