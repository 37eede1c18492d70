/**
 * Domain error hierarchy. Every error carries a stable machine `code` and the `field` (input property path)
 * that caused it, so the API can map it to a 400 with a field name and a workflow can fail with a clear reason.
 * The domain never returns a number it cannot justify: it throws one of these instead.
 */
export class DomainError extends Error {
  constructor(
    public readonly code: string,
    public readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** An input value is malformed or out of range (negative wage, bad date, unknown school level...). */
export class InvalidInputError extends DomainError {
  constructor(field: string, message: string, code = 'INVALID_INPUT') {
    super(code, field, message);
  }
}

/** No rule set (regulation) is in force for the date given. */
export class NoRuleSetError extends DomainError {
  constructor(field: string, date: string) {
    super(
      'NO_RULE_SET_IN_FORCE',
      field,
      `No rule set is in force on ${date} (earliest supported: 2015-07-01, PP 44/2015)`,
    );
  }
}

/** A money computation would leave the safe-integer range or produce a non-integer. */
export class MoneyError extends DomainError {
  constructor(field: string, message: string) {
    super('INVALID_AMOUNT', field, message);
  }
}

/** A NIK (Nomor Induk Kependudukan) is malformed. `code` says which part is wrong. */
export class NikError extends DomainError {
  constructor(code: string, message: string, field = 'nik') {
    super(code, field, message);
  }
}

/** A Kemendagri region code is malformed. */
export class RegionCodeError extends DomainError {
  constructor(code: string, message: string, field = 'regionCode') {
    super(code, field, message);
  }
}

/** The working-day calendar has no data for the requested date (never silently assume a working day). */
export class CalendarRangeError extends DomainError {
  constructor(field: string, date: string, years: readonly number[]) {
    super(
      'CALENDAR_OUT_OF_RANGE',
      field,
      `No holiday data for ${date}; the calendar covers ${years.join(', ')}. Add the SKB for that year.`,
    );
  }
}

/** A rule whose legal text is unconfirmed was asked for under a policy that refuses to guess. */
export class PolicyRefusalError extends DomainError {
  constructor(field: string, message: string) {
    super('POLICY_REQUIRES_MANUAL_REVIEW', field, message);
  }
}
