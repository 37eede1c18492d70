/**
 * Ad-hoc election roles, the organisation that appoints them, the region level they sit at, and their monthly
 * honoraria by election event (facts.md §6). Pure data, no I/O.
 *
 * Honoraria: Surat Menkeu S-647/MK.02/2022 (SBML Pemilu & Pilkada 2024, KPU ad-hoc bodies; Conf. HIGH) and
 * S-715/MK.02/2022 (Bawaslu supervisory stages; Conf. MED). Roles without a published figure for an event have no
 * entry: the roster must then carry the honorarium itself (it always does; this table is for the generator, the
 * budget defaults and plausibility notes).
 */
export type Organisation = 'KPU' | 'BAWASLU';
export type RegionLevelRequired = 'DISTRICT' | 'VILLAGE';

export const ROLES = [
  'PPK_KETUA',
  'PPK_ANGGOTA',
  'PPK_SEKRETARIS',
  'PPK_PELAKSANA',
  'PPS_KETUA',
  'PPS_ANGGOTA',
  'PPS_SEKRETARIS',
  'PPS_PELAKSANA',
  'PANTARLIH',
  'KPPS_KETUA',
  'KPPS_ANGGOTA',
  'LINMAS',
  'PANWASCAM_KETUA',
  'PANWASCAM_ANGGOTA',
  'PKD',
  'PTPS',
] as const;
export type Role = (typeof ROLES)[number];

export interface RoleInfo {
  role: Role;
  organisation: Organisation;
  /** PPK/Panwascam sit at a kecamatan (6-digit code); everyone else at a desa/kelurahan (10 digits). */
  level: RegionLevelRequired;
  /** KPPS, Linmas and PTPS serve one TPS: the roster must name it. */
  tpsRequired: boolean;
  label: string;
}

const r = (role: Role, organisation: Organisation, level: RegionLevelRequired, tpsRequired: boolean, label: string) =>
  ({ role, organisation, level, tpsRequired, label }) as RoleInfo;

export const ROLE_INFO: Readonly<Record<Role, RoleInfo>> = {
  PPK_KETUA: r('PPK_KETUA', 'KPU', 'DISTRICT', false, 'Ketua PPK'),
  PPK_ANGGOTA: r('PPK_ANGGOTA', 'KPU', 'DISTRICT', false, 'Anggota PPK'),
  PPK_SEKRETARIS: r('PPK_SEKRETARIS', 'KPU', 'DISTRICT', false, 'Sekretaris PPK'),
  PPK_PELAKSANA: r('PPK_PELAKSANA', 'KPU', 'DISTRICT', false, 'Pelaksana PPK'),
  PPS_KETUA: r('PPS_KETUA', 'KPU', 'VILLAGE', false, 'Ketua PPS'),
  PPS_ANGGOTA: r('PPS_ANGGOTA', 'KPU', 'VILLAGE', false, 'Anggota PPS'),
  PPS_SEKRETARIS: r('PPS_SEKRETARIS', 'KPU', 'VILLAGE', false, 'Sekretaris PPS'),
  PPS_PELAKSANA: r('PPS_PELAKSANA', 'KPU', 'VILLAGE', false, 'Pelaksana PPS'),
  PANTARLIH: r('PANTARLIH', 'KPU', 'VILLAGE', false, 'Pantarlih'),
  KPPS_KETUA: r('KPPS_KETUA', 'KPU', 'VILLAGE', true, 'Ketua KPPS'),
  KPPS_ANGGOTA: r('KPPS_ANGGOTA', 'KPU', 'VILLAGE', true, 'Anggota KPPS'),
  LINMAS: r('LINMAS', 'KPU', 'VILLAGE', true, 'Satlinmas (petugas ketertiban TPS)'),
  PANWASCAM_KETUA: r('PANWASCAM_KETUA', 'BAWASLU', 'DISTRICT', false, 'Ketua Panwascam'),
  PANWASCAM_ANGGOTA: r('PANWASCAM_ANGGOTA', 'BAWASLU', 'DISTRICT', false, 'Anggota Panwascam'),
  PKD: r('PKD', 'BAWASLU', 'VILLAGE', false, 'Pengawas Kelurahan/Desa (PKD)'),
  PTPS: r('PTPS', 'BAWASLU', 'VILLAGE', true, 'Pengawas TPS (PTPS)'),
};

