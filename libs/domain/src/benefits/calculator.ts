/**
 * Benefit calculator: JKM death, JKK (death, disability, STMB, medical, home care, transport) and the KPU santunan.
 * Pure and deterministic. All amounts come from the RuleSet in force on the incident date; this file only holds
 * formulas. total = sum(lineItems); scheduled items are future installments and are not in `total`.
 */
import { addDays, addMonths, assertIsoDate, compareDates, diffDays, minDate, type IsoDate } from '../date';
import { InvalidInputError, PolicyRefusalError } from '../errors';
import {
  applyBasisPoints,
  BPS_100_PERCENT,
  formatBps,
  formatRupiah,
  maxRupiah,
  minRupiah,
  mulDivRoundHalfUp,
  multiplyRupiah,
  rupiah,
  sumRupiah,
  type Rupiah,
} from '../money';
import { ruleSetFor } from '../rulesets';
import {
  TRANSPORT_MODES,
  type Bilingual,
  type RuleSet,
  type TransportMode,
  type WageMultipleRule,
} from '../rulesets/types';
import { DEFAULT_DISABILITY_TABLE, resolveImpairment, type DisabilityTable } from './disability-table';
import { calculateKpuSantunan } from './kpu';
import { computeScholarship } from './scholarship';
import {
  DEFAULT_BENEFIT_POLICY,
  type BenefitInput,
  type BenefitNote,
  type BenefitPolicy,
  type BenefitResult,
  type CalculateOptions,
  type JkkClaimInput,
  type JkmClaimInput,
  type LineItem,
  type Payer,
  type ScheduledItem,
} from './types';

export function resolvePolicy(policy: Partial<BenefitPolicy> = {}): BenefitPolicy {
  const p = { ...DEFAULT_BENEFIT_POLICY, ...policy };
  const allowed: Record<keyof BenefitPolicy, readonly string[]> = {
    functionalDisability: ['LOSS_PCT_x_TABLE_PCT_x_80', 'TABLE_PCT_x_80', 'REQUIRE_MANUAL_REVIEW'],
    jkkDeathFloor: ['JKM_LUMP_SUM', 'JKM_TOTAL'],
    kpuSantunanStacking: ['EXCLUSIVE', 'STACK'],
  };
  for (const key of Object.keys(allowed) as (keyof BenefitPolicy)[]) {
    if (!allowed[key].includes(p[key]))
      throw new InvalidInputError(`policy.${key}`, `unknown policy value "${String(p[key])}"`);
  }
  return p;
}

function finish(
  claimKind: string,
  ruleSet: BenefitResult['ruleSet'],
  lineItems: LineItem[],
  scheduled: ScheduledItem[],
  notes: BenefitNote[],
  policy: BenefitPolicy,
): BenefitResult {
  return {
    claimKind,
    ruleSet,
    lineItems,
    scheduled,
    total: sumRupiah(lineItems.map((i) => i.amount)),
    scheduledTotal: sumRupiah(scheduled.map((i) => i.amount)),
    notes,
    policy,
  };
}

function ruleSetRef(rs: RuleSet): BenefitResult['ruleSet'] {
  return { id: rs.id, name: rs.name, effectiveFrom: rs.effectiveFrom, legalBasis: rs.legalBasis };
}

function assertWage(value: unknown): Rupiah {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
    throw new InvalidInputError(
      'monthlyWage',
      `monthlyWage must be a positive whole number of rupiah, got ${String(value)}`,
      'INVALID_WAGE',
    );
  }
  return value as Rupiah;
}

function assertAmount(value: unknown, field: string): Rupiah {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new InvalidInputError(
      field,
      `${field} must be a non-negative whole number of rupiah, got ${String(value)}`,
      'INVALID_AMOUNT',
    );
  }
  return value as Rupiah;
}

function assertNotBefore(date: IsoDate, field: string, earliest: IsoDate, earliestName: string): void {
  assertIsoDate(date, field);
  if (compareDates(date, earliest) < 0)
    throw new InvalidInputError(field, `${field} (${date}) is before ${earliestName} (${earliest})`);
}

