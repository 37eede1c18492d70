/**
 * Indonesian national holidays (hari libur nasional) and collective leave (cuti bersama), as data.
 * Each year cites its SKB 3 Menteri (Menteri Agama, Menteri Ketenagakerjaan, Menteri PANRB) and any amendment
 * or Keppres. A year not listed here is NOT assumed to have no holidays: the calendar throws for it.
 */
import type { IsoDate } from '../date';
import type { Bilingual } from '../rulesets/types';

export interface Holiday {
  date: IsoDate;
  kind: 'NATIONAL_HOLIDAY' | 'CUTI_BERSAMA';
  name: Bilingual;
  legalBasis: string;
}

export interface HolidayYear {
  year: number;
  legalBasis: string;
  holidays: readonly Holiday[];
}

function year(
  y: number,
  basis: string,
  rows: readonly [string, 'N' | 'C', string, string, string?][],
): HolidayYear {
  return {
    year: y,
    legalBasis: basis,
    holidays: rows.map(([md, k, id, en, own]) => ({
      date: `${y}-${md}`,
      kind: k === 'N' ? 'NATIONAL_HOLIDAY' : 'CUTI_BERSAMA',
      name: { id, en },
      legalBasis: own ?? basis,
    })),
  };
}

const SKB_2024 =
  'SKB Menag, Menaker, MenPANRB No. 855/2023, 3/2023, 4/2023 as amended by No. 236/2024, 1/2024, 2/2024';
const SKB_2025 =
  'SKB Menag, Menaker, MenPANRB No. 1017/2024, 2/2024, 2/2024 as amended by No. 933/2025, 1/2025, 3/2025';
const SKB_2026 = 'SKB Menag, Menaker, MenPANRB No. 1497/2025, 2/2025, 5/2025';