export function isRole(value: string): value is Role {
  return Object.prototype.hasOwnProperty.call(ROLE_INFO, value);
}

export interface HonorariumTable {
  event: string;
  legalBasis: string;
  confidence: 'HIGH' | 'MED' | 'LOW';
  /** Monthly honorarium in whole rupiah. */
  amounts: Partial<Record<Role, number>>;
}

/** Pemilu 2024: S-647/MK.02/2022 (KPU, HIGH) and S-715/MK.02/2022 (Bawaslu, MED); facts.md §6. */
export const HONORARIA_PEMILU_2024: HonorariumTable = {
  event: 'PEMILU_2024',
  legalBasis: 'Surat Menkeu S-647/MK.02/2022 (KPU); Surat Menkeu S-715/MK.02/2022 (Bawaslu)',
  confidence: 'HIGH',
  amounts: {
    PPK_KETUA: 2_500_000,
    PPK_ANGGOTA: 2_200_000,
    PPK_SEKRETARIS: 1_850_000,
    PPK_PELAKSANA: 1_300_000,
    PPS_KETUA: 1_500_000,
    PPS_ANGGOTA: 1_300_000,
    PPS_SEKRETARIS: 1_150_000,
    PPS_PELAKSANA: 1_050_000,
    PANTARLIH: 1_000_000,
    KPPS_KETUA: 1_200_000,
    KPPS_ANGGOTA: 1_100_000,
    LINMAS: 700_000,
    PANWASCAM_KETUA: 2_200_000,
    PANWASCAM_ANGGOTA: 1_900_000,
    PKD: 1_100_000,
    PTPS: 800_000,
  },
};

/** Pilkada 2024: S-647/MK.02/2022, only KPPS and Satlinmas figures are published (facts.md §6, HIGH). */
export const HONORARIA_PILKADA_2024: HonorariumTable = {
  event: 'PILKADA_2024',
  legalBasis: 'Surat Menkeu S-647/MK.02/2022',
  confidence: 'HIGH',
  amounts: { KPPS_KETUA: 900_000, KPPS_ANGGOTA: 850_000, LINMAS: 650_000 },
};

/** Pemilu 2019 (facts.md §6; anggota PPS given as a range Rp800–850k: the lower bound). */
export const HONORARIA_PEMILU_2019: HonorariumTable = {
  event: 'PEMILU_2019',
  legalBasis: 'SBML Pemilu 2019 as reported with S-647/MK.02/2022 (kompas.com 2022/08/08)',
  confidence: 'MED',
  amounts: {
    PPK_KETUA: 1_850_000,
    PPK_ANGGOTA: 1_600_000,
    PPS_KETUA: 900_000,
    PPS_ANGGOTA: 800_000,
    PANTARLIH: 800_000,
    KPPS_KETUA: 550_000,
    KPPS_ANGGOTA: 500_000,
    LINMAS: 500_000,
  },
};

export const HONORARIA: readonly HonorariumTable[] = [
  HONORARIA_PEMILU_2019,
  HONORARIA_PEMILU_2024,
  HONORARIA_PILKADA_2024,
];

export function honorariumFor(event: string, role: Role): number | undefined {
  return HONORARIA.find((t) => t.event === event)?.amounts[role];
}

/** Election event codes: an upper-case name and a year, e.g. PEMILU_2024, PILKADA_2024, PSU_2024. */
export const ELECTION_EVENT_PATTERN = /^[A-Z][A-Z0-9]{1,20}_\d{4}$/;