/** percent × times × wage, e.g. 60% × 80 × Rp2.500.000 = Rp120.000.000. */
function wageMultiple(rule: WageMultipleRule, wage: Rupiah, field: string): { amount: Rupiah; text: string } {
  const amount = mulDivRoundHalfUp(wage, rule.percentBps * rule.times, BPS_100_PERCENT, field);
  return {
    amount,
    text: `${formatBps(rule.percentBps)} × ${rule.times} × ${formatRupiah(wage)} = ${formatRupiah(amount)}`,
  };
}

function periodicItem(
  rule: RuleSet['jkm']['periodic'],
  code: 'JKM_PERIODIC' | 'JKK_PERIODIC',
  payer: Payer,
): LineItem {
  const amount = multiplyRupiah(rule.monthlyAmount, rule.months);
  return {
    code,
    label: { id: 'Santunan berkala (dibayar sekaligus)', en: 'Periodic benefit (paid at once)' },
    amount,
    formula: `${rule.months} × ${formatRupiah(rule.monthlyAmount)} = ${formatRupiah(amount)}`,
    legalBasis: rule.legalBasis,
    payer,
    confidence: rule.confidence,
  };
}

function flatItem(
  code: LineItem['code'],
  label: Bilingual,
  rule: { amount: Rupiah; legalBasis: string; confidence: LineItem['confidence'] },
  payer: Payer,
): LineItem {
  return {
    code,
    label,
    amount: rule.amount,
    formula: `fixed ${formatRupiah(rule.amount)}`,
    legalBasis: rule.legalBasis,
    payer,
    confidence: rule.confidence,
  };
}

/** JKM total death benefit excluding scholarship (lump sum + periodic + funeral). */
export function jkmDeathBenefitTotal(rs: RuleSet): Rupiah {
  return sumRupiah([
    rs.jkm.lumpSum.amount,
    multiplyRupiah(rs.jkm.periodic.monthlyAmount, rs.jkm.periodic.months),
    rs.jkm.funeral.amount,
  ]);
}

// ---------------------------------------------------------------------------------------------------------------
// JKM
// ---------------------------------------------------------------------------------------------------------------

/**
 * JKM death (not work-related), PP 44/2015 Pasal 34 as amended by PP 82/2019: lump sum + periodic (paid at once) +
 * funeral, with no minimum membership period; scholarship only when contributionMonths >= the rule set's minimum
 * (36 under PP 82/2019, 60 under PP 44/2015).
 */
export function calculateJkm(input: JkmClaimInput, options: CalculateOptions = {}): BenefitResult {
  const policy = resolvePolicy(options.policy);
  const rs = ruleSetFor(input.incidentDate, 'incidentDate');
  assertNotBefore(input.calculationDate, 'calculationDate', input.incidentDate, 'incidentDate');
  if (!Number.isSafeInteger(input.contributionMonths) || input.contributionMonths < 0) {
    throw new InvalidInputError('contributionMonths', 'contributionMonths must be a non-negative integer');
  }
  const payer: Payer = 'BPJS_TK';
  const items: LineItem[] = [
    flatItem(
      'JKM_LUMP_SUM',
      { id: 'Santunan sekaligus', en: 'Lump-sum death benefit' },
      rs.jkm.lumpSum,
      payer,
    ),
    periodicItem(rs.jkm.periodic, 'JKM_PERIODIC', payer),
    flatItem('JKM_FUNERAL', { id: 'Biaya pemakaman', en: 'Funeral cost' }, rs.jkm.funeral, payer),
  ];
  const notes: BenefitNote[] = [];
  const scheduled: ScheduledItem[] = [];
  const rule = rs.jkm.scholarship;
  const children = input.children ?? [];
  if (children.length > 0) {
    if (input.contributionMonths >= rule.jkmMinContributionMonths) {
      const s = computeScholarship(rule, children, input.calculationDate, payer);
      items.push(...s.lineItems);
      scheduled.push(...s.scheduled);
      notes.push(...s.notes);
    } else {
      notes.push({
        code: 'SCHOLARSHIP_MIN_CONTRIBUTION_NOT_MET',
        message: {
          id: `Beasiswa tidak dibayar: masa iur ${input.contributionMonths} bulan < ${rule.jkmMinContributionMonths} bulan (${rule.legalBasis})`,
          en: `No scholarship: ${input.contributionMonths} contribution months < ${rule.jkmMinContributionMonths} required (${rule.legalBasis})`,
        },
      });
    }
  }
  return finish('JKM_DEATH', ruleSetRef(rs), items, scheduled, notes, policy);
}

