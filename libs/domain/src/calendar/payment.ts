/**
 * Payment deadlines (SLA) and the late-payment penalty (facts.md §4):
 * - JKM: within 3 working days of a complete application (PP 44/2015 Pasal 40(3); Conf. HIGH);
 * - JKK: at most 7 working days after the technical and administrative requirements are met
 *   (PP 44/2015 Pasal 37(2)–(3); Conf. MED);
 * - late payment: 1% of the benefit per day of delay, paid to the participant/heirs.
 *   Base = the benefit amount paid late (facts.md: "1% of the benefit per day"). Days of delay are calendar days
 *   after the deadline until the payment date (the regulation says "per hari"; working days would be a policy
 *   choice — `dayCounting`). Penalty = benefit × days × 1%, rounded half-up once, in integer rupiah.
 */
import { diffDays, type IsoDate } from '../date';
import { InvalidInputError } from '../errors';
import { formatRupiah, mulDivRoundHalfUp, rupiah, type BasisPoints, type Rupiah } from '../money';
import { DEFAULT_CALENDAR, type WorkingDayCalendar } from './working-days';

export type PaymentProgram = 'JKM' | 'JKK';

export const PAYMENT_SLA: Readonly<Record<PaymentProgram, { workingDays: number; legalBasis: string }>> = {
  JKM: { workingDays: 3, legalBasis: 'PP 44/2015 Pasal 40(3)' },
  JKK: { workingDays: 7, legalBasis: 'PP 44/2015 Pasal 37(2)–(3)' },
};

export const LATE_PAYMENT_PENALTY_BPS_PER_DAY: BasisPoints = 100; // 1%
export const LATE_PAYMENT_LEGAL_BASIS =
  'PP 44/2015 Pasal 37(3) (JKK) and Pasal 40 (JKM): denda 1% per hari dari manfaat';

export interface PaymentDeadline {
  program: PaymentProgram;
  completeFileDate: IsoDate;
  deadline: IsoDate;
  workingDays: number;
  legalBasis: string;
}

/** Deadline = the N-th working day after the date the file became complete. */
export function paymentDeadline(
  program: PaymentProgram,
  completeFileDate: IsoDate,
  calendar: WorkingDayCalendar = DEFAULT_CALENDAR,
): PaymentDeadline {
  const sla = PAYMENT_SLA[program];
  if (!sla) throw new InvalidInputError('program', `unknown program "${String(program)}" (JKM, JKK)`);
  return {
    program,
    completeFileDate,
    deadline: calendar.addWorkingDays(completeFileDate, sla.workingDays, 'completeFileDate'),
    workingDays: sla.workingDays,
    legalBasis: sla.legalBasis,
  };
}

export interface LatePenalty {
  daysLate: number;
  amount: Rupiah;
  formula: string;
  legalBasis: string;
}

export function latePaymentPenalty(
  input: {
    benefitAmount: number;
    deadline: IsoDate;
    paidOn: IsoDate;
    dayCounting?: 'CALENDAR_DAYS' | 'WORKING_DAYS';
  },
  calendar: WorkingDayCalendar = DEFAULT_CALENDAR,
): LatePenalty {
  const benefit = rupiah(input.benefitAmount, 'benefitAmount');
  const counting = input.dayCounting ?? 'CALENDAR_DAYS';
  const raw = diffDays(input.deadline, input.paidOn);
  let daysLate = Math.max(0, raw);
  if (counting === 'WORKING_DAYS' && daysLate > 0)
    daysLate = calendar.workingDaysBetween(input.deadline, input.paidOn);
  const amount = mulDivRoundHalfUp(
    benefit,
    LATE_PAYMENT_PENALTY_BPS_PER_DAY * daysLate,
    10_000,
    'benefitAmount',
  );
  return {
    daysLate,
    amount,
    formula: `${daysLate} ${counting === 'CALENDAR_DAYS' ? 'day(s)' : 'working day(s)'} × 1% × ${formatRupiah(benefit)} = ${formatRupiah(amount)}`,
    legalBasis: LATE_PAYMENT_LEGAL_BASIS,
  };
}
