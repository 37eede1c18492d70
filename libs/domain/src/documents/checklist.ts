/**
 * Document checklists per case, as data plus a small condition evaluator.
 * Sources: facts.md §4 (Permenaker 5/2021 jo. 1/2025 Pasal 19 stage-II documents; JKM heir documents,
 * riau.antaranews 317166; Permenaker 1/2025 Pasal 79(2a)–(2b) will / court determination) and §5 (Kep. KPU 59/2023).
 */
import { InvalidInputError } from '../errors';
import type { Bilingual } from '../rulesets/types';

export type CaseType =
  | 'JKM_DEATH'
  | 'JKK_DEATH'
  | 'JKK_RECOVERED'
  | 'JKK_DISABLED'
  | 'JKK_IN_TREATMENT'
  | 'KPU_SANTUNAN_DEATH'
  | 'KPU_SANTUNAN_INJURY';

export const CASE_TYPES: readonly CaseType[] = [
  'JKM_DEATH',
  'JKK_DEATH',
  'JKK_RECOVERED',
  'JKK_DISABLED',
  'JKK_IN_TREATMENT',
  'KPU_SANTUNAN_DEATH',
  'KPU_SANTUNAN_INJURY',
];

export type Supplier = 'KPU' | 'FAMILY' | 'HOSPITAL' | 'POLICE' | 'BPJS' | 'WORKER';

/** Facts about the case that conditions read. All optional; a missing fact is false. */
export interface CaseFacts {
  roadAccident?: boolean;
  heirIsSpouse?: boolean;
  heirIsWillBeneficiary?: boolean;
  heirNotListedInRegulation?: boolean;
  transportClaimed?: boolean;
  treatedAtNonPartnerFacility?: boolean;
  scholarshipClaimed?: boolean;
  deceasedHasNoEKtp?: boolean;
}

export type CaseFactKey = keyof CaseFacts;

export type Condition =
  | { fact: CaseFactKey; equals: boolean }
  | { all: readonly Condition[] }
  | { any: readonly Condition[] }
  | { not: Condition };

export interface DocumentDefinition {
  code: string;
  label: Bilingual;
  supplier: Supplier;
  requirement: 'REQUIRED' | 'CONDITIONAL';
  condition?: Condition;
  /** Human text of the condition. */
  conditionText?: Bilingual;
  legalBasis: string;
}

export interface CaseContext {
  caseType: CaseType;
  facts?: CaseFacts;
}

export interface ResolvedDocument {
  code: string;
  label: Bilingual;
  supplier: Supplier;
  requirement: 'REQUIRED' | 'CONDITIONAL';
  /** For CONDITIONAL documents: why it is needed in this case. */
  because?: Bilingual;
  legalBasis: string;
}

const FACT_KEYS: readonly CaseFactKey[] = [
  'roadAccident',
  'heirIsSpouse',
  'heirIsWillBeneficiary',
  'heirNotListedInRegulation',
  'transportClaimed',
  'treatedAtNonPartnerFacility',
  'scholarshipClaimed',
  'deceasedHasNoEKtp',
];

export function evaluateCondition(condition: Condition, facts: CaseFacts): boolean {
  if ('fact' in condition) {
    if (!FACT_KEYS.includes(condition.fact))
      throw new InvalidInputError('condition.fact', `unknown fact "${String(condition.fact)}"`);
    return (facts[condition.fact] ?? false) === condition.equals;
  }
  if ('all' in condition) return condition.all.every((c) => evaluateCondition(c, facts));
  if ('any' in condition) return condition.any.some((c) => evaluateCondition(c, facts));
  return !evaluateCondition(condition.not, facts);
}

const STAGE2 = 'Permenaker 5/2021 as amended by Permenaker 1/2025 Pasal 19';
const JKM_DOCS = 'Permenaker 5/2021 (klaim JKM); riau.antaranews.com/berita/317166';
const HEIR_SPECIAL = 'Permenaker 1/2025 Pasal 79(2a)–(2b) (pola yang sama)';
const KPU59 = 'Keputusan KPU 59/2023 (persyaratan santunan)';

function doc(
  code: string,
  id: string,
  en: string,
  supplier: Supplier,
  legalBasis: string,
): DocumentDefinition {
  return { code, label: { id, en }, supplier, requirement: 'REQUIRED', legalBasis };
}

function cond(
  code: string,
  id: string,
  en: string,
  supplier: Supplier,
  legalBasis: string,
  condition: Condition,
  conditionText: Bilingual,
): DocumentDefinition {
  return {
    code,
    label: { id, en },
    supplier,
    requirement: 'CONDITIONAL',
    condition,
    conditionText,
    legalBasis,
  };
}

