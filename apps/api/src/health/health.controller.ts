import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { Connection } from '@temporalio/client';
import { Public } from '@sigap/auth';
import { TEMPORAL_CONNECTION } from '../temporal.module';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    @Inject(TEMPORAL_CONNECTION) private readonly temporal: Connection,
  ) {}

  @Get()
  @Public()
  @HealthCheck()
  @ApiOperation({ summary: 'Reachability of PostgreSQL and Temporal (200 when both are up, 503 otherwise)' })
  check() {
    return this.health.check([
      () => this.db.pingCheck('postgres', { timeout: 3000 }),
      () => this.checkTemporal(),
    ]);
  }

  private async checkTemporal() {
    const indicator = this.indicators.check('temporal');
    try {
      const info = await this.temporal.withDeadline(Date.now() + 3000, () =>
        this.temporal.workflowService.getSystemInfo({}),
      );
      return indicator.up({ serverVersion: info.serverVersion ?? 'unknown' });
    } catch (err) {
      return indicator.down({ message: (err as Error).message });
    }
  }
}
