import { EnvValidationError, poolSize, validateEnv } from './env';

const base = {
  DATABASE_URL: 'postgres://sigap:secret@127.0.0.1:5432/sigap',
  TEMPORAL_ADDRESS: '127.0.0.1:7233',
};

function problemsOf(raw: Record<string, string>): { variable: string; reasons: string[] }[] {
  try {
    validateEnv(raw);
  } catch (e) {
    if (e instanceof EnvValidationError) return e.problems;
    throw e;
  }
  return [];
}

describe('the database pool settings', () => {
  it('open the whole pool from the start unless DATABASE_POOL_MIN says otherwise', () => {
    expect(poolSize(validateEnv(base))).toEqual({ max: 10, min: 10 });
    expect(poolSize(validateEnv({ ...base, DATABASE_POOL_MAX: '40' }))).toEqual({ max: 40, min: 40 });
    expect(poolSize(validateEnv({ ...base, DATABASE_POOL_MAX: '40', DATABASE_POOL_MIN: '4' }))).toEqual({
      max: 40,
      min: 4,
    });
    expect(poolSize(validateEnv({ ...base, DATABASE_POOL_MIN: '0' }))).toEqual({ max: 10, min: 0 });
    // empty means unset, as in docker-compose `VAR=`
    expect(poolSize(validateEnv({ ...base, DATABASE_POOL_MIN: '' }))).toEqual({ max: 10, min: 10 });
  });

  it('refuse a minimum above the maximum, naming the variable', () => {
    expect(problemsOf({ ...base, DATABASE_POOL_MAX: '5', DATABASE_POOL_MIN: '6' })).toEqual([
      { variable: 'DATABASE_POOL_MIN', reasons: ['must not be more than DATABASE_POOL_MAX (5)'] },
    ]);
    expect(problemsOf({ ...base, DATABASE_POOL_MIN: '11' })).toEqual([
      { variable: 'DATABASE_POOL_MIN', reasons: ['must not be more than DATABASE_POOL_MAX (10)'] },
    ]);
  });

  it('refuse a minimum that is not a count', () => {
    for (const bad of ['-1', 'ten', '2.5', '201']) {
      const problems = problemsOf({ ...base, DATABASE_POOL_MIN: bad });
      expect(problems.map((p) => p.variable)).toEqual(['DATABASE_POOL_MIN']);
    }
  });
});

describe('whole-number settings', () => {
  it('read digits as a number and keep the default when unset', () => {
    const env = validateEnv({ ...base, FILING_BATCH_MAX: ' 64 ', WORKFLOW_START_DEFER_SECONDS: '0' });
    expect(env.FILING_BATCH_MAX).toBe(64);
    expect(env.WORKFLOW_START_DEFER_SECONDS).toBe(0);
    expect(env.FILING_BATCHES_IN_FLIGHT).toBe(1);
    expect(env.API_PORT).toBe(3000);
  });

  it('refuse a value outside the range or not whole, naming the variable and the rule', () => {
    expect(problemsOf({ ...base, FILING_BATCHES_IN_FLIGHT: '0' })).toEqual([
      { variable: 'FILING_BATCHES_IN_FLIGHT', reasons: ['must not be less than 1'] },
    ]);
    expect(problemsOf({ ...base, FILING_BATCH_MAX: '501' })).toEqual([
      { variable: 'FILING_BATCH_MAX', reasons: ['must not be greater than 500'] },
    ]);
    const notWhole = problemsOf({ ...base, API_PORT: '80.5' });
    expect(notWhole.map((p) => p.variable)).toEqual(['API_PORT']);
    expect(notWhole[0].reasons).toContain('must be an integer number');
  });
});
