import type { IsoDate } from '../date';
import type { Rupiah } from '../money';
import type { Bilingual, Confidence, SchoolLevel, TransportMode } from '../rulesets/types';
import type { DisabilityTable, ImpairmentInput } from './disability-table';

/** Who pays a line item. EMPLOYER_REIMBURSABLE: JKK reported after 2×24 h (Permenaker 5/2021 jo. 1/2025 Pasal 8(2a)–(2c)). */
export type Payer = 'BPJS_TK' | 'EMPLOYER_REIMBURSABLE' | 'KPU';

export type LineItemCode =
  | 'JKM_LUMP_SUM'
  | 'JKM_PERIODIC'
  | 'JKM_FUNERAL'
  | 'SCHOLARSHIP'
  | 'JKK_DEATH'
  | 'JKK_FUNERAL'
  | 'JKK_PERIODIC'
  | 'JKK_TOTAL_DISABILITY'
  | 'JKK_PARTIAL_DISABILITY_ANATOMICAL'
  | 'JKK_PARTIAL_DISABILITY_FUNCTIONAL'
  | 'STMB'
  | 'MEDICAL_CARE'
  | 'HOME_CARE'
  | 'TRANSPORT'
  | 'KPU_DEATH'
  | 'KPU_FUNERAL'
  | 'KPU_PERMANENT_DISABILITY'
  | 'KPU_SERIOUS_INJURY'
  | 'KPU_MODERATE_INJURY';

export interface LineItem {
  code: LineItemCode;
  label: Bilingual;
  amount: Rupiah;
  /** The computation in words, with the numbers used. */
  formula: string;
  legalBasis: string;
  payer: Payer;
  confidence: Confidence;
  /** Disambiguates repeated codes: child id, transport mode, STMB month, impairment code. */
  ref?: string;
}

export interface ScheduledItem extends LineItem {
  dueDate: IsoDate;
  /** Why it is only scheduled (what must hold on the due date). */
  conditions: Bilingual;
}

export interface BenefitNote {
  code: string;
  message: Bilingual;
}

export interface BenefitResult {
  claimKind: string;
  ruleSet: { id: string; name: string; effectiveFrom: IsoDate; legalBasis: string };
  /** Payable now. */
  lineItems: LineItem[];
  /** Future installments (scholarship years, STMB months after the calculation date). Not in `total`. */
  scheduled: ScheduledItem[];
  /** Sum of lineItems. */
  total: Rupiah;
  /** Sum of scheduled items (projection). */
  scheduledTotal: Rupiah;
  notes: BenefitNote[];
  policy: BenefitPolicy;
}

/**
 * Switches for rules whose legal text is unconfirmed (facts.md says: make it configurable, don't guess).
 * Defaults: see DEFAULT_BENEFIT_POLICY.
 */
export interface BenefitPolicy {
  /**
   * Permanent partial *functional* disability. Regulation text not found (facts.md §2, "Not confirmed").
   * - LOSS_PCT_x_TABLE_PCT_x_80 (default): % loss of function × table % × 80 × wage (the common description)
   * - TABLE_PCT_x_80: treat like anatomical loss (table % × 80 × wage)
   * - REQUIRE_MANUAL_REVIEW: refuse to compute (throws PolicyRefusalError)
   */
  functionalDisability: 'LOSS_PCT_x_TABLE_PCT_x_80' | 'TABLE_PCT_x_80' | 'REQUIRE_MANUAL_REVIEW';
  /**
   * Floor of the JKK death santunan (60% × 80 × wage, "paling sedikit sebesar santunan kematian JKM").
   * - JKM_LUMP_SUM (default): the JKM santunan kematian/sekaligus (Rp20 juta under PP 82/2019). The source quoted by
   *   facts.md (detik d-5759152, quoting bpjsketenagakerjaan.go.id) says "paling sedikit sebesar santunan kematian
   *   JKM" and then names Rp20.000.000; JKK death pays funeral and periodic separately, so like is compared with like.
   * - JKM_TOTAL: the whole JKM death benefit (lump sum + periodic + funeral = Rp42 juta), the stricter reading.
   */
  jkkDeathFloor: 'JKM_LUMP_SUM' | 'JKM_TOTAL';
  /**
   * Whether the KPU santunan stacks on BPJS benefits (unconfirmed, facts.md §5).
   * - EXCLUSIVE (default): KPU pays only workers NOT covered by BPJS TK (Karanganyar practice).
   * - STACK: KPU pays regardless.
   */
  kpuSantunanStacking: 'EXCLUSIVE' | 'STACK';
}

