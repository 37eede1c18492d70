/**
 * Scholarship (beasiswa) for children of a worker who died (JKM, JKK) or became totally disabled (JKK).
 *
 * What is modelled (PP 82/2019, PER_LEVEL):
 * - up to `maxChildren` (2) children, taken in the order the caller lists them among the *eligible* ones
 *   (younger than 23 on the calculation date, not married, not working); the caller orders the list;
 * - each child gets one installment per school year at the rate of the level the child is at, for at most
 *   that level's max years (TK 2, SD 6, SMP 3, SMA 3, higher education 5) and TK+SD together at most 8;
 * - installment 0 is payable now (line item); the following ones are scheduled yearly on the anniversary of the
 *   calculation date, projecting normal progression (no repeated years), and stop before the child turns 23;
 *   each is conditional on proof of enrolment and on the child being unmarried and not working (facts.md §1);
 * - a child NOT_YET_IN_SCHOOL is entitled when entering school: nothing is projected (a note says to recompute);
 * - the per-child total is bounded by the table (Rp87 juta) and all children by `totalCap` (Rp174 juta).
 * PP 44/2015 (FLAT): Rp12 juta once, for one eligible child.
 */
import { addYears, ageOn, parseIsoDate, type IsoDate } from '../date';
import { InvalidInputError } from '../errors';
import { formatRupiah, rupiah, sumRupiah, type Rupiah } from '../money';
import { SCHOOL_LEVELS, type RuleSet, type ScholarshipRule, type SchoolLevel } from '../rulesets/types';
import type { BenefitNote, ChildInput, LineItem, Payer, ScheduledItem } from './types';

const LEVEL_LABEL: Record<SchoolLevel, { id: string; en: string }> = {
  TK: { id: 'TK', en: 'kindergarten' },
  SD: { id: 'SD', en: 'primary school' },
  SMP: { id: 'SMP', en: 'junior high school' },
  SMA: { id: 'SMA', en: 'senior high school' },
  HIGHER_ED: { id: 'Perguruan tinggi/pelatihan', en: 'higher education/training' },
};

export interface ScholarshipOutcome {
  lineItems: LineItem[];
  scheduled: ScheduledItem[];
  notes: BenefitNote[];
}

function validateChild(child: ChildInput, index: number): void {
  const field = `children[${index}]`;
  if (!child || typeof child !== 'object') throw new InvalidInputError(field, 'child must be an object');
  parseIsoDate(child.birthDate, `${field}.birthDate`);
  if (child.schoolLevel !== 'NOT_YET_IN_SCHOOL' && !SCHOOL_LEVELS.includes(child.schoolLevel)) {
    throw new InvalidInputError(
      'schoolLevel',
      `unknown school level "${String(child.schoolLevel)}" for ${field}`,
      'UNKNOWN_SCHOOL_LEVEL',
    );
  }
  if (child.yearInLevel !== undefined && (!Number.isInteger(child.yearInLevel) || child.yearInLevel < 1)) {
    throw new InvalidInputError(`${field}.yearInLevel`, 'yearInLevel must be an integer >= 1');
  }
}

