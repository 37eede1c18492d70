import { createHash } from 'node:crypto';
import { isValidNik } from '@sigap/domain';
import { ROSTER_COLUMNS } from './columns';
import {
  generateRoster,
  GENERATOR_ROWS_PER_KECAMATAN,
  generatorRegencies,
  type GeneratorOptions,
} from './generator';

type Row = Record<(typeof ROSTER_COLUMNS)[number], string>;

const text = (opts: GeneratorOptions) => [...generateRoster(opts)].join('');
/** The generator writes no quotes and no commas inside fields (names are "Given Family"). */
function rows(opts: GeneratorOptions): Row[] {
  const [header, ...lines] = text(opts).trimEnd().split('\n');
  expect(header).toBe(ROSTER_COLUMNS.join(','));
  return lines.map((l) => {
    const f = l.split(',');
    if (f.length !== ROSTER_COLUMNS.length) throw new Error(`${f.length} fields: ${l}`);
    return Object.fromEntries(ROSTER_COLUMNS.map((c, i) => [c, f[i]])) as Row;
  });
}
const countBy = <T>(xs: T[], key: (x: T) => string) => {
  const m: Record<string, number> = {};
  for (const x of xs) m[key(x)] = (m[key(x)] ?? 0) + 1;
  return m;
};

describe('roster generator', () => {
  it('without a region filter, its output is unchanged (benchmarks and tests rely on the same bytes)', () => {
    const sha = createHash('sha256').update(text({ rows: 3000, seed: 7, gapRegions: ['1102'] })).digest('hex');
    expect(sha).toBe('ce908aefacf6c9a3e5029f9183ed9d7c66e69ad48b12594fc33f1754f61fb7eb');
  });

  describe('region filter', () => {
    const opts: GeneratorOptions = { rows: 4000, seed: 1, regions: ['3273', '32.04'], gapRegions: ['327301'] };

    it('generates only rows in the chosen kab/kota, split evenly among them, with valid NIKs of the same kecamatan', () => {
      const rs = rows(opts);
      expect(rs).toHaveLength(4000);
      const wrong = rs.filter(
        (r) =>
          !['3204', '3273'].includes(r.region_code.slice(0, 4)) ||
          r.nik.slice(0, 6) !== r.region_code.slice(0, 6) ||
          !isValidNik(r.nik, r.term_start),
      );
      expect(wrong).toEqual([]);
      expect(countBy(rs, (r) => r.region_code.slice(0, 4))).toEqual({ '3204': 2000, '3273': 2000 });
      expect(new Set(rs.map((r) => `${r.nik}|${r.role}`)).size).toBe(rs.length);
    });

    it('a province code takes every kab/kota of it; an odd count gives the first ones one row more', () => {
      const jabar = generatorRegencies(['32']);
      expect(jabar).toContain('3204');
      expect(jabar).toContain('3273');
      expect(jabar.every((c) => c.startsWith('32'))).toBe(true);
      const rs = rows({ rows: 27 * 10 + 3, seed: 2, regions: ['32'] });
      const per = countBy(rs, (r) => r.region_code.slice(0, 4));
      expect(Object.keys(per).sort()).toEqual([...jabar].sort());
      expect(jabar.map((c) => per[c])).toEqual(jabar.map((_, i) => (i < 3 ? 11 : 10)));
    });

    it('is deterministic: the same seed gives the same bytes, another seed other people', () => {
      const a = text(opts);
      expect(text(opts)).toBe(a);
      expect(text({ ...opts, regions: ['32.04', '3273'] })).toBe(a); // order and dots of the filter do not matter
      expect(text({ ...opts, seed: 2 })).not.toBe(a);
    });

    it('keeps the proportions: per kecamatan 5 PPK + 3 Panwascam, per desa 3 PPS + PKD + Pantarlih, per TPS 7 KPPS + 2 Linmas + PTPS', () => {
      const rs = rows({ rows: 2 * GENERATOR_ROWS_PER_KECAMATAN, seed: 3, regions: ['3273', '3204'] });
      const kec = new Set(rs.map((r) => r.region_code.slice(0, 6)));
      const desa = new Set(rs.filter((r) => r.region_code.length === 10).map((r) => r.region_code));
      const tps = new Set(rs.filter((r) => r.tps_number).map((r) => `${r.region_code}/${r.tps_number}`));
      expect([kec.size, desa.size, tps.size]).toEqual([2, 24, 240]);
      const n = countBy(rs, (r) => r.role);
      expect(n).toEqual({
        PPK_KETUA: 2,
        PPK_ANGGOTA: 8,
        PANWASCAM_KETUA: 2,
        PANWASCAM_ANGGOTA: 4,
        PPS_KETUA: 24,
        PPS_ANGGOTA: 48,
        PANTARLIH: 24,
        PKD: 24,
        KPPS_KETUA: 240,
        KPPS_ANGGOTA: 1440,
        LINMAS: 480,
        PTPS: 240,
      });
      // every TPS has its 7 KPPS, 2 Linmas and 1 PTPS
      const perTps = countBy(
        rs.filter((r) => r.tps_number),
        (r) => `${r.region_code}/${r.tps_number}`,
      );
      expect(new Set(Object.values(perTps))).toEqual(new Set([10]));
    });

    it('leaves the gap regions uncovered and covers everybody else', () => {
      const rs = rows({ ...opts, gapRegions: ['327301', '3204012002'] });
      const covered = (r: Row) => r.participant_number !== '';
      const wrong = rs.filter((r) => {
        const gap = r.region_code.startsWith('327301') || r.region_code.startsWith('3204012002');
        if (gap) return covered(r) || r.programs + r.coverage_start + r.segment + r.pks_number !== '';
        return [r.programs, r.coverage_start, r.coverage_end].join() !== ['JKK+JKM', r.term_start, r.term_end].join();
      });
      expect(wrong).toEqual([]);
      const c = countBy(rs, (r) => `${r.region_code.slice(0, 4)}:${covered(r)}`);
      expect(c['3273:false']).toBe(GENERATOR_ROWS_PER_KECAMATAN); // kecamatan 01 of Kota Bandung
      expect(c['3273:true']).toBe(2000 - GENERATOR_ROWS_PER_KECAMATAN);
      expect(c['3204:false']).toBe(5 + 100); // one desa of Kab. Bandung
    });

    it('refuses codes that are not a province or kab/kota, unknown regions and more rows than the regions hold', () => {
      expect(() => text({ rows: 10, seed: 1, regions: ['327301'] })).toThrow(/province \(32\) or kab\/kota/);
      expect(() => text({ rows: 10, seed: 1, regions: ['3299'] })).toThrow(/no such province or kab\/kota/);
      expect(() => text({ rows: 10, seed: 1, regions: ['99'] })).toThrow(/no such/);
      expect(() => text({ rows: 99 * GENERATOR_ROWS_PER_KECAMATAN + 1, seed: 1, regions: ['3273'] })).toThrow(
        /at most 125532 rows fit/,
      );
      const full = text({ rows: 99 * GENERATOR_ROWS_PER_KECAMATAN, seed: 1, regions: ['3273'] }).trimEnd();
      expect(full.slice(full.lastIndexOf('\n') + 1).split(',')[7]).toMatch(/^327399/);
    });
  });
});
