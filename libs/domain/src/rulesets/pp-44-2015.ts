import { jt, rupiah } from '../money';
import type { RuleSet } from './types';

/**
 * PP 44/2015 (Penyelenggaraan Program JKK dan JKM), in force from 2015-07-01, as originally enacted.
 * Source: facts.md §0–§2 (pasal.id PP 44/2015; jamsosindonesia.com; kompas.com / harianjogja 2019-12-23
 * for the "before PP 82/2019" figures).
 */
export const PP_44_2015: RuleSet = {
  id: 'PP_44_2015',
  name: 'PP 44/2015',
  effectiveFrom: '2015-07-01',
  legalBasis: 'PP 44/2015 (LNRI 2015 No. 154), in force 1 Jul 2015',
  jkm: {
    lumpSum: { amount: jt(16.2), legalBasis: 'PP 44/2015 Pasal 34', confidence: 'HIGH' },
    periodic: {
      monthlyAmount: rupiah(200_000),
      months: 24,
      legalBasis: 'PP 44/2015 Pasal 34 (24 × Rp200.000 = Rp4.800.000)',
      confidence: 'HIGH',
    },
    funeral: { amount: jt(3), legalBasis: 'PP 44/2015 Pasal 34', confidence: 'HIGH' },
    scholarship: {
      kind: 'FLAT',
      amount: jt(12),
      maxChildren: 1,
      jkmMinContributionMonths: 60,
      maxAgeExclusive: 23,
      legalBasis: 'PP 44/2015 Pasal 34 (beasiswa Rp12 juta, 1 anak, masa iur min. 5 tahun)',
      confidence: 'HIGH',
    },
  },
  jkk: {
    death: {
      percentBps: 6000,
      times: 80,
      legalBasis: 'PP 44/2015 Pasal 25 & Lampiran (60% × 80 × upah)',
      confidence: 'HIGH',
    },
    totalDisability: {
      percentBps: 7000,
      times: 80,
      legalBasis: 'PP 44/2015 Pasal 25 & Lampiran (70% × 80 × upah)',
      confidence: 'MED',
    },
    partialDisability: {
      percentBps: 10000,
      times: 80,
      legalBasis: 'PP 44/2015 Pasal 25 & Lampiran (% tabel × 80 × upah)',
      confidence: 'HIGH',
    },
    funeral: { amount: jt(3), legalBasis: 'PP 44/2015 Pasal 25 & Lampiran', confidence: 'HIGH' },
    // facts.md confirms Rp4.8 juta (24 × Rp200.000) as the pre-PP 82 santunan berkala for JKM; PP 44/2015 used the
    // same santunan berkala for JKK death and total disability (derived, MED).
    periodic: {
      monthlyAmount: rupiah(200_000),
      months: 24,
      legalBasis: 'PP 44/2015 Pasal 25 & Lampiran (24 × Rp200.000)',
      confidence: 'MED',
    },
    scholarship: {
      kind: 'FLAT',
      amount: jt(12),
      maxChildren: 1,
      jkmMinContributionMonths: 0,
      maxAgeExclusive: 23,
      legalBasis: 'PP 44/2015 Pasal 25 & Lampiran (beasiswa Rp12 juta, 1 anak; JKK tanpa masa iur minimum)',
      confidence: 'MED',
    },
    transportCaps: {
      LAND: {
        amount: jt(1),
        legalBasis: 'PP 44/2015 Lampiran (angkutan darat/sungai/danau maks. Rp1 juta)',
        confidence: 'MED',
      },
      SEA: {
        amount: jt(1.5),
        legalBasis: 'PP 44/2015 Lampiran (angkutan laut maks. Rp1,5 juta)',
        confidence: 'MED',
      },
      AIR: {
        amount: jt(2.5),
        legalBasis: 'PP 44/2015 Lampiran (angkutan udara maks. Rp2,5 juta)',
        confidence: 'MED',
      },
    },
    homeCare: null,
    stmb: {
      phases: [
        { months: 6, rateBps: 10000 },
        { months: 6, rateBps: 7500 },
        { months: null, rateBps: 5000 },
      ],
      daysPerMonth: 30,
      legalBasis: 'PP 44/2015 Pasal 25 & Lampiran (STMB 6 bln 100%, 6 bln 75%, seterusnya 50%)',
      confidence: 'MED',
    },
    claimExpiryYears: 2,
    claimExpiryLegalBasis: 'PP 44/2015 Pasal 26 (hak menuntut manfaat JKK gugur setelah 2 tahun)',
    medicalLegalBasis: 'PP 44/2015 Pasal 25; Permenaker 44/2015 Pasal 12 (perawatan sesuai kebutuhan medis)',
  },
};
