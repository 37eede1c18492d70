import { Logger as NestLogger } from '@nestjs/common';
import type { Logger as TypeOrmLogger } from 'typeorm';

/**
 * TypeORM's own loggers print a failed query with its parameters, and the parameters are personal data (a filing's
 * NIK, the reporter's name and phone, bank accounts). This one logs the error, its code and the statement's first
 * line, never the parameters nor a value quoted by a data exception; it goes through Nest's logger (pino in the apps), like every other log line.
 */
export class QueryErrorLogger implements TypeOrmLogger {
  private readonly logger = new NestLogger('TypeORM');

  logQueryError(error: string | Error, query: string, _parameters?: unknown[]): void {
    const e = error as Error & { code?: string };
    const statement = query.trim().split('\n', 1)[0].slice(0, 120);
    // a data exception's message quotes the value it could not read (class 22: `invalid input syntax … "<value>"`)
    const message = e.code?.startsWith('22') ? 'data exception' : (e.message ?? String(error));
    this.logger.error(`query failed${e.code ? ` (${e.code})` : ''}: ${message} [${statement}]`);
  }

  logQuery(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(message: string): void {
    this.logger.log(message);
  }
  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(String(message));
  }
}