// ---------------------------------------------------------------------------------------------------------------
// JKK
// ---------------------------------------------------------------------------------------------------------------

/**
 * STMB (santunan sementara tidak mampu bekerja). The incapacity period is cut into benefit months counted from
 * `from` (month k = [from + k months, from + k+1 months − 1 day]); the phase of each month follows the rule set
 * (PP 82/2019: 12 months 100%, then 50%; PP 44/2015: 6 × 100%, 6 × 75%, then 50%).
 * - a complete benefit month pays rate × monthly wage;
 * - a part month pays days × daily rate, where daily rate = rate × monthly wage ÷ 30, rounded half-up to the rupiah
 *   (facts.md §2: "daily rate = monthly wage / 30", practice), never more than the full-month amount.
 * Months that end on or before the calculation date are line items; later months are scheduled (due at month end).
 */
function computeStmb(
  rs: RuleSet,
  wage: Rupiah,
  period: { from: IsoDate; to: IsoDate },
  incidentDate: IsoDate,
  calculationDate: IsoDate,
  payer: Payer,
): { lineItems: LineItem[]; scheduled: ScheduledItem[] } {
  assertNotBefore(period.from, 'stmb.from', incidentDate, 'incidentDate');
  assertNotBefore(period.to, 'stmb.to', period.from, 'stmb.from');
  const lineItems: LineItem[] = [];
  const scheduled: ScheduledItem[] = [];
  const { phases, daysPerMonth, legalBasis, confidence } = rs.jkk.stmb;
  const rateForMonth = (k: number): number => {
    let start = 0;
    for (const ph of phases) {
      if (ph.months === null || k < start + ph.months) return ph.rateBps;
      start += ph.months;
    }
    throw new InvalidInputError('ruleSet', 'STMB phases must end with an open-ended phase');
  };
  for (let k = 0; ; k++) {
    const segStart = addMonths(period.from, k);
    if (compareDates(segStart, period.to) > 0) break;
    const segEnd = addDays(addMonths(period.from, k + 1), -1);
    const effEnd = minDate(segEnd, period.to);
    const rate = rateForMonth(k);
    const monthly = applyBasisPoints(wage, rate, 'monthlyWage');
    let amount: Rupiah;
    let formula: string;
    if (effEnd === segEnd) {
      amount = monthly;
      formula = `month ${k + 1} (${segStart}..${segEnd}), full month: ${formatBps(rate)} × ${formatRupiah(wage)} = ${formatRupiah(amount)}`;
    } else {
      const days = diffDays(segStart, effEnd) + 1;
      const daily = mulDivRoundHalfUp(wage, rate, BPS_100_PERCENT * daysPerMonth, 'monthlyWage');
      const raw = multiplyRupiah(daily, days);
      amount = minRupiah(raw, monthly);
      formula =
        `month ${k + 1} (${segStart}..${effEnd}), ${days} days × daily ${formatRupiah(daily)} ` +
        `(${formatBps(rate)} × ${formatRupiah(wage)} ÷ ${daysPerMonth}, rounded half-up) = ${formatRupiah(raw)}` +
        (raw > monthly ? `, capped at the full month ${formatRupiah(monthly)}` : '');
    }
    const item: LineItem = {
      code: 'STMB',
      label: {
        id: `STMB bulan ke-${k + 1} (${formatBps(rate)})`,
        en: `Temporary incapacity, month ${k + 1} (${formatBps(rate)})`,
      },
      amount,
      formula,
      legalBasis,
      payer,
      confidence,
      ref: `month-${k + 1}`,
    };
    if (compareDates(effEnd, calculationDate) <= 0) lineItems.push(item);
    else
      scheduled.push({
        ...item,
        dueDate: effEnd,
        conditions: {
          id: 'Dibayar jika peserta masih tidak mampu bekerja menurut surat keterangan dokter',
          en: 'Payable if the worker is still unable to work per the doctor’s certificate',
        },
      });
  }
  return { lineItems, scheduled };
}

