/**
 * KPU santunan for ad-hoc election bodies (Pemilu & Pilkada 2024): a separate payer ('KPU').
 * Amounts: S-647/MK.02/2022 (SBML), Keputusan KPU 472/2022, Keputusan KPU 59/2023 (facts.md §5, Conf. HIGH).
 * Bawaslu ad-hoc bodies (Panwascam, PKD, PTPS) are reported to follow the same schedule (S-715/MK.02/2022, MED).
 * Stacking with BPJS is unconfirmed: `policy.kpuSantunanStacking` (default EXCLUSIVE = only workers without BPJS TK).
 */
import { assertIsoDate, compareDates, type IsoDate } from '../date';
import { InvalidInputError, NoRuleSetError } from '../errors';
import { formatRupiah, jt, mulDivRoundHalfUp, type Rupiah } from '../money';
import type { Bilingual, Confidence } from '../rulesets/types';
import type { BenefitPolicy, BenefitResult, KpuEvent, KpuSantunanInput, LineItem } from './types';

export interface KpuSantunanSchedule {
  id: string;
  name: string;
  effectiveFrom: IsoDate;
  legalBasis: string;
  death: Rupiah;
  funeral: Rupiah;
  /** Maximum; paid as percent (per body part) × this amount. */
  permanentDisabilityMax: Rupiah;
  seriousInjury: Rupiah;
  moderateInjury: Rupiah;
  confidence: Confidence;
}

export const KPU_SANTUNAN_2024: KpuSantunanSchedule = {
  id: 'KPU_SBML_2024',
  name: 'SBML Pemilu & Pilkada 2024 (santunan badan ad hoc)',
  // Date of Surat Menkeu S-647/MK.02/2022.
  effectiveFrom: '2022-08-05',
  legalBasis: 'Surat Menkeu S-647/MK.02/2022; Keputusan KPU 472/2022; Keputusan KPU 59/2023',
  death: jt(36),
  funeral: jt(10),
  permanentDisabilityMax: jt(30.8),
  seriousInjury: jt(16.5),
  moderateInjury: jt(8.25),
  confidence: 'HIGH',
};

export const KPU_SANTUNAN_SCHEDULES: readonly KpuSantunanSchedule[] = [KPU_SANTUNAN_2024];

export function kpuScheduleFor(incidentDate: IsoDate): KpuSantunanSchedule {
  assertIsoDate(incidentDate, 'incidentDate');
  let found: KpuSantunanSchedule | undefined;
  for (const s of KPU_SANTUNAN_SCHEDULES) if (compareDates(s.effectiveFrom, incidentDate) <= 0) found = s;
  if (!found) throw new NoRuleSetError('incidentDate', incidentDate);
  return found;
}

const EVENTS: readonly KpuEvent[] = ['DEATH', 'PERMANENT_DISABILITY', 'SERIOUS_INJURY', 'MODERATE_INJURY'];

export function calculateKpuSantunan(input: KpuSantunanInput, policy: BenefitPolicy): BenefitResult {
  const schedule = kpuScheduleFor(input.incidentDate);
  if (!EVENTS.includes(input.event))
    throw new InvalidInputError('event', `unknown KPU santunan event "${String(input.event)}"`);
  if (typeof input.coveredByBpjs !== 'boolean')
    throw new InvalidInputError('coveredByBpjs', 'coveredByBpjs must be true or false');
  const ruleSet = {
    id: schedule.id,
    name: schedule.name,
    effectiveFrom: schedule.effectiveFrom,
    legalBasis: schedule.legalBasis,
  };
  const base = {
    claimKind: `KPU_SANTUNAN_${input.event}`,
    ruleSet,
    scheduled: [],
    scheduledTotal: 0 as Rupiah,
    policy,
  };
  if (input.coveredByBpjs && policy.kpuSantunanStacking === 'EXCLUSIVE') {
    return {
      ...base,
      lineItems: [],
      total: 0 as Rupiah,
      notes: [
        {
          code: 'KPU_SANTUNAN_EXCLUSIVE',
          message: {
            id: 'Peserta BPJS TK: santunan KPU tidak dibayar (kebijakan EXCLUSIVE; penumpukan dengan BPJS belum terkonfirmasi)',
            en: 'Worker covered by BPJS TK: no KPU santunan (policy EXCLUSIVE; stacking with BPJS is unconfirmed)',
          },
        },
      ],
    };
  }
  const item = (code: LineItem['code'], label: Bilingual, amount: Rupiah, formula: string): LineItem => ({
    code,
    label,
    amount,
    formula,
    legalBasis: schedule.legalBasis,
    payer: 'KPU',
    confidence: schedule.confidence,
  });
  const lineItems: LineItem[] = [];
  switch (input.event) {
    case 'DEATH':
      lineItems.push(
        item(
          'KPU_DEATH',
          { id: 'Santunan kematian KPU', en: 'KPU death santunan' },
          schedule.death,
          `fixed ${formatRupiah(schedule.death)}`,
        ),
      );
      lineItems.push(
        item(
          'KPU_FUNERAL',
          { id: 'Bantuan biaya pemakaman KPU', en: 'KPU funeral assistance' },
          schedule.funeral,
          `fixed ${formatRupiah(schedule.funeral)}`,
        ),
      );
      break;
    case 'PERMANENT_DISABILITY': {
      const p = input.disabilityPercent;
      if (p === undefined || !Number.isInteger(p) || p < 1 || p > 100) {
        throw new InvalidInputError(
          'disabilityPercent',
          'disabilityPercent must be an integer 1..100 (per the body-part table)',
        );
      }
      const amount = mulDivRoundHalfUp(schedule.permanentDisabilityMax, p, 100, 'disabilityPercent');
      lineItems.push(
        item(
          'KPU_PERMANENT_DISABILITY',
          { id: 'Santunan cacat permanen KPU', en: 'KPU permanent disability santunan' },
          amount,
          `${p}% × ${formatRupiah(schedule.permanentDisabilityMax)} = ${formatRupiah(amount)}`,
        ),
      );
      break;
    }
    case 'SERIOUS_INJURY':
      lineItems.push(
        item(
          'KPU_SERIOUS_INJURY',
          { id: 'Santunan luka berat KPU', en: 'KPU serious injury santunan' },
          schedule.seriousInjury,
          `fixed ${formatRupiah(schedule.seriousInjury)}`,
        ),
      );
      break;
    case 'MODERATE_INJURY':
      lineItems.push(
        item(
          'KPU_MODERATE_INJURY',
          { id: 'Santunan luka sedang KPU', en: 'KPU moderate injury santunan' },
          schedule.moderateInjury,
          `fixed ${formatRupiah(schedule.moderateInjury)}`,
        ),
      );
      break;
  }
  const total = lineItems.reduce((s, i) => s + i.amount, 0) as Rupiah;
  return { ...base, lineItems, total, notes: [] };
}
