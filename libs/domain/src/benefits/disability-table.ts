/**
 * Disability percentage table (Lampiran PP 44/2015 / PP 82/2019) as data.
 * Only the rows recovered in facts.md §2 are embedded (source: seputarpabrik.com 2018/12, Conf. MED). The rest of the
 * official table (forearm, hand, fingers, legs, toes...) was not found: load it later with `createDisabilityTable`.
 * Formulas never hard-code a percentage; they look rows up here.
 */
import { InvalidInputError } from '../errors';
import type { Bilingual, Confidence } from '../rulesets/types';

export type DisabilityRowValue =
  /** fixed percentage */
  | { kind: 'FIXED'; percent: number }
  /** assessed within a range by the doctor (e.g. scalp avulsion 10–30%) */
  | { kind: 'RANGE'; minPercent: number; maxPercent: number }
  /** per 10 dB of hearing loss, capped at `maxPercent` (the full-loss row) */
  | { kind: 'PER_10_DB'; percentPer10Db: number; maxPercent: number };

export interface DisabilityRow {
  code: string;
  group: 'HEAD_SENSES' | 'ARM' | 'HAND' | 'LEG' | 'OTHER';
  label: Bilingual;
  value: DisabilityRowValue;
  /** For paired limbs: the row that applies instead for a left-handed worker (right/left arm are reversed). */
  leftHandedSwapWith?: string;
  legalBasis: string;
  confidence: Confidence;
}

const BASIS = 'Lampiran PP 44/2015 as amended by PP 82/2019 (tabel persentase cacat)';

function fixed(
  code: string,
  group: DisabilityRow['group'],
  id: string,
  en: string,
  percent: number,
): DisabilityRow {
  return {
    code,
    group,
    label: { id, en },
    value: { kind: 'FIXED', percent },
    legalBasis: BASIS,
    confidence: 'MED',
  };
}

export const DEFAULT_DISABILITY_ROWS: readonly DisabilityRow[] = [
  fixed('EYES_BOTH', 'HEAD_SENSES', 'Penglihatan kedua mata', 'Sight, both eyes', 70),
  fixed(
    'EYE_ONE_OR_DIPLOPIA',
    'HEAD_SENSES',
    'Penglihatan satu mata, atau diplopia pada penglihatan dekat',
    'Sight, one eye, or diplopia at near vision',
    35,
  ),
  fixed('HEARING_BOTH_EARS', 'HEAD_SENSES', 'Pendengaran kedua telinga', 'Hearing, both ears', 40),
  fixed('HEARING_ONE_EAR', 'HEAD_SENSES', 'Pendengaran satu telinga', 'Hearing, one ear', 20),
  {
    code: 'SCALP_AVULSION',
    group: 'HEAD_SENSES',
    label: { id: 'Kulit kepala terkelupas (avulsi)', en: 'Scalp avulsion' },
    value: { kind: 'RANGE', minPercent: 10, maxPercent: 30 },
    legalBasis: BASIS,
    confidence: 'MED',
  },
  {
    code: 'HEARING_REDUCTION_BOTH_EARS',
    group: 'HEAD_SENSES',
    label: {
      id: 'Penurunan pendengaran kedua telinga (per 10 dB)',
      en: 'Hearing reduction, both ears (per 10 dB)',
    },
    value: { kind: 'PER_10_DB', percentPer10Db: 6, maxPercent: 40 },
    legalBasis: BASIS,
    confidence: 'MED',
  },
  {
    code: 'HEARING_REDUCTION_ONE_EAR',
    group: 'HEAD_SENSES',
    label: {
      id: 'Penurunan pendengaran satu telinga (per 10 dB)',
      en: 'Hearing reduction, one ear (per 10 dB)',
    },
    value: { kind: 'PER_10_DB', percentPer10Db: 3, maxPercent: 20 },
    legalBasis: BASIS,
    confidence: 'MED',
  },
  fixed('EARLOBE_ONE', 'HEAD_SENSES', 'Satu daun telinga', 'One earlobe', 5),
  fixed('EARLOBES_BOTH', 'HEAD_SENSES', 'Kedua daun telinga', 'Both earlobes', 10),
  fixed('NOSE_CUPING', 'HEAD_SENSES', 'Cuping hidung', 'Nose (cuping hidung)', 30),
  fixed(
    'NASAL_SEPTUM_PERFORATION',
    'HEAD_SENSES',
    'Perforasi sekat rongga hidung',
    'Nasal septum perforation',
    15,
  ),
  fixed('SMELL_LOSS', 'HEAD_SENSES', 'Kehilangan daya penciuman', 'Loss of smell', 10),
  fixed(
    'SIGHT_PARTIAL_FUNCTION',
    'HEAD_SENSES',
    'Hilangnya sebagian fungsi penglihatan',
    'Partial loss of sight function',
    7,
  ),
  fixed('COLOUR_VISION', 'HEAD_SENSES', 'Penglihatan warna', 'Colour vision', 10),
  fixed(
    'VISUAL_FIELD_10',
    'HEAD_SENSES',
    'Penglihatan lapangan berkurang 10%',
    'Visual field loss of 10%',
    7,
  ),
  {
    ...fixed(
      'ARM_RIGHT_FROM_SHOULDER',
      'ARM',
      'Lengan kanan dari sendi bahu ke bawah',
      'Right arm from the shoulder joint down',
      40,
    ),
    leftHandedSwapWith: 'ARM_LEFT_FROM_SHOULDER',
  },
  {
    ...fixed(
      'ARM_LEFT_FROM_SHOULDER',
      'ARM',
      'Lengan kiri dari sendi bahu ke bawah',
      'Left arm from the shoulder joint down',
      35,
    ),
    leftHandedSwapWith: 'ARM_RIGHT_FROM_SHOULDER',
  },
];

