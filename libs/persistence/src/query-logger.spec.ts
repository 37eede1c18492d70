import { Logger } from '@nestjs/common';
import { QueryErrorLogger } from './query-logger';

describe('QueryErrorLogger', () => {
  const nik = '3273014501900001';
  let lines: string[];
  beforeEach(() => {
    lines = [];
    jest.spyOn(Logger.prototype, 'error').mockImplementation((m: unknown) => void lines.push(String(m)));
  });
  afterEach(() => jest.restoreAllMocks());

  it('logs a failed query with its code and first line, never its parameters', () => {
    const err = Object.assign(
      new Error('duplicate key value violates unique constraint "adhoc_worker_pkey"'),
      {
        code: '23505',
      },
    );
    new QueryErrorLogger().logQueryError(err, 'INSERT INTO adhoc_worker (nik, full_name)\n VALUES ($1, $2)', [
      nik,
      'Siti Aminah',
    ]);
    expect(lines).toEqual([
      'query failed (23505): duplicate key value violates unique constraint "adhoc_worker_pkey" [INSERT INTO adhoc_worker (nik, full_name)]',
    ]);
  });

  it('does not repeat the value a data exception quotes', () => {
    const err = Object.assign(new Error(`invalid input syntax for type date: "${nik}"`), { code: '22007' });
    new QueryErrorLogger().logQueryError(err, 'SELECT $1::date', [nik]);
    expect(lines).toEqual(['query failed (22007): data exception [SELECT $1::date]']);
    expect(lines.join('')).not.toContain(nik);
  });
});