const C_ROAD = cond(
  'POLICE_REPORT',
  'Laporan polisi',
  'Police report',
  'POLICE',
  `${STAGE2} (dokumen pendukung, mis. kecelakaan lalu lintas)`,
  { fact: 'roadAccident', equals: true },
  { id: 'kecelakaan lalu lintas', en: 'road accident' },
);
const C_MARRIAGE = (basis: string): DocumentDefinition =>
  cond(
    'MARRIAGE_BOOK',
    'Buku nikah / akta perkawinan',
    'Marriage book / certificate',
    'FAMILY',
    basis,
    { fact: 'heirIsSpouse', equals: true },
    {
      id: 'ahli waris adalah suami/istri',
      en: 'a spouse is the heir',
    },
  );
const C_WILL = cond(
  'NOTARIAL_DEED_WILL',
  'Akta notaris (wasiat)',
  'Notarial deed (will)',
  'FAMILY',
  HEIR_SPECIAL,
  { fact: 'heirIsWillBeneficiary', equals: true },
  { id: 'penerima adalah penerima wasiat', en: 'the recipient is a will beneficiary' },
);
const C_COURT = cond(
  'COURT_HEIRSHIP_DETERMINATION',
  'Penetapan ahli waris dari pengadilan',
  'Court heirship determination',
  'FAMILY',
  HEIR_SPECIAL,
  { fact: 'heirNotListedInRegulation', equals: true },
  { id: 'ahli waris tidak tercantum dalam peraturan', en: 'the heir is not a listed heir class' },
);
const C_TRANSPORT = cond(
  'TRANSPORT_RECEIPTS',
  'Kuitansi biaya transportasi',
  'Transport receipts',
  'WORKER',
  STAGE2,
  { fact: 'transportClaimed', equals: true },
  { id: 'biaya transportasi diklaim', en: 'transport costs are claimed' },
);
const C_MEDICAL = cond(
  'MEDICAL_RECEIPTS',
  'Kuitansi biaya pengobatan',
  'Medical receipts',
  'HOSPITAL',
  STAGE2,
  { fact: 'treatedAtNonPartnerFacility', equals: true },
  {
    id: 'dirawat di faskes bukan mitra (reimbursement)',
    en: 'treated at a non-partner facility (reimbursement)',
  },
);
const C_SCHOLARSHIP = cond(
  'SCHOLARSHIP_DOCS',
  'Formulir beasiswa, akta kelahiran anak, surat keterangan masih sekolah, rapor/transkrip, rekening anak/wali',
  'Scholarship form, child birth certificate, proof of enrolment, report card/transcript, child/guardian account',
  'FAMILY',
  'PP 44/2015 Pasal 34 as amended by PP 82/2019; cinews.id (MED)',
  { fact: 'scholarshipClaimed', equals: true },
  { id: 'beasiswa diklaim', en: 'a scholarship is claimed' },
);

const MEMBERSHIP = doc(
  'BPJS_MEMBERSHIP_CARD',
  'Kartu peserta BPJS Ketenagakerjaan',
  'BPJS TK membership card',
  'BPJS',
  STAGE2,
);
const WORKER_ID = doc('WORKER_KTP', 'KTP / identitas pekerja', 'Worker ID card (KTP)', 'WORKER', STAGE2);
const DOCTOR_CERT = doc(
  'DOCTOR_CERTIFICATE',
  'Surat keterangan dokter pemeriksa/penasehat',
  'Examining/advisory doctor certificate',
  'HOSPITAL',
  STAGE2,
);
const ACCIDENT_REPORT = doc(
  'ACCIDENT_REPORT_STAGE_1',
  'Laporan kecelakaan kerja tahap I',
  'Work-accident report, stage I',
  'KPU',
  'Permenaker 5/2021 as amended by Permenaker 1/2025 Pasal 8',
);
const SK = (basis: string): DocumentDefinition =>
  doc('SK_APPOINTMENT', 'SK pengangkatan badan ad hoc', 'Ad-hoc appointment decree (SK)', 'KPU', basis);
const HEIR_KTP = doc('HEIRS_KTP', 'KTP ahli waris', 'Heirs’ ID cards (KTP)', 'FAMILY', JKM_DOCS);
const KK = doc('FAMILY_CARD_KK', 'Kartu Keluarga (KK)', 'Family card (KK)', 'FAMILY', JKM_DOCS);
const DEATH_CERT = doc(
  'DEATH_CERTIFICATE',
  'Surat keterangan / akta kematian',
  'Death certificate',
  'HOSPITAL',
  JKM_DOCS,
);
const HEIR_CERT = doc(
  'HEIRSHIP_CERTIFICATE',
  'Surat keterangan ahli waris',
  'Heirship certificate',
  'FAMILY',
  JKM_DOCS,
);
const HEIR_BANK = doc(
  'HEIR_BANK_ACCOUNT',
  'Buku tabungan / rekening ahli waris',
  'Heir’s bank account',
  'FAMILY',
  JKM_DOCS,
);
const DECEASED_KTP = doc(
  'DECEASED_EKTP',
  'e-KTP almarhum/almarhumah',
  'e-KTP of the deceased',
  'FAMILY',
  JKM_DOCS,
);