export interface DisabilityTable {
  readonly rows: ReadonlyMap<string, DisabilityRow>;
}

function validPercent(n: number): boolean {
  return Number.isInteger(n) && n > 0 && n <= 100;
}

function validateRow(row: DisabilityRow, index: number): void {
  const field = `disabilityRows[${index}]`;
  if (!row || typeof row.code !== 'string' || !/^[A-Z0-9_]+$/.test(row.code)) {
    throw new InvalidInputError(`${field}.code`, 'row code must be UPPER_SNAKE_CASE');
  }
  if (!row.legalBasis || !row.legalBasis.trim())
    throw new InvalidInputError(`${field}.legalBasis`, 'every row must cite its legal basis');
  if (!row.label?.id || !row.label?.en)
    throw new InvalidInputError(`${field}.label`, 'row needs id and en labels');
  const v = row.value;
  const ok =
    (v.kind === 'FIXED' && validPercent(v.percent)) ||
    (v.kind === 'RANGE' &&
      validPercent(v.minPercent) &&
      validPercent(v.maxPercent) &&
      v.minPercent <= v.maxPercent) ||
    (v.kind === 'PER_10_DB' && validPercent(v.percentPer10Db) && validPercent(v.maxPercent));
  if (!ok)
    throw new InvalidInputError(`${field}.value`, `row ${row.code}: percentages must be integers in 1..100`);
}

/**
 * Build a table from the default rows plus extra rows (e.g. the full Lampiran once recovered).
 * Extra rows are validated; an extra row with an existing code replaces it only when `replace` is true.
 */
export function createDisabilityTable(
  extraRows: readonly DisabilityRow[] = [],
  options: { replace?: boolean } = {},
): DisabilityTable {
  const rows = new Map<string, DisabilityRow>();
  DEFAULT_DISABILITY_ROWS.forEach((r, i) => {
    validateRow(r, i);
    rows.set(r.code, r);
  });
  extraRows.forEach((r, i) => {
    validateRow(r, i);
    if (rows.has(r.code) && !options.replace) {
      throw new InvalidInputError(
        `disabilityRows[${i}].code`,
        `duplicate disability row code ${r.code}`,
        'DUPLICATE_CODE',
      );
    }
    rows.set(r.code, r);
  });
  for (const r of rows.values()) {
    if (r.leftHandedSwapWith && !rows.has(r.leftHandedSwapWith)) {
      throw new InvalidInputError(
        'disabilityRows',
        `row ${r.code} swaps with unknown row ${r.leftHandedSwapWith}`,
      );
    }
  }
  return { rows };
}

export const DEFAULT_DISABILITY_TABLE: DisabilityTable = createDisabilityTable();

/** One assessed impairment, as certified by the doctor. */
export interface ImpairmentInput {
  code: string;
  /** Required for RANGE rows: the assessed percent within the range. */
  assessedPercent?: number;
  /** Required for PER_10_DB rows: measured loss in dB (counted in completed 10 dB steps). */
  decibelLoss?: number;
  /** Functional disability only: % loss of function of the body part (1..100). */
  lossOfFunctionPercent?: number;
}

export interface ResolvedImpairment {
  row: DisabilityRow;
  percent: number;
  /** How the percent was obtained, for the formula text. */
  detail: string;
}

/**
 * Resolve an impairment to the table percent. For a left-handed worker the right/left arm rows are swapped
 * ("reversed for left-handed people").
 */
export function resolveImpairment(
  input: ImpairmentInput,
  table: DisabilityTable,
  field: string,
  leftHanded = false,
): ResolvedImpairment {
  let row = table.rows.get(input?.code);
  if (!row)
    throw new InvalidInputError(
      `${field}.code`,
      `unknown disability table row "${String(input?.code)}"`,
      'UNKNOWN_DISABILITY_CODE',
    );
  if (leftHanded && row.leftHandedSwapWith) {
    row = table.rows.get(row.leftHandedSwapWith) as DisabilityRow;
  }
  const v = row.value;
  switch (v.kind) {
    case 'FIXED':
      return { row, percent: v.percent, detail: `${v.percent}%` };
    case 'RANGE': {
      const p = input.assessedPercent;
      if (p === undefined || !Number.isInteger(p) || p < v.minPercent || p > v.maxPercent) {
        throw new InvalidInputError(
          `${field}.assessedPercent`,
          `${row.code} needs an assessed integer percent in ${v.minPercent}..${v.maxPercent}`,
        );
      }
      return { row, percent: p, detail: `${p}% (range ${v.minPercent}–${v.maxPercent}%)` };
    }
    case 'PER_10_DB': {
      const db = input.decibelLoss;
      if (db === undefined || !Number.isInteger(db) || db < 10 || db > 200) {
        throw new InvalidInputError(`${field}.decibelLoss`, `${row.code} needs an integer dB loss >= 10`);
      }
      const steps = Math.floor(db / 10);
      const percent = Math.min(steps * v.percentPer10Db, v.maxPercent);
      return {
        row,
        percent,
        detail: `min(${steps} × ${v.percentPer10Db}% per 10 dB, ${v.maxPercent}%) = ${percent}%`,
      };
    }
  }
}
