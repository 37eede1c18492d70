import { Module } from '@nestjs/common';
import { CoverageModule } from '@sigap/coverage';
import { CoverageController } from './coverage.controller';

/** HTTP surface of the coverage registry (roster imports, verification, budgets, gaps). No auth yet (later issue). */
@Module({ imports: [CoverageModule], controllers: [CoverageController] })
export class CoverageApiModule {}