export const DEFAULT_BENEFIT_POLICY: Readonly<BenefitPolicy> = Object.freeze({
  functionalDisability: 'LOSS_PCT_x_TABLE_PCT_x_80',
  jkkDeathFloor: 'JKM_LUMP_SUM',
  kpuSantunanStacking: 'EXCLUSIVE',
});

/** A child of the deceased / totally disabled worker, for the scholarship (beasiswa). */
export interface ChildInput {
  id?: string;
  birthDate: IsoDate;
  /** Current school level, or NOT_YET_IN_SCHOOL (entitlement starts on school entry). */
  schoolLevel: SchoolLevel | 'NOT_YET_IN_SCHOOL';
  /** Year within the current level, 1-based (default 1). */
  yearInLevel?: number;
  married?: boolean;
  working?: boolean;
}

export interface JkmClaimInput {
  program: 'JKM';
  /** Date of death. Selects the rule set. */
  incidentDate: IsoDate;
  /** Date the calculation is made (file complete); scholarship installments are scheduled from it. */
  calculationDate: IsoDate;
  /** Months of contributions (masa iur), for the scholarship minimum. */
  contributionMonths: number;
  children?: ChildInput[];
}

export type JkkOutcome =
  | { kind: 'RECOVERED' }
  | { kind: 'STILL_IN_TREATMENT' }
  | { kind: 'DEATH'; deathDate: IsoDate }
  | { kind: 'TOTAL_DISABILITY' }
  | { kind: 'PARTIAL_ANATOMICAL'; impairments: ImpairmentInput[]; leftHanded?: boolean }
  | { kind: 'PARTIAL_FUNCTIONAL'; impairments: ImpairmentInput[]; leftHanded?: boolean };

export interface JkkClaimInput {
  program: 'JKK';
  /** Accident date (or PAK diagnosis date). Selects the rule set. */
  incidentDate: IsoDate;
  calculationDate: IsoDate;
  /** Monthly wage reported to BPJS (upah sebulan), whole rupiah > 0. */
  monthlyWage: number;
  outcome: JkkOutcome;
  /** STMB: inclusive period of temporary incapacity. */
  stmb?: { from: IsoDate; to: IsoDate };
  /** Medical care at cost (reimbursed at the actual amount, e.g. a non-partner facility). */
  medicalCosts?: { description: string; amount: number }[];
  /** Home care (PP 82/2019 only): costs incurred within the first year from `from`. */
  homeCare?: { amount: number; from: IsoDate; to: IsoDate };
  transport?: { mode: TransportMode; amount: number }[];
  children?: ChildInput[];
  /** First report made after 2×24 h: the employer owes the benefit and claims reimbursement. */
  reportedLate?: boolean;
}

export type KpuEvent = 'DEATH' | 'PERMANENT_DISABILITY' | 'SERIOUS_INJURY' | 'MODERATE_INJURY';

export interface KpuSantunanInput {
  program: 'KPU_SANTUNAN';
  incidentDate: IsoDate;
  event: KpuEvent;
  /** PERMANENT_DISABILITY: percent per the body-part table (e.g. both legs = 100). */
  disabilityPercent?: number;
  /** Was the worker enrolled in BPJS TK (JKK/JKM) on the incident date? */
  coveredByBpjs: boolean;
}

export type BenefitInput = JkmClaimInput | JkkClaimInput | KpuSantunanInput;

export interface CalculateOptions {
  policy?: Partial<BenefitPolicy>;
  disabilityTable?: DisabilityTable;
}