export const HOLIDAY_DATA: readonly HolidayYear[] = [
  year(2024, SKB_2024, [
    ['01-01', 'N', 'Tahun Baru 2024 Masehi', "New Year's Day"],
    ['02-08', 'N', 'Isra Mikraj Nabi Muhammad SAW', 'Isra Miraj'],
    ['02-09', 'C', 'Cuti bersama Tahun Baru Imlek', 'Chinese New Year collective leave'],
    ['02-10', 'N', 'Tahun Baru Imlek 2575 Kongzili', 'Chinese New Year'],
    [
      '02-14',
      'N',
      'Hari pemungutan suara Pemilu 2024',
      'Election (Pemilu) voting day',
      'UU 7/2017 Pasal 167(3); Keppres on the 2024 Pemilu voting day as a national holiday (number to verify)',
    ],
    ['03-11', 'N', 'Hari Suci Nyepi Tahun Baru Saka 1946', 'Nyepi'],
    ['03-12', 'C', 'Cuti bersama Hari Suci Nyepi', 'Nyepi collective leave'],
    ['03-29', 'N', 'Wafat Isa Almasih', 'Good Friday'],
    ['03-31', 'N', 'Hari Paskah', 'Easter Sunday'],
    ['04-08', 'C', 'Cuti bersama Idul Fitri 1445 H', 'Eid al-Fitr collective leave'],
    ['04-09', 'C', 'Cuti bersama Idul Fitri 1445 H', 'Eid al-Fitr collective leave'],
    ['04-10', 'N', 'Hari Raya Idul Fitri 1445 H', 'Eid al-Fitr'],
    ['04-11', 'N', 'Hari Raya Idul Fitri 1445 H', 'Eid al-Fitr'],
    ['04-12', 'C', 'Cuti bersama Idul Fitri 1445 H', 'Eid al-Fitr collective leave'],
    ['04-15', 'C', 'Cuti bersama Idul Fitri 1445 H', 'Eid al-Fitr collective leave'],
    ['05-01', 'N', 'Hari Buruh Internasional', 'Labour Day'],
    ['05-09', 'N', 'Kenaikan Isa Almasih', 'Ascension Day'],
    ['05-10', 'C', 'Cuti bersama Kenaikan Isa Almasih', 'Ascension Day collective leave'],
    ['05-23', 'N', 'Hari Raya Waisak 2568 BE', 'Vesak'],
    ['05-24', 'C', 'Cuti bersama Hari Raya Waisak', 'Vesak collective leave'],
    ['06-01', 'N', 'Hari Lahir Pancasila', 'Pancasila Day'],
    ['06-17', 'N', 'Hari Raya Idul Adha 1445 H', 'Eid al-Adha'],
    ['06-18', 'C', 'Cuti bersama Idul Adha 1445 H', 'Eid al-Adha collective leave'],
    ['07-07', 'N', 'Tahun Baru Islam 1446 H', 'Islamic New Year'],
    ['08-17', 'N', 'Hari Kemerdekaan RI', 'Independence Day'],
    ['09-16', 'N', 'Maulid Nabi Muhammad SAW', "Prophet's Birthday"],
    [
      '11-27',
      'N',
      'Hari pemungutan suara Pilkada serentak 2024',
      'Regional election (Pilkada) voting day',
      'Keppres 33/2024 (21 Nov 2024); UU 1/2015 Pasal 84 as amended',
    ],
    ['12-25', 'N', 'Hari Raya Natal', 'Christmas Day'],
    ['12-26', 'C', 'Cuti bersama Hari Raya Natal', 'Christmas collective leave'],
  ]),
  year(2025, SKB_2025, [
    ['01-01', 'N', 'Tahun Baru 2025 Masehi', "New Year's Day"],
    ['01-27', 'N', 'Isra Mikraj Nabi Muhammad SAW', 'Isra Miraj'],
    ['01-28', 'C', 'Cuti bersama Tahun Baru Imlek', 'Chinese New Year collective leave'],
    ['01-29', 'N', 'Tahun Baru Imlek 2576 Kongzili', 'Chinese New Year'],
    ['03-28', 'C', 'Cuti bersama Hari Suci Nyepi', 'Nyepi collective leave'],
    ['03-29', 'N', 'Hari Suci Nyepi Tahun Baru Saka 1947', 'Nyepi'],
    ['03-31', 'N', 'Idul Fitri 1446 H', 'Eid al-Fitr'],
    ['04-01', 'N', 'Idul Fitri 1446 H', 'Eid al-Fitr'],
    ['04-02', 'C', 'Cuti bersama Idul Fitri 1446 H', 'Eid al-Fitr collective leave'],
    ['04-03', 'C', 'Cuti bersama Idul Fitri 1446 H', 'Eid al-Fitr collective leave'],
    ['04-04', 'C', 'Cuti bersama Idul Fitri 1446 H', 'Eid al-Fitr collective leave'],
    ['04-07', 'C', 'Cuti bersama Idul Fitri 1446 H', 'Eid al-Fitr collective leave'],
    ['04-18', 'N', 'Wafat Yesus Kristus', 'Good Friday'],
    ['04-20', 'N', 'Kebangkitan Yesus Kristus (Paskah)', 'Easter Sunday'],
    ['05-01', 'N', 'Hari Buruh Internasional', 'Labour Day'],
    ['05-12', 'N', 'Hari Raya Waisak 2569 BE', 'Vesak'],
    ['05-13', 'C', 'Cuti bersama Hari Raya Waisak', 'Vesak collective leave'],
    ['05-29', 'N', 'Kenaikan Yesus Kristus', 'Ascension Day'],
    ['05-30', 'C', 'Cuti bersama Kenaikan Yesus Kristus', 'Ascension Day collective leave'],
    ['06-01', 'N', 'Hari Lahir Pancasila', 'Pancasila Day'],
    ['06-06', 'N', 'Idul Adha 1446 H', 'Eid al-Adha'],
    ['06-09', 'C', 'Cuti bersama Idul Adha 1446 H', 'Eid al-Adha collective leave'],
    ['06-27', 'N', '1 Muharam Tahun Baru Islam 1447 H', 'Islamic New Year'],
    ['08-17', 'N', 'Proklamasi Kemerdekaan', 'Independence Day'],
    [
      '08-18',
      'C',
      'Cuti bersama Proklamasi Kemerdekaan (HUT ke-80 RI)',
      'Independence Day collective leave (80th anniversary)',
      'SKB No. 933/2025, 1/2025, 3/2025 (7 Aug 2025)',
    ],
    ['09-05', 'N', 'Maulid Nabi Muhammad SAW', "Prophet's Birthday"],
    ['12-25', 'N', 'Kelahiran Yesus Kristus', 'Christmas Day'],
    ['12-26', 'C', 'Cuti bersama Kelahiran Yesus Kristus', 'Christmas collective leave'],
  ]),
  year(2026, SKB_2026, [
    ['01-01', 'N', 'Tahun Baru 2026 Masehi', "New Year's Day"],
    ['01-16', 'N', 'Isra Mikraj Nabi Muhammad SAW', 'Isra Miraj'],
    ['02-16', 'C', 'Cuti bersama Tahun Baru Imlek', 'Chinese New Year collective leave'],
    ['02-17', 'N', 'Tahun Baru Imlek 2577 Kongzili', 'Chinese New Year'],
    ['03-18', 'C', 'Cuti bersama Hari Suci Nyepi', 'Nyepi collective leave'],
    ['03-19', 'N', 'Hari Suci Nyepi Tahun Baru Saka 1948', 'Nyepi'],
    ['03-20', 'C', 'Cuti bersama Idul Fitri 1447 H', 'Eid al-Fitr collective leave'],
    ['03-21', 'N', 'Idul Fitri 1447 H', 'Eid al-Fitr'],
    ['03-22', 'N', 'Idul Fitri 1447 H', 'Eid al-Fitr'],
    ['03-23', 'C', 'Cuti bersama Idul Fitri 1447 H', 'Eid al-Fitr collective leave'],
    ['03-24', 'C', 'Cuti bersama Idul Fitri 1447 H', 'Eid al-Fitr collective leave'],
    ['04-03', 'N', 'Wafat Yesus Kristus', 'Good Friday'],
    ['04-05', 'N', 'Kebangkitan Yesus Kristus (Paskah)', 'Easter Sunday'],
    ['05-01', 'N', 'Hari Buruh Internasional', 'Labour Day'],
    ['05-14', 'N', 'Kenaikan Yesus Kristus', 'Ascension Day'],
    ['05-15', 'C', 'Cuti bersama Kenaikan Yesus Kristus', 'Ascension Day collective leave'],
    ['05-27', 'N', 'Idul Adha 1447 H', 'Eid al-Adha'],
    ['05-28', 'C', 'Cuti bersama Idul Adha 1447 H', 'Eid al-Adha collective leave'],
    ['05-31', 'N', 'Hari Raya Waisak 2570 BE', 'Vesak'],
    ['06-01', 'N', 'Hari Lahir Pancasila', 'Pancasila Day'],
    ['06-16', 'N', '1 Muharam Tahun Baru Islam 1448 H', 'Islamic New Year'],
    ['08-17', 'N', 'Proklamasi Kemerdekaan', 'Independence Day'],
    ['08-25', 'N', 'Maulid Nabi Muhammad SAW', "Prophet's Birthday"],
    ['12-24', 'C', 'Cuti bersama Kelahiran Yesus Kristus', 'Christmas collective leave'],
    ['12-25', 'N', 'Kelahiran Yesus Kristus', 'Christmas Day'],
  ]),
];
