import { jt, rupiah } from '../money';
import type { RuleSet } from './types';

/**
 * PP 82/2019 amending PP 44/2015; set 29 Nov 2019, promulgated and in force 2 Dec 2019 (LNRI 2019 No. 231).
 * Source: facts.md §0–§2 (kompas.com / harianjogja 2019-12-23; star.grid.id; BPJAMSOSTEK PP82 poster; detik d-5759152).
 */
export const PP_82_2019: RuleSet = {
  id: 'PP_82_2019',
  name: 'PP 82/2019',
  effectiveFrom: '2019-12-02',
  legalBasis: 'PP 82/2019 amending PP 44/2015 (LNRI 2019 No. 231), in force 2 Dec 2019',
  jkm: {
    lumpSum: {
      amount: jt(20),
      legalBasis: 'PP 44/2015 Pasal 34 as amended by PP 82/2019',
      confidence: 'HIGH',
    },
    periodic: {
      monthlyAmount: rupiah(500_000),
      months: 24,
      legalBasis: 'PP 44/2015 Pasal 34 as amended by PP 82/2019 (24 × Rp500.000 paid at once)',
      confidence: 'HIGH',
    },
    funeral: {
      amount: jt(10),
      legalBasis: 'PP 44/2015 Pasal 34 as amended by PP 82/2019',
      confidence: 'HIGH',
    },
    scholarship: {
      kind: 'PER_LEVEL',
      levels: {
        TK: { annualAmount: jt(1.5), maxYears: 2 },
        SD: { annualAmount: jt(1.5), maxYears: 6 },
        SMP: { annualAmount: jt(2), maxYears: 3 },
        SMA: { annualAmount: jt(3), maxYears: 3 },
        HIGHER_ED: { annualAmount: jt(12), maxYears: 5 },
      },
      combinedMaxYears: [{ levels: ['TK', 'SD'], maxYears: 8 }],
      maxChildren: 2,
      totalCap: jt(174),
      jkmMinContributionMonths: 36,
      maxAgeExclusive: 23,
      legalBasis:
        'PP 44/2015 Pasal 34 as amended by PP 82/2019 (beasiswa maks. 2 anak, masa iur min. 3 tahun)',
      confidence: 'HIGH',
    },
  },
  jkk: {
    death: {
      percentBps: 6000,
      times: 80,
      legalBasis:
        'PP 44/2015 Pasal 25 & Lampiran as amended by PP 82/2019 (60% × 80 × upah, paling sedikit santunan kematian JKM)',
      confidence: 'HIGH',
    },
    totalDisability: {
      percentBps: 7000,
      times: 80,
      legalBasis: 'PP 44/2015 Pasal 25 & Lampiran as amended by PP 82/2019 (70% × 80 × upah = 56 × upah)',
      confidence: 'MED',
    },
    partialDisability: {
      percentBps: 10000,
      times: 80,
      legalBasis: 'PP 44/2015 Pasal 25 & Lampiran as amended by PP 82/2019 (% tabel × 80 × upah)',
      confidence: 'HIGH',
    },
    funeral: {
      amount: jt(10),
      legalBasis: 'PP 44/2015 Pasal 25 as amended by PP 82/2019',
      confidence: 'HIGH',
    },
    periodic: {
      monthlyAmount: rupiah(500_000),
      months: 24,
      legalBasis: 'PP 44/2015 Pasal 25 as amended by PP 82/2019 (24 × Rp500.000 paid at once)',
      confidence: 'HIGH',
    },
    scholarship: {
      kind: 'PER_LEVEL',
      levels: {
        TK: { annualAmount: jt(1.5), maxYears: 2 },
        SD: { annualAmount: jt(1.5), maxYears: 6 },
        SMP: { annualAmount: jt(2), maxYears: 3 },
        SMA: { annualAmount: jt(3), maxYears: 3 },
        HIGHER_ED: { annualAmount: jt(12), maxYears: 5 },
      },
      combinedMaxYears: [{ levels: ['TK', 'SD'], maxYears: 8 }],
      maxChildren: 2,
      totalCap: jt(174),
      jkmMinContributionMonths: 0,
      maxAgeExclusive: 23,
      legalBasis:
        'PP 44/2015 Pasal 25 as amended by PP 82/2019 (beasiswa JKK: meninggal/cacat total tetap, tanpa masa iur minimum)',
      confidence: 'MED',
    },
    transportCaps: {
      LAND: {
        amount: jt(5),
        legalBasis: 'PP 82/2019 Lampiran (angkutan darat/sungai/danau maks. Rp5 juta)',
        confidence: 'MED',
      },
      SEA: {
        amount: jt(2),
        legalBasis: 'PP 82/2019 Lampiran (angkutan laut maks. Rp2 juta)',
        confidence: 'MED',
      },
      AIR: {
        amount: jt(10),
        legalBasis: 'PP 82/2019 Lampiran (angkutan udara maks. Rp10 juta)',
        confidence: 'MED',
      },
    },
    homeCare: {
      cap: jt(20),
      maxDurationMonths: 12,
      legalBasis: 'PP 82/2019 amending PP 44/2015 Pasal 25 (homecare maks. Rp20 juta, paling lama 1 tahun)',
      confidence: 'MED',
    },
    stmb: {
      phases: [
        { months: 12, rateBps: 10000 },
        { months: null, rateBps: 5000 },
      ],
      daysPerMonth: 30,
      legalBasis: 'PP 44/2015 Lampiran as amended by PP 82/2019 (STMB 12 bln 100%, seterusnya 50%)',
      confidence: 'MED',
    },
    claimExpiryYears: 5,
    claimExpiryLegalBasis: 'PP 44/2015 Pasal 26 as amended by PP 82/2019 (hak gugur setelah 5 tahun)',
    medicalLegalBasis:
      'PP 44/2015 Pasal 25 as amended by PP 82/2019; Permenaker 44/2015 Pasal 12 (sesuai kebutuhan medis, tanpa batas biaya)',
  },
};