export const CHECKLISTS: Readonly<Record<CaseType, readonly DocumentDefinition[]>> = {
  JKM_DEATH: [
    MEMBERSHIP,
    DECEASED_KTP,
    HEIR_KTP,
    KK,
    DEATH_CERT,
    HEIR_CERT,
    HEIR_BANK,
    C_MARRIAGE(JKM_DOCS),
    C_WILL,
    C_COURT,
    C_SCHOLARSHIP,
  ],
  JKK_DEATH: [
    MEMBERSHIP,
    ACCIDENT_REPORT,
    DECEASED_KTP,
    HEIR_KTP,
    KK,
    DEATH_CERT,
    DOCTOR_CERT,
    HEIR_CERT,
    HEIR_BANK,
    C_ROAD,
    C_MARRIAGE(JKM_DOCS),
    C_WILL,
    C_COURT,
    C_TRANSPORT,
    C_MEDICAL,
    C_SCHOLARSHIP,
  ],
  JKK_RECOVERED: [MEMBERSHIP, ACCIDENT_REPORT, WORKER_ID, DOCTOR_CERT, C_ROAD, C_TRANSPORT, C_MEDICAL],
  JKK_DISABLED: [
    MEMBERSHIP,
    ACCIDENT_REPORT,
    WORKER_ID,
    DOCTOR_CERT,
    C_ROAD,
    C_TRANSPORT,
    C_MEDICAL,
    C_SCHOLARSHIP,
  ],
  JKK_IN_TREATMENT: [MEMBERSHIP, ACCIDENT_REPORT, WORKER_ID, DOCTOR_CERT, C_ROAD, C_TRANSPORT, C_MEDICAL],
  KPU_SANTUNAN_DEATH: [
    doc(
      'KK_DECEASED_AND_HEIRS',
      'Fotokopi KK almarhum dan ahli waris (asli diperlihatkan)',
      'Copies of the KK of the deceased and heirs (originals shown)',
      'FAMILY',
      KPU59,
    ),
    cond(
      'EKTP_DECEASED_AND_HEIRS',
      'Fotokopi e-KTP almarhum dan ahli waris',
      'Copies of the e-KTP of the deceased and heirs',
      'FAMILY',
      KPU59,
      { fact: 'deceasedHasNoEKtp', equals: false },
      { id: 'almarhum memiliki e-KTP', en: 'the deceased had an e-KTP' },
    ),
    cond(
      'DUKCAPIL_LETTER',
      'Surat keterangan Dukcapil (pengganti e-KTP)',
      'Dukcapil letter (instead of an e-KTP)',
      'FAMILY',
      KPU59,
      { fact: 'deceasedHasNoEKtp', equals: true },
      { id: 'almarhum tidak memiliki e-KTP', en: 'the deceased had no e-KTP' },
    ),
    SK(KPU59),
    C_MARRIAGE(KPU59),
    doc(
      'DEATH_CERTIFICATE',
      'Fotokopi surat keterangan kematian dari dokter/rumah sakit',
      'Copy of the death certificate from a doctor/hospital',
      'HOSPITAL',
      KPU59,
    ),
    doc('HEIR_BANK_ACCOUNT', 'Rekening bank ahli waris', 'Heirs’ bank account', 'FAMILY', KPU59),
    C_WILL,
    C_COURT,
  ],
  KPU_SANTUNAN_INJURY: [
    doc('WORKER_EKTP', 'Fotokopi e-KTP', 'Copy of the e-KTP', 'WORKER', KPU59),
    SK(KPU59),
    doc(
      'MEDICAL_CERTIFICATE',
      'Surat keterangan dokter / rumah sakit',
      'Doctor / hospital certificate',
      'HOSPITAL',
      KPU59,
    ),
    doc('WORKER_BANK_ACCOUNT', 'Rekening bank penerima', 'Recipient’s bank account', 'WORKER', KPU59),
  ],
};

/** The resolved checklist: required documents plus the conditional ones whose condition holds. */
export function checklistFor(context: CaseContext): ResolvedDocument[] {
  if (!context || !CASE_TYPES.includes(context.caseType)) {
    throw new InvalidInputError('caseType', `unknown case type "${String(context?.caseType)}"`);
  }
  const facts = context.facts ?? {};
  for (const key of Object.keys(facts)) {
    if (!FACT_KEYS.includes(key as CaseFactKey))
      throw new InvalidInputError(`facts.${key}`, `unknown case fact "${key}"`);
  }
  const out: ResolvedDocument[] = [];
  for (const d of CHECKLISTS[context.caseType]) {
    if (d.requirement === 'REQUIRED') {
      out.push({
        code: d.code,
        label: d.label,
        supplier: d.supplier,
        requirement: 'REQUIRED',
        legalBasis: d.legalBasis,
      });
    } else if (d.condition && evaluateCondition(d.condition, facts)) {
      out.push({
        code: d.code,
        label: d.label,
        supplier: d.supplier,
        requirement: 'CONDITIONAL',
        ...(d.conditionText ? { because: d.conditionText } : {}),
        legalBasis: d.legalBasis,
      });
    }
  }
  return out;
}
