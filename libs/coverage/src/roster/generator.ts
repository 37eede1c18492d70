/**
 * Synthetic roster generator: deterministic for a seed, streamed (6 million rows never sit in memory).
 *
 * Shape (facts.md §6, Pemilu 2024): per TPS 7 KPPS (1 ketua + 6 anggota), 2 Satlinmas and 1 PTPS; per desa 3 PPS
 * (1 ketua + 2 anggota), 1 PKD and 1 Pantarlih; per kecamatan 5 PPK (1 ketua + 4 anggota) and 3 Panwascam
 * (1 ketua + 2 anggota). Regions: the real province and kab/kota codes (REGENCY_NAMES, Kepmendagri 2025); kecamatan
 * (01..) and desa (2001..) numbers under them are synthetic. Honoraria from S-647/MK.02/2022 and S-715/MK.02/2022.
 * NIKs are valid: the kecamatan of the appointment, the birth date (+40 for women) and a serial unique within the
 * kecamatan. Coverage: JKK+JKM on the honorarium, PU, funded by APBD, for the whole term, except in the
 * `gapRegions` (code prefixes: province, kab/kota, kecamatan or desa), where nobody is covered. Terms are the Pemilu
 * 2024 ones for KPPS (25 Jan – 25 Feb 2024, facts.md §6, MED); the others are synthetic but plausible (documented in
 * docs/coverage.md).
 *
 * Without `regions` the kab/kota are filled in code order (as many kecamatan each as the row count needs, at most
 * 60) until the row count is reached. With `regions` (province or kab/kota codes) only the kab/kota under them are
 * generated, and the rows are split evenly among them (the first ones get one more when it does not divide), each
 * filled kecamatan by kecamatan (at most 99 per kab/kota), so that a small roster of a few regions covers all of
 * them. The output for the same options and seed is the same, byte for byte.
 */
import { REGENCY_NAMES } from '@sigap/domain';
import { HONORARIA_PEMILU_2024, type Role } from '../rules/roles';
import { ROSTER_COLUMNS } from './columns';

export interface GeneratorOptions {
  rows: number;
  seed: number;
  /** code prefixes where nobody is covered (province, kab/kota, kecamatan or desa; dots allowed) */
  gapRegions?: string[];
  /** only these provinces or kab/kota (2 or 4 digits, dots allowed: `32`, `3273`, `32.04`); default: the country */
  regions?: string[];
  event?: string;
}

/** Kecamatan numbers have two digits. */
const MAX_KEC_PER_REGENCY = 99;
/** Rows of a full kecamatan: 5 PPK + 3 Panwascam + 12 desa × (3 PPS + Pantarlih + PKD + 10 TPS × (7 KPPS + 2 Linmas
 * + PTPS)). */
export const GENERATOR_ROWS_PER_KECAMATAN = 8 + 12 * (5 + 10 * 10);

/**
 * The kab/kota codes under the given province or kab/kota codes, in code order (REGENCY_NAMES). Throws on a code
 * that is neither 2 nor 4 digits or that matches no kab/kota.
 */
export function generatorRegencies(regions?: string[]): string[] {
  const all = REGENCY_NAMES.map(([code]) => code);
  if (!regions || regions.length === 0) return all;
  const prefixes = regions.map((r) => {
    const code = r.trim().replace(/\./g, '');
    if (!/^\d{2}(\d{2})?$/.test(code))
      throw new Error(`region ${JSON.stringify(r)}: expected a province (32) or kab/kota (3273) code`);
    if (!all.some((c) => c.startsWith(code)))
      throw new Error(`region ${JSON.stringify(r)}: no such province or kab/kota`);
    return code;
  });
  return all.filter((c) => prefixes.some((p) => c.startsWith(p)));
}

