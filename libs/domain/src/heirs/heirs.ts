/**
 * Heirs (ahli waris) of JKM and JKK death benefits, in statutory order.
 * PP 44/2015 Pasal 37(5); Permenaker 44/2015 Pasal 19 (facts.md §4, Conf. HIGH):
 *  1. widow, widower or child (one class, together);
 *  2. if none: blood relatives in the direct line up and down to the 2nd degree (parents, grandparents,
 *     grandchildren — children are already class 1);
 *  3. siblings; 4. parents-in-law (mertua); 5. the person named in the participant's will;
 *  6. none: funeral cost to the employer or whoever arranged the funeral; lump sum and periodic benefit to the
 *     Dana Jaminan Sosial.
 * What is NOT modelled: how a class splits money among its members (not in facts.md) — the claim pays the class
 * through the heirship certificate.
 */
import { InvalidInputError } from '../errors';
import type { BenefitResult, LineItemCode } from '../benefits/types';
import type { Rupiah } from '../money';

export type Relation =
  | 'SPOUSE'
  | 'CHILD'
  | 'PARENT'
  | 'GRANDPARENT'
  | 'GRANDCHILD'
  | 'SIBLING'
  | 'PARENT_IN_LAW'
  | 'WILL_BENEFICIARY';

export type HeirClass =
  'SPOUSE_OR_CHILD' | 'LINEAL_RELATIVE_2ND_DEGREE' | 'SIBLING' | 'PARENT_IN_LAW' | 'WILL_BENEFICIARY';

export interface FamilyMember {
  id?: string;
  name?: string;
  /** Default true. Deceased members are ignored. */
  alive?: boolean;
}

export interface FamilyComposition {
  spouses?: FamilyMember[];
  children?: FamilyMember[];
  parents?: FamilyMember[];
  grandparents?: FamilyMember[];
  grandchildren?: FamilyMember[];
  siblings?: FamilyMember[];
  parentsInLaw?: FamilyMember[];
  willBeneficiaries?: FamilyMember[];
}

export interface Heir extends FamilyMember {
  relation: Relation;
}

export const HEIR_LEGAL_BASIS = 'PP 44/2015 Pasal 37(5); Permenaker 44/2015 Pasal 19';

export const HEIR_ORDER: readonly {
  heirClass: HeirClass;
  rank: number;
  keys: readonly (keyof FamilyComposition)[];
}[] = [
  { heirClass: 'SPOUSE_OR_CHILD', rank: 1, keys: ['spouses', 'children'] },
  { heirClass: 'LINEAL_RELATIVE_2ND_DEGREE', rank: 2, keys: ['parents', 'grandparents', 'grandchildren'] },
  { heirClass: 'SIBLING', rank: 3, keys: ['siblings'] },
  { heirClass: 'PARENT_IN_LAW', rank: 4, keys: ['parentsInLaw'] },
  { heirClass: 'WILL_BENEFICIARY', rank: 5, keys: ['willBeneficiaries'] },
];

const RELATION_OF: Record<keyof FamilyComposition, Relation> = {
  spouses: 'SPOUSE',
  children: 'CHILD',
  parents: 'PARENT',
  grandparents: 'GRANDPARENT',
  grandchildren: 'GRANDCHILD',
  siblings: 'SIBLING',
  parentsInLaw: 'PARENT_IN_LAW',
  willBeneficiaries: 'WILL_BENEFICIARY',
};

export type NoHeirRecipient = 'EMPLOYER_OR_FUNERAL_ORGANISER' | 'DANA_JAMINAN_SOSIAL';

export type HeirDetermination =
  | { hasHeir: true; heirClass: HeirClass; rank: number; heirs: Heir[]; legalBasis: string }
  | {
      hasHeir: false;
      heirs: [];
      /** Who receives what when there is no heir. */
      disposition: { funeral: 'EMPLOYER_OR_FUNERAL_ORGANISER'; lumpSumAndPeriodic: 'DANA_JAMINAN_SOSIAL' };
      legalBasis: string;
    };

export function determineHeirs(family: FamilyComposition): HeirDetermination {
  if (!family || typeof family !== 'object')
    throw new InvalidInputError('family', 'family composition is required');
  for (const key of Object.keys(family)) {
    if (!(key in RELATION_OF)) throw new InvalidInputError(`family.${key}`, `unknown family group "${key}"`);
    const v = family[key as keyof FamilyComposition];
    if (v !== undefined && !Array.isArray(v))
      throw new InvalidInputError(`family.${key}`, `${key} must be an array`);
  }
  for (const level of HEIR_ORDER) {
    const heirs: Heir[] = [];
    for (const key of level.keys) {
      for (const m of family[key] ?? []) {
        if (m.alive === false) continue;
        heirs.push({ ...m, relation: RELATION_OF[key] });
      }
    }
    if (heirs.length > 0)
      return {
        hasHeir: true,
        heirClass: level.heirClass,
        rank: level.rank,
        heirs,
        legalBasis: HEIR_LEGAL_BASIS,
      };
  }
  return {
    hasHeir: false,
    heirs: [],
    disposition: { funeral: 'EMPLOYER_OR_FUNERAL_ORGANISER', lumpSumAndPeriodic: 'DANA_JAMINAN_SOSIAL' },
    legalBasis: HEIR_LEGAL_BASIS,
  };
}

export type Recipient = 'HEIRS' | NoHeirRecipient | 'NOT_PAYABLE';

export interface Allocation {
  code: LineItemCode;
  ref?: string;
  amount: Rupiah;
  recipient: Recipient;
  legalBasis: string;
}

const FUNERAL_CODES: readonly LineItemCode[] = ['JKM_FUNERAL', 'JKK_FUNERAL', 'KPU_FUNERAL'];

/**
 * Route each death-benefit line item to its recipient. With heirs: everything to the heirs.
 * Without: funeral → employer or funeral organiser; lump sum / periodic / JKK death → Dana Jaminan Sosial;
 * scholarship → not payable (there is no child).
 */
export function allocateDeathBenefits(result: BenefitResult, heirs: HeirDetermination): Allocation[] {
  return result.lineItems.map((item) => {
    let recipient: Recipient;
    if (heirs.hasHeir) recipient = 'HEIRS';
    else if (FUNERAL_CODES.includes(item.code)) recipient = 'EMPLOYER_OR_FUNERAL_ORGANISER';
    else if (item.code === 'SCHOLARSHIP') recipient = 'NOT_PAYABLE';
    else recipient = 'DANA_JAMINAN_SOSIAL';
    return {
      code: item.code,
      ...(item.ref ? { ref: item.ref } : {}),
      amount: item.amount,
      recipient,
      legalBasis: HEIR_LEGAL_BASIS,
    };
  });
}
