import { assertIsoDate, compareDates, type IsoDate } from '../date';
import { NoRuleSetError } from '../errors';
import { PP_44_2015 } from './pp-44-2015';
import { PP_82_2019 } from './pp-82-2019';
import type { RuleSet } from './types';

export * from './types';
export { PP_44_2015 } from './pp-44-2015';
export { PP_82_2019 } from './pp-82-2019';

/** All known rule sets, oldest first. Adding a regulation = appending its data object here. */
export const RULE_SETS: readonly RuleSet[] = [PP_44_2015, PP_82_2019];

/**
 * The rule set in force on the incident date (the latest whose effectiveFrom <= incidentDate).
 * Throws NoRuleSetError (field `incidentDate` by default) before 2015-07-01.
 */
export function ruleSetFor(
  incidentDate: IsoDate,
  field = 'incidentDate',
  ruleSets: readonly RuleSet[] = RULE_SETS,
): RuleSet {
  assertIsoDate(incidentDate, field);
  let found: RuleSet | undefined;
  for (const rs of ruleSets) {
    if (
      compareDates(rs.effectiveFrom, incidentDate) <= 0 &&
      (!found || compareDates(rs.effectiveFrom, found.effectiveFrom) > 0)
    ) {
      found = rs;
    }
  }
  if (!found) throw new NoRuleSetError(field, incidentDate);
  return found;
}