/** sfc32: small, fast, deterministic PRNG. */
function prng(seed: number): () => number {
  let a = 0x9e3779b9 ^ seed;
  let b = 0x243f6a88 ^ (seed * 7);
  let c = 0xb7e15162 ^ (seed * 13);
  let d = seed | 0;
  const next = () => {
    a |= 0;
    b |= 0;
    c |= 0;
    d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return next;
}

const GIVEN = ['Agus', 'Budi', 'Citra', 'Dewi', 'Eko', 'Fitri', 'Gita', 'Hadi', 'Indah', 'Joko', 'Kartika', 'Lestari',
  'Made', 'Nur', 'Oki', 'Putri', 'Rahmat', 'Sari', 'Teguh', 'Umi', 'Wayan', 'Yohanes', 'Zainal', 'Maria'];
const FAMILY = ['Saputra', 'Wijaya', 'Siregar', 'Nainggolan', 'Hasibuan', 'Pratama', 'Santoso', 'Lubis', 'Manurung',
  'Setiawan', 'Kurniawan', 'Hidayat', 'Tanjung', 'Rahayu', 'Nugroho', 'Daulay', 'Pardede', 'Simanjuntak', 'Fanggidae', 'Ndun'];

interface Term {
  start: string;
  end: string;
}
/** Pemilu 2024 terms: KPPS 25 Jan – 25 Feb 2024 (facts.md §6, MED); others synthetic. */
export const GENERATOR_TERMS: Record<'KPPS' | 'PPS' | 'PPK' | 'PANWASCAM' | 'PKD' | 'PTPS' | 'PANTARLIH', Term> = {
  KPPS: { start: '2024-01-25', end: '2024-02-25' },
  PTPS: { start: '2024-01-25', end: '2024-02-25' },
  PPS: { start: '2023-01-24', end: '2024-03-31' },
  PPK: { start: '2023-01-04', end: '2024-03-31' },
  PANWASCAM: { start: '2022-10-25', end: '2024-03-31' },
  PKD: { start: '2023-02-15', end: '2024-03-15' },
  PANTARLIH: { start: '2023-02-12', end: '2023-03-14' },
};

function termOf(role: Role): Term {
  if (role.startsWith('KPPS_') || role === 'LINMAS') return GENERATOR_TERMS.KPPS;
  if (role === 'PTPS') return GENERATOR_TERMS.PTPS;
  if (role.startsWith('PPS_')) return GENERATOR_TERMS.PPS;
  if (role.startsWith('PPK_')) return GENERATOR_TERMS.PPK;
  if (role.startsWith('PANWASCAM_')) return GENERATOR_TERMS.PANWASCAM;
  if (role === 'PKD') return GENERATOR_TERMS.PKD;
  return GENERATOR_TERMS.PANTARLIH;
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** Yields CSV text chunks (header first), about 1 MB each. */
export function* generateRoster(opts: GeneratorOptions): Generator<string> {
  const rnd = prng(opts.seed);
  const event = opts.event ?? 'PEMILU_2024';
  const gaps = (opts.gapRegions ?? []).map((g) => g.trim().replace(/\./g, ''));
  const filtered = !!opts.regions?.length;
  const regencies = generatorRegencies(opts.regions);
  const rowsPerKec = GENERATOR_ROWS_PER_KECAMATAN;
  // without a filter: the same number of kecamatan in every kab/kota, filled in code order until `rows`
  // with a filter: `rows` split evenly among the chosen kab/kota (quota), each filled kecamatan by kecamatan
  const quotaOf = (ri: number) =>
    Math.floor(opts.rows / regencies.length) + (ri < opts.rows % regencies.length ? 1 : 0);
  if (filtered && quotaOf(0) > MAX_KEC_PER_REGENCY * rowsPerKec)
    throw new Error(
      `at most ${MAX_KEC_PER_REGENCY * rowsPerKec * regencies.length} rows fit in the chosen regions ` +
        `(${regencies.length} kab/kota × ${MAX_KEC_PER_REGENCY} kecamatan × ${rowsPerKec})`,
    );
  const kecPerRegencyAll = Math.max(1, Math.min(60, Math.ceil(opts.rows / rowsPerKec / regencies.length)));
  let emitted = 0;
  let limit = opts.rows;
  let buf = ROSTER_COLUMNS.join(',') + '\n';
  let kpj = 0;

  const emit = (kec: string, region: string, role: Role, tps: number | null, serial: number, org: string) => {
    const female = rnd() < 0.5;
    const year = 1960 + Math.floor(rnd() * 46); // 18–64 on voting day
    const month = 1 + Math.floor(rnd() * 12);
    const day = 1 + Math.floor(rnd() * 28);
    const nik = kec + pad(day + (female ? 40 : 0), 2) + pad(month, 2) + pad(year % 100, 2) + pad(serial, 4);
    const name = `${GIVEN[Math.floor(rnd() * GIVEN.length)]} ${FAMILY[Math.floor(rnd() * FAMILY.length)]}`;
    const phone = `08${pad(Math.floor(rnd() * 1e10), 10)}`;
    const term = termOf(role);
    const hon = HONORARIA_PEMILU_2024.amounts[role] ?? 0;
    const regency = region.slice(0, 4);
    const sk = `${org === 'KPU' ? 'KPU' : 'BWS'}-${regency}/${role.includes('KPPS') || role === 'LINMAS' ? 'KPPS' : role}/2024`;
    const gap = gaps.some((g) => region.startsWith(g));
    let cov = ',,,,,,,,,,';
    if (!gap) {
      kpj++;
      const fund = 'APBD';
      cov = `${24_000_000_000 + kpj},JKK+JKM,${term.start},${term.end},${hon},HONORARIUM,PU,${fund},PAID,PKS/${org}/${regency}/${event},BPJS TK Cabang ${regency}`;
    }
    buf += `${nik},${name},${female ? 'P' : 'L'},${year}-${pad(month, 2)}-${pad(day, 2)},${phone},${org},${role},${region},${tps ?? ''},${event},${sk},${term.start},${term.end},${hon},${cov}\n`;
    emitted++;
  };

  outer: for (;;) {
    for (let ri = 0; ri < regencies.length; ri++) {
      const regency = regencies[ri];
      let kecPerRegency = kecPerRegencyAll;
      if (filtered) {
        const quota = quotaOf(ri);
        if (quota === 0) break;
        limit = emitted + quota;
        kecPerRegency = Math.ceil(quota / rowsPerKec);
      }
      regency: for (let k = 1; k <= kecPerRegency; k++) {
        const kec = regency + pad(k, 2);
        let serial = 0;
        const roles: [Role, number, string][] = [
          ['PPK_KETUA', 1, 'KPU'],
          ['PPK_ANGGOTA', 4, 'KPU'],
          ['PANWASCAM_KETUA', 1, 'BAWASLU'],
          ['PANWASCAM_ANGGOTA', 2, 'BAWASLU'],
        ];
        for (const [role, n, org] of roles)
          for (let i = 0; i < n; i++) {
            emit(kec, kec, role, null, ++serial, org);
            if (emitted >= limit) break regency;
          }
        for (let v = 1; v <= 12; v++) {
          const desa = kec + pad(2000 + v, 4);
          const desaRoles: [Role, number, string][] = [
            ['PPS_KETUA', 1, 'KPU'],
            ['PPS_ANGGOTA', 2, 'KPU'],
            ['PANTARLIH', 1, 'KPU'],
            ['PKD', 1, 'BAWASLU'],
          ];
          for (const [role, n, org] of desaRoles)
            for (let i = 0; i < n; i++) {
              emit(kec, desa, role, null, ++serial, org);
              if (emitted >= limit) break regency;
            }
          for (let t = 1; t <= 10; t++) {
            const tpsRoles: [Role, number, string][] = [
              ['KPPS_KETUA', 1, 'KPU'],
              ['KPPS_ANGGOTA', 6, 'KPU'],
              ['LINMAS', 2, 'KPU'],
              ['PTPS', 1, 'BAWASLU'],
            ];
            for (const [role, n, org] of tpsRoles)
              for (let i = 0; i < n; i++) {
                emit(kec, desa, role, t, ++serial, org);
                if (emitted >= limit) break regency;
              }
          }
          if (buf.length >= 1 << 20) {
            yield buf;
            buf = '';
          }
        }
      }
      if (emitted >= opts.rows) break outer;
    }
    break;
  }
  if (buf) yield buf;
}