export function computeScholarship(
  rule: ScholarshipRule,
  children: readonly ChildInput[],
  calculationDate: IsoDate,
  payer: Payer,
): ScholarshipOutcome {
  const out: ScholarshipOutcome = { lineItems: [], scheduled: [], notes: [] };
  children.forEach((c, i) => validateChild(c, i));
  const eligible: { child: ChildInput; index: number; ref: string }[] = [];
  children.forEach((child, index) => {
    const ref = child.id ?? `child-${index + 1}`;
    const age = ageOn(child.birthDate, calculationDate);
    if (age < 0)
      throw new InvalidInputError(`children[${index}].birthDate`, 'child born after the calculation date');
    if (age >= rule.maxAgeExclusive || child.married || child.working) {
      out.notes.push({
        code: 'SCHOLARSHIP_CHILD_INELIGIBLE',
        message: {
          id: `Anak ${ref} tidak berhak beasiswa (usia ≥ ${rule.maxAgeExclusive}, menikah, atau bekerja)`,
          en: `Child ${ref} is not eligible (age ≥ ${rule.maxAgeExclusive}, married or working)`,
        },
      });
      return;
    }
    eligible.push({ child, index, ref });
  });
  const chosen = eligible.slice(0, rule.maxChildren);
  for (const skipped of eligible.slice(rule.maxChildren)) {
    out.notes.push({
      code: 'SCHOLARSHIP_MAX_CHILDREN',
      message: {
        id: `Anak ${skipped.ref} tidak dihitung: beasiswa paling banyak ${rule.maxChildren} anak`,
        en: `Child ${skipped.ref} not counted: scholarship is for at most ${rule.maxChildren} children`,
      },
    });
  }

  if (rule.kind === 'FLAT') {
    const first = chosen[0];
    if (first) {
      out.lineItems.push({
        code: 'SCHOLARSHIP',
        label: { id: 'Beasiswa pendidikan anak', en: "Children's education scholarship" },
        amount: rule.amount,
        formula: `flat ${formatRupiah(rule.amount)} for one child (${first.ref})`,
        legalBasis: rule.legalBasis,
        payer,
        confidence: rule.confidence,
        ref: first.ref,
      });
    }
    return out;
  }

  for (const { child, index, ref } of chosen) {
    if (child.schoolLevel === 'NOT_YET_IN_SCHOOL') {
      out.notes.push({
        code: 'SCHOLARSHIP_DEFERRED',
        message: {
          id: `Anak ${ref} belum sekolah: beasiswa diberikan saat masuk sekolah; hitung ulang saat itu`,
          en: `Child ${ref} is not yet in school: the scholarship starts on school entry; recompute then`,
        },
      });
      continue;
    }
    const startIdx = SCHOOL_LEVELS.indexOf(child.schoolLevel);
    const yearInLevel = child.yearInLevel ?? 1;
    const startRule = rule.levels[child.schoolLevel];
    if (yearInLevel > startRule.maxYears) {
      throw new InvalidInputError(
        `children[${index}].yearInLevel`,
        `${child.schoolLevel} is funded for at most ${startRule.maxYears} years, got year ${yearInLevel}`,
      );
    }
    const fundedPerGroup = rule.combinedMaxYears.map(() => 0);
    let k = 0;
    for (let li = startIdx; li < SCHOOL_LEVELS.length; li++) {
      const level = SCHOOL_LEVELS[li] as SchoolLevel;
      const lr = rule.levels[level];
      const firstYear = li === startIdx ? yearInLevel : 1;
      for (let y = firstYear; y <= lr.maxYears; y++) {
        const groups = rule.combinedMaxYears
          .map((g, gi) => ({ g, gi }))
          .filter(({ g }) => g.levels.includes(level));
        if (groups.some(({ g, gi }) => (fundedPerGroup[gi] ?? 0) >= g.maxYears)) continue;
        const dueDate = addYears(calculationDate, k);
        if (ageOn(child.birthDate, dueDate) >= rule.maxAgeExclusive) {
          li = SCHOOL_LEVELS.length;
          break;
        }
        groups.forEach(({ gi }) => (fundedPerGroup[gi] = (fundedPerGroup[gi] ?? 0) + 1));
        const item: LineItem = {
          code: 'SCHOLARSHIP',
          label: {
            id: `Beasiswa ${LEVEL_LABEL[level].id} tahun ke-${y} (${ref})`,
            en: `Scholarship, ${LEVEL_LABEL[level].en} year ${y} (${ref})`,
          },
          amount: lr.annualAmount,
          formula: `${level} ${formatRupiah(lr.annualAmount)}/year, year ${y} of max ${lr.maxYears}`,
          legalBasis: rule.legalBasis,
          payer,
          confidence: rule.confidence,
          ref,
        };
        if (k === 0) out.lineItems.push(item);
        else
          out.scheduled.push({
            ...item,
            dueDate,
            conditions: {
              id: `Diajukan tiap tahun dengan surat keterangan masih sekolah; berhenti jika anak berusia ${rule.maxAgeExclusive} tahun, menikah, atau bekerja`,
              en: `Claimed yearly with proof of enrolment; stops when the child turns ${rule.maxAgeExclusive}, marries or starts work`,
            },
          });
        k++;
      }
    }
  }
  const all: Rupiah[] = [...out.lineItems, ...out.scheduled].map((i) => i.amount);
  const total = sumRupiah(all);
  if (total > rule.totalCap) {
    // Cannot happen with the PP 82/2019 table (2 × Rp87 juta = Rp174 juta); guards a bad future rule set.
    throw new InvalidInputError(
      'ruleSet',
      `scholarship total ${formatRupiah(total)} exceeds cap ${formatRupiah(rule.totalCap)}`,
    );
  }
  return out;
}

/** Per-child maximum implied by a PER_LEVEL table (Rp87 juta under PP 82/2019). */
export function maxScholarshipPerChild(ruleSet: RuleSet): Rupiah {
  const rule = ruleSet.jkm.scholarship;
  if (rule.kind === 'FLAT') return rule.amount;
  return rupiah(SCHOOL_LEVELS.reduce((s, l) => s + rule.levels[l].annualAmount * rule.levels[l].maxYears, 0));
}
