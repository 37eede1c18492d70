/**
 * Pure glue between a claim and @sigap/domain: which checklist a determination needs, the domain input of the
 * benefit calculation, and how an officer's adjustments apply. Used by the workflow (validators dry-run the
 * calculation so a bad proposal is refused before it is accepted) and by the benefits activity (which stores the
 * result). No I/O, deterministic.
 */
import {
  calculateBenefits,
  type BenefitInput,
  type BenefitResult,
  type CaseType,
  type ChildInput,
  type LineItemCode,
} from '@sigap/domain';
import type {
  BenefitAdjustment,
  BenefitLine,
  BenefitSummary,
  CalculateBenefitRequest,
  Determination,
} from './types';

/** Line items whose amount an officer may adjust (with a reason): at-cost or capped items, never statutory sums. */
export const ADJUSTABLE_CODES: readonly string[] = [
  'MEDICAL_CARE',
  'TRANSPORT',
  'HOME_CARE',
  'JKK_PARTIAL_DISABILITY_FUNCTIONAL',
];
/** Capped items may only go down (the cap is the rule); at-cost medical care may go either way. */
const CAPPED_CODES: readonly string[] = ['TRANSPORT', 'HOME_CARE', 'JKK_PARTIAL_DISABILITY_FUNCTIONAL'];

export function caseTypeFor(determination: Determination, accidentOutcome?: string): CaseType {
  switch (determination) {
    case 'JKM_DEATH':
      return 'JKM_DEATH';
    case 'JKK_DEATH':
      return 'JKK_DEATH';
    case 'KPU_DEATH':
      return 'KPU_SANTUNAN_DEATH';
    case 'KPU_INJURY':
      return 'KPU_SANTUNAN_INJURY';
    case 'JKK_ACCIDENT':
      return accidentOutcome === 'RECOVERED'
        ? 'JKK_RECOVERED'
        : accidentOutcome === 'TOTAL_DISABILITY'
          ? 'JKK_DISABLED'
          : 'JKK_IN_TREATMENT';
  }
}

export function paymentProgramFor(determination: Determination): 'JKM' | 'JKK' | null {
  if (determination === 'JKM_DEATH') return 'JKM';
  if (determination === 'JKK_DEATH' || determination === 'JKK_ACCIDENT') return 'JKK';
  return null; // KPU santunan: no statutory BPJS payment deadline
}

export class BenefitInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BenefitInputError';
  }
}

export function lineKey(code: string, ref?: string): string {
  return ref ? `${code}:${ref}` : code;
}

/** The domain input for a claim's determination and facts (wage base and contribution months from coverage). */
export function buildBenefitInput(req: CalculateBenefitRequest): BenefitInput {
  const f = req.facts ?? {};
  const children = f.children as ChildInput[] | undefined;
  switch (req.determination) {
    case 'JKM_DEATH':
      return {
        program: 'JKM',
        incidentDate: req.incidentDate,
        calculationDate: req.calculationDate,
        contributionMonths: req.coverage?.contributionMonths ?? 0,
        ...(children ? { children } : {}),
      };
    case 'JKK_DEATH':
    case 'JKK_ACCIDENT': {
      const wage = req.coverage?.wageBase;
      if (!wage || wage <= 0) throw new BenefitInputError('a JKK benefit needs the wage base from coverage');
      const outcome =
        req.determination === 'JKK_DEATH'
          ? { kind: 'DEATH' as const, deathDate: req.deathDate ?? req.incidentDate }
          : { kind: f.outcome ?? ('STILL_IN_TREATMENT' as const) };
      return {
        program: 'JKK',
        incidentDate: req.incidentDate,
        calculationDate: req.calculationDate,
        monthlyWage: wage,
        outcome: outcome as never,
        reportedLate: req.reportedLate,
        ...(f.stmb ? { stmb: f.stmb } : {}),
        ...(f.medicalCosts ? { medicalCosts: f.medicalCosts } : {}),
        ...(f.transport ? { transport: f.transport } : {}),
        ...(children ? { children } : {}),
      };
    }
    case 'KPU_DEATH':
    case 'KPU_INJURY':
      return {
        program: 'KPU_SANTUNAN',
        incidentDate: req.incidentDate,
        event: req.determination === 'KPU_DEATH' ? 'DEATH' : (f.kpuEvent ?? 'MODERATE_INJURY'),
        ...(f.disabilityPercent !== undefined ? { disabilityPercent: f.disabilityPercent } : {}),
        // the santunan track is entered when an officer confirmed the worker is not covered by BPJS TK
        coveredByBpjs: false,
      };
  }
}

/** Applies adjustments to the calculated lines; throws BenefitInputError for an adjustment the rules do not allow. */
export function applyAdjustments(lines: BenefitLine[], adjustments: BenefitAdjustment[]): BenefitLine[] {
  const out = lines.map((l) => ({ ...l }));
  for (const a of adjustments) {
    const line = out.find((l) => l.key === a.key);
    if (!line) throw new BenefitInputError(`adjustment of ${a.key}: there is no such line item`);
    if (!ADJUSTABLE_CODES.includes(line.code)) {
      throw new BenefitInputError(`${line.code} is a statutory amount and cannot be adjusted`);
    }
    if (!Number.isSafeInteger(a.amount) || a.amount < 0) {
      throw new BenefitInputError(
        `adjustment of ${a.key}: amount must be a whole, non-negative rupiah amount`,
      );
    }
    if (CAPPED_CODES.includes(line.code) && a.amount > line.amount) {
      throw new BenefitInputError(`adjustment of ${a.key}: ${line.code} is capped at ${line.amount}`);
    }
    if (typeof a.reason !== 'string' || a.reason.trim().length < 5) {
      throw new BenefitInputError(`adjustment of ${a.key}: a reason is required`);
    }
    line.calculatedAmount = line.amount;
    line.amount = a.amount;
    line.adjustmentReason = a.reason.trim();
  }
  return out;
}

/** The calculation as the claim stores it (before the version number is assigned). */
export function summariseBenefit(
  req: CalculateBenefitRequest,
  result: BenefitResult,
): Omit<BenefitSummary, 'version'> {
  const lines: BenefitLine[] = result.lineItems.map((l) => ({
    key: lineKey(l.code, l.ref),
    code: l.code,
    label: l.label.en,
    amount: l.amount,
    payer: l.payer,
    ...(l.ref ? { ref: l.ref } : {}),
  }));
  const adjusted = applyAdjustments(lines, req.adjustments ?? []);
  return {
    determination: req.determination,
    ruleSet: result.ruleSet.id,
    lineItems: adjusted,
    scheduled: result.scheduled.map((s) => ({
      key: lineKey(s.code, s.ref ? `${s.ref}@${s.dueDate}` : s.dueDate),
      code: s.code,
      label: s.label.en,
      amount: s.amount,
      payer: s.payer,
      dueDate: s.dueDate,
      ...(s.ref ? { ref: s.ref } : {}),
    })),
    total: adjusted.reduce((t, l) => t + l.amount, 0),
    scheduledTotal: result.scheduledTotal,
    notes: result.notes.map((n) => `${n.code}: ${n.message.en}`),
  };
}

/** Dry run for validators: the calculation with these facts and adjustments succeeds, or the message why not. */
export function benefitProblem(req: CalculateBenefitRequest): string | undefined {
  try {
    summariseBenefit(req, calculateBenefits(buildBenefitInput(req)));
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

export type { LineItemCode };