/**
 * JKK claim (PP 44/2015 Pasal 25 as amended by PP 82/2019): medical care at cost, home care (capped), transport
 * (capped per mode), STMB, plus the outcome benefit:
 * - DEATH: max(60% × 80 × wage, floor) + funeral + periodic + scholarship (no minimum contribution period).
 *   The floor is chosen by `policy.jkkDeathFloor` (default JKM_LUMP_SUM: the JKM santunan kematian, Rp20 juta
 *   under PP 82/2019 — see BenefitPolicy for why).
 * - TOTAL_DISABILITY: 70% × 80 × wage (= 56 × wage) + periodic + scholarship.
 * - PARTIAL_ANATOMICAL: Σ table % × 80 × wage.
 * - PARTIAL_FUNCTIONAL: per `policy.functionalDisability` (default loss % × table % × 80 × wage).
 * With `reportedLate`, the payer is the employer (reimbursable by BPJS).
 */
export function calculateJkk(input: JkkClaimInput, options: CalculateOptions = {}): BenefitResult {
  const policy = resolvePolicy(options.policy);
  const table: DisabilityTable = options.disabilityTable ?? DEFAULT_DISABILITY_TABLE;
  const rs = ruleSetFor(input.incidentDate, 'incidentDate');
  const wage = assertWage(input.monthlyWage);
  assertNotBefore(input.calculationDate, 'calculationDate', input.incidentDate, 'incidentDate');
  const payer: Payer = input.reportedLate ? 'EMPLOYER_REIMBURSABLE' : 'BPJS_TK';
  const items: LineItem[] = [];
  const scheduled: ScheduledItem[] = [];
  const notes: BenefitNote[] = [];
  if (input.reportedLate) {
    notes.push({
      code: 'LATE_FIRST_REPORT',
      message: {
        id: 'Laporan tahap I melewati 2×24 jam: manfaat JKK menjadi tanggung jawab pemberi kerja, yang dapat meminta penggantian ke BPJS (Permenaker 5/2021 jo. 1/2025 Pasal 8(2a)–(2c)); hak pekerja tidak gugur',
        en: 'First report later than 2×24 h: the JKK benefit becomes the employer’s obligation, reimbursable by BPJS (Permenaker 5/2021 as amended by 1/2025 Pasal 8(2a)–(2c)); the worker’s right is not void',
      },
    });
  }

  // Medical care at cost.
  (input.medicalCosts ?? []).forEach((c, i) => {
    const amount = assertAmount(c?.amount, `medicalCosts[${i}].amount`);
    if (typeof c.description !== 'string' || !c.description.trim()) {
      throw new InvalidInputError(`medicalCosts[${i}].description`, 'description is required');
    }
    items.push({
      code: 'MEDICAL_CARE',
      label: { id: `Biaya perawatan: ${c.description}`, en: `Medical care: ${c.description}` },
      amount,
      formula: `at cost: ${formatRupiah(amount)} (no cap, according to medical need)`,
      legalBasis: rs.jkk.medicalLegalBasis,
      payer,
      confidence: 'HIGH',
      ref: `medical-${i + 1}`,
    });
  });

  // Home care.
  if (input.homeCare) {
    const hc = input.homeCare;
    const amount = assertAmount(hc.amount, 'homeCare.amount');
    assertIsoDate(hc.from, 'homeCare.from');
    assertNotBefore(hc.to, 'homeCare.to', hc.from, 'homeCare.from');
    const rule = rs.jkk.homeCare;
    if (!rule) {
      notes.push({
        code: 'HOME_CARE_NOT_IN_RULE_SET',
        message: {
          id: `Homecare bukan manfaat menurut ${rs.name} (baru ada sejak PP 82/2019)`,
          en: `Home care is not a benefit under ${rs.name} (introduced by PP 82/2019)`,
        },
      });
    } else {
      const lastDay = addDays(addMonths(hc.from, rule.maxDurationMonths), -1);
      if (compareDates(hc.to, lastDay) > 0) {
        throw new InvalidInputError(
          'homeCare.to',
          `home care is covered for at most ${rule.maxDurationMonths} months (until ${lastDay}); submit only costs incurred in that window`,
        );
      }
      const paid = minRupiah(amount, rule.cap);
      items.push({
        code: 'HOME_CARE',
        label: { id: 'Perawatan di rumah (homecare)', en: 'Home care' },
        amount: paid,
        formula:
          `min(claimed ${formatRupiah(amount)}, cap ${formatRupiah(rule.cap)}) = ${formatRupiah(paid)}` +
          (amount > rule.cap ? ' (capped)' : ''),
        legalBasis: rule.legalBasis,
        payer,
        confidence: rule.confidence,
      });
    }
  }

  // Transport, capped per mode.
  const perMode = new Map<TransportMode, Rupiah>();
  (input.transport ?? []).forEach((t, i) => {
    if (!TRANSPORT_MODES.includes(t?.mode))
      throw new InvalidInputError(
        `transport[${i}].mode`,
        `unknown transport mode "${String(t?.mode)}" (LAND, SEA, AIR)`,
      );
    const amount = assertAmount(t.amount, `transport[${i}].amount`);
    perMode.set(t.mode, rupiah((perMode.get(t.mode) ?? 0) + amount, 'transport'));
  });
  for (const mode of TRANSPORT_MODES) {
    const claimed = perMode.get(mode);
    if (claimed === undefined) continue;
    const cap = rs.jkk.transportCaps[mode];
    const paid = minRupiah(claimed, cap.amount);
    items.push({
      code: 'TRANSPORT',
      label: { id: `Biaya transportasi (${mode})`, en: `Transport (${mode})` },
      amount: paid,
      formula:
        `min(claimed ${formatRupiah(claimed)}, ${mode} cap ${formatRupiah(cap.amount)}) = ${formatRupiah(paid)}` +
        (claimed > cap.amount ? ' (capped)' : ''),
      legalBasis: cap.legalBasis,
      payer,
      confidence: cap.confidence,
      ref: mode,
    });
  }

  // Outcome.
  const outcome = input.outcome;

  // STMB. It is paid "until recovered, disabled or dead" (facts.md §2, PP 82/2019): when the worker died, the
  // incapacity period ends on the death date (that day is still counted) and no STMB month is computed after it.
  if (input.stmb) {
    let period = input.stmb;
    if (outcome?.kind === 'DEATH') {
      assertNotBefore(outcome.deathDate, 'outcome.deathDate', input.incidentDate, 'incidentDate');
      if (compareDates(period.to, outcome.deathDate) > 0) {
        notes.push({
          code: 'STMB_ENDS_AT_DEATH',
          message: {
            id: `STMB berakhir pada tanggal meninggal ${outcome.deathDate} (STMB dibayar sampai sembuh, cacat, atau meninggal dunia; ${rs.jkk.stmb.legalBasis})`,
            en: `STMB ends on the death date ${outcome.deathDate} (STMB is paid until recovery, disability or death; ${rs.jkk.stmb.legalBasis})`,
          },
        });
        period = { from: period.from, to: outcome.deathDate };
      }
    }
    if (compareDates(period.from, period.to) <= 0 || period === input.stmb) {
      const s = computeStmb(rs, wage, period, input.incidentDate, input.calculationDate, payer);
      items.push(...s.lineItems);
      scheduled.push(...s.scheduled);
    }
  }

  const addScholarship = (): void => {
    const children = input.children ?? [];
    if (children.length === 0) return;
    const s = computeScholarship(rs.jkk.scholarship, children, input.calculationDate, payer);
    items.push(...s.lineItems);
    scheduled.push(...s.scheduled);
    notes.push(...s.notes);
  };
  switch (outcome?.kind) {
    case 'RECOVERED':
    case 'STILL_IN_TREATMENT':
      break;
    case 'DEATH': {
      assertNotBefore(outcome.deathDate, 'outcome.deathDate', input.incidentDate, 'incidentDate');
      const base = wageMultiple(rs.jkk.death, wage, 'monthlyWage');
      // Floor: "paling sedikit sebesar santunan kematian JKM" (facts.md §2, detik d-5759152). Default JKM_LUMP_SUM =
      // the JKM santunan sekaligus of the same rule set (Rp20 juta under PP 82/2019, Rp16,2 juta under PP 44/2015),
      // because funeral and periodic are paid on top in JKK as in JKM. JKM_TOTAL uses the whole Rp42 juta instead.
      const floor = policy.jkkDeathFloor === 'JKM_TOTAL' ? jkmDeathBenefitTotal(rs) : rs.jkm.lumpSum.amount;
      const floorName =
        policy.jkkDeathFloor === 'JKM_TOTAL' ? 'JKM death benefit total' : 'JKM santunan kematian';
      const amount = maxRupiah(base.amount, floor);
      items.push({
        code: 'JKK_DEATH',
        label: { id: 'Santunan kematian akibat kecelakaan kerja', en: 'Work-accident death benefit' },
        amount,
        formula: `max(${base.text}, floor ${formatRupiah(floor)} (${floorName})) = ${formatRupiah(amount)}`,
        legalBasis: rs.jkk.death.legalBasis,
        payer,
        confidence: rs.jkk.death.confidence,
      });
      items.push(
        flatItem('JKK_FUNERAL', { id: 'Biaya pemakaman', en: 'Funeral cost' }, rs.jkk.funeral, payer),
      );
      items.push(periodicItem(rs.jkk.periodic, 'JKK_PERIODIC', payer));
      addScholarship();
      break;
    }
    case 'TOTAL_DISABILITY': {
      const base = wageMultiple(rs.jkk.totalDisability, wage, 'monthlyWage');
      items.push({
        code: 'JKK_TOTAL_DISABILITY',
        label: { id: 'Santunan cacat total tetap', en: 'Permanent total disability benefit' },
        amount: base.amount,
        formula: base.text,
        legalBasis: rs.jkk.totalDisability.legalBasis,
        payer,
        confidence: rs.jkk.totalDisability.confidence,
      });
      items.push(periodicItem(rs.jkk.periodic, 'JKK_PERIODIC', payer));
      addScholarship();
      break;
    }
    case 'PARTIAL_ANATOMICAL':
    case 'PARTIAL_FUNCTIONAL': {
      const functional = outcome.kind === 'PARTIAL_FUNCTIONAL';
      if (functional && policy.functionalDisability === 'REQUIRE_MANUAL_REVIEW') {
        throw new PolicyRefusalError(
          'outcome',
          'the functional-disability formula is unconfirmed in the regulation text; policy requires manual review',
        );
      }
      if (!Array.isArray(outcome.impairments) || outcome.impairments.length === 0) {
        throw new InvalidInputError('outcome.impairments', 'at least one impairment is required');
      }
      const rule = rs.jkk.partialDisability;
      let totalPercentBps = 0;
      outcome.impairments.forEach((imp, i) => {
        const field = `outcome.impairments[${i}]`;
        const r = resolveImpairment(imp, table, field, outcome.leftHanded ?? false);
        let effectiveBps = r.percent * 100; // table % in bps
        let text: string;
        if (functional && policy.functionalDisability === 'LOSS_PCT_x_TABLE_PCT_x_80') {
          const loss = imp.lossOfFunctionPercent;
          if (loss === undefined || !Number.isInteger(loss) || loss < 1 || loss > 100) {
            throw new InvalidInputError(
              `${field}.lossOfFunctionPercent`,
              'lossOfFunctionPercent must be an integer 1..100',
            );
          }
          const amount = mulDivRoundHalfUp(wage, loss * r.percent * rule.times, 100 * 100, 'monthlyWage');
          effectiveBps = loss * r.percent; // loss% × table% in bps (e.g. 50 × 35 = 1750 bps = 17.5%)
          text = `${loss}% loss of function × ${r.detail} × ${rule.times} × ${formatRupiah(wage)} = ${formatRupiah(amount)}`;
          totalPercentBps += effectiveBps;
          items.push({
            code: 'JKK_PARTIAL_DISABILITY_FUNCTIONAL',
            label: {
              id: `Cacat sebagian fungsi: ${r.row.label.id}`,
              en: `Partial functional disability: ${r.row.label.en}`,
            },
            amount,
            formula: `${text} [policy ${policy.functionalDisability}, formula unconfirmed]`,
            legalBasis: `${r.row.legalBasis}; formula: policy (regulation text not found)`,
            payer,
            confidence: 'LOW',
            ref: r.row.code,
          });
          return;
        }
        const amount = mulDivRoundHalfUp(wage, r.percent * rule.times, 100, 'monthlyWage');
        text = `${r.detail} × ${rule.times} × ${formatRupiah(wage)} = ${formatRupiah(amount)}`;
        totalPercentBps += effectiveBps;
        items.push({
          code: functional ? 'JKK_PARTIAL_DISABILITY_FUNCTIONAL' : 'JKK_PARTIAL_DISABILITY_ANATOMICAL',
          label: functional
            ? {
                id: `Cacat sebagian fungsi: ${r.row.label.id}`,
                en: `Partial functional disability: ${r.row.label.en}`,
              }
            : {
                id: `Cacat sebagian anatomis: ${r.row.label.id}`,
                en: `Partial anatomical disability: ${r.row.label.en}`,
              },
          amount,
          formula: functional ? `${text} [policy ${policy.functionalDisability}, formula unconfirmed]` : text,
          legalBasis: functional
            ? `${r.row.legalBasis}; formula: policy (regulation text not found)`
            : `${rule.legalBasis}; ${r.row.legalBasis}`,
          payer,
          confidence: functional ? 'LOW' : r.row.confidence,
          ref: r.row.code,
        });
      });
      if (totalPercentBps > BPS_100_PERCENT) {
        throw new InvalidInputError(
          'outcome.impairments',
          `impairments add up to ${formatBps(totalPercentBps)}, more than 100%`,
        );
      }
      break;
    }
    default:
      throw new InvalidInputError(
        'outcome',
        `unknown JKK outcome "${String((outcome as { kind?: unknown } | undefined)?.kind)}"`,
      );
  }
  return finish(`JKK_${outcome.kind}`, ruleSetRef(rs), items, scheduled, notes, policy);
}

/** Dispatch on `input.program`. */
export function calculateBenefits(input: BenefitInput, options: CalculateOptions = {}): BenefitResult {
  switch (input?.program) {
    case 'JKM':
      return calculateJkm(input, options);
    case 'JKK':
      return calculateJkk(input, options);
    case 'KPU_SANTUNAN':
      return calculateKpuSantunan(input, resolvePolicy(options.policy));
    default:
      throw new InvalidInputError(
        'program',
        `unknown program "${String((input as { program?: unknown } | undefined)?.program)}"`,
      );
  }
}
