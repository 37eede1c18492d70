/**
 * A rule set is the data of one regulation version (amounts, caps, multipliers, periods), each with its legal basis.
 * Formulas live in the calculators and read only from a RuleSet, so adding a regulation = adding a data object
 * (plus tests), never editing a formula.
 */
import type { IsoDate } from '../date';
import type { BasisPoints, Rupiah } from '../money';

export type Confidence = 'HIGH' | 'MED' | 'LOW';
export type RuleSetId = 'PP_44_2015' | 'PP_82_2019';

export interface Bilingual {
  id: string;
  en: string;
}

export interface AmountRule {
  amount: Rupiah;
  legalBasis: string;
  confidence: Confidence;
}

/** Santunan berkala: `months` × `monthlyAmount`, paid at once. */
export interface PeriodicRule {
  monthlyAmount: Rupiah;
  months: number;
  legalBasis: string;
  confidence: Confidence;
}

/** `percentBps` × `times` × monthly wage (e.g. 60% × 80 = 48 × wage). */
export interface WageMultipleRule {
  percentBps: BasisPoints;
  times: number;
  legalBasis: string;
  confidence: Confidence;
}

export type SchoolLevel = 'TK' | 'SD' | 'SMP' | 'SMA' | 'HIGHER_ED';
export const SCHOOL_LEVELS: readonly SchoolLevel[] = ['TK', 'SD', 'SMP', 'SMA', 'HIGHER_ED'];

export interface SchoolLevelRule {
  annualAmount: Rupiah;
  maxYears: number;
}

export type ScholarshipRule =
  | {
      kind: 'FLAT';
      /** One payment for one child (PP 44/2015). */
      amount: Rupiah;
      maxChildren: number;
      /** Minimum contribution period for JKM deaths, in months; JKK has none (0). */
      jkmMinContributionMonths: number;
      /** Age limit: the child must be younger than this on the payment date. */
      maxAgeExclusive: number;
      legalBasis: string;
      confidence: Confidence;
    }
  | {
      kind: 'PER_LEVEL';
      levels: Record<SchoolLevel, SchoolLevelRule>;
      /** Combined maximum years across levels, e.g. TK+SD together max 8 years. */
      combinedMaxYears: readonly { levels: readonly SchoolLevel[]; maxYears: number }[];
      maxChildren: number;
      /** Stated overall cap (2 children × Rp87 juta); the table must not exceed it. */
      totalCap: Rupiah;
      jkmMinContributionMonths: number;
      maxAgeExclusive: number;
      legalBasis: string;
      confidence: Confidence;
    };

export type TransportMode = 'LAND' | 'SEA' | 'AIR';
export const TRANSPORT_MODES: readonly TransportMode[] = ['LAND', 'SEA', 'AIR'];

export interface StmbPhase {
  /** Length of the phase in months; null = until recovery, disability or death. */
  months: number | null;
  rateBps: BasisPoints;
}

export interface RuleSet {
  id: RuleSetId;
  name: string;
  /** First incident date the rule set governs (inclusive). */
  effectiveFrom: IsoDate;
  legalBasis: string;
  jkm: {
    lumpSum: AmountRule;
    periodic: PeriodicRule;
    funeral: AmountRule;
    scholarship: ScholarshipRule;
  };
  jkk: {
    death: WageMultipleRule;
    totalDisability: WageMultipleRule;
    /** Partial disability: table % × `times` × wage; `percentBps` is 100% here. */
    partialDisability: WageMultipleRule;
    funeral: AmountRule;
    periodic: PeriodicRule;
    scholarship: ScholarshipRule;
    transportCaps: Record<TransportMode, AmountRule>;
    /** Home care (perawatan di rumah); null when the rule set has none. */
    homeCare: { cap: Rupiah; maxDurationMonths: number; legalBasis: string; confidence: Confidence } | null;
    stmb: { phases: readonly StmbPhase[]; daysPerMonth: number; legalBasis: string; confidence: Confidence };
    /** Years after the accident (or PAK diagnosis) after which the JKK claim right expires. */
    claimExpiryYears: number;
    claimExpiryLegalBasis: string;
    medicalLegalBasis: string;
  };
}
