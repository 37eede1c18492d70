import fc from 'fast-check';
import { matchPayeeName, payeeNameParts } from './name-match';

const m = (a: string, b: string) => matchPayeeName(a, b).match;

describe('payeeNameParts', () => {
  it.each([
    ['SITI AMINAH', ['siti', 'aminah']],
    ['Hj. Siti Aminah, S.Pd.', ['siti', 'aminah']],
    ['  siti   aminah  ', ['siti', 'aminah']],
    ['Drs. H. Ahmad Yani, M.Si.', ['ahmad', 'yani']],
    ['Dr.H.Ahmad', ['ahmad']],
    ['Prof. Dr. Ir. Budi Santoso, M.M.', ['budi', 'santoso']],
    ['dr. Ratna Dewi, Sp.A', ['ratna', 'dewi', 'a']],
    ['Bapak Joko Widodo', ['yoko', 'widodo']],
    ['Bpk. Djoko Widodo', ['yoko', 'widodo']],
    ['Ibu Sri Mulyani', ['sri', 'mulyani']],
    ['Sdri. Nurul Hidayah, Amd.', ['nur', 'hidayah']],
    ['Alm. Soekarno', ['sukarno']],
    ['Almh. Hajjah Fatimah', ['fatimah']],
    ['Ir. Tjahjo Kumolo, S.H., S.E.', ['cahyo', 'kumolo']],
    ['Sjamsul Bachri', ['syamsul', 'bakhri']],
    ['MOCH. RIDWAN', ['muhammad', 'ridwan']],
    ['M. Ridwan', ['m', 'ridwan']],
    ['M.Ridwan', ['m', 'ridwan']],
    ['St. Aminah', ['siti', 'aminah']],
    ['Siti Aminah, ST', ['siti', 'aminah']],
    ['Siti Aminah S.T.', ['siti', 'aminah']],
    ['Abd. Rahman', ['abdul', 'rahman']],
    ['Abdoel Rachman', ['abdul', 'rakhman']],
    ['Ahmad bin Yusuf', ['ahmad', 'yusuf']],
    ["Ma'ruf Amin", ['maruf', 'amin']],
    ['Nur-Aini', ['nur', 'aini']],
    ['André Ramadhan', ['andre', 'ramadan']],
    ['Hassan', ['hasan']],
    ['Budi H.', ['budi', 'h']],
    ['H', []],
    ['', []],
    ['S.Pd., M.Si.', []],
  ])('%j → %j', (name, parts) => {
    expect(payeeNameParts(name)).toEqual(parts);
  });
});

describe('matchPayeeName', () => {
  it.each([
    // the brief's examples
    ['SITI AMINAH', 'Hj. Siti Aminah, S.Pd.'],
    ['M RIDWAN', 'Muhammad Ridwan'],
    // titles, case, punctuation, spaces
    ['SITI AMINAH SPD', 'Siti Aminah'],
    ['HJ SITI AMINAH', 'siti aminah'],
    ['DRS H AHMAD YANI MSI', 'Ahmad Yani'],
    ['BUDI SANTOSO', 'Bapak Budi Santoso, S.E.'],
    ['IBU SRI MULYANI', 'Sri Mulyani'],
    ['SITI AMINAH', 'Almh. Siti Aminah'],
    // old and new spelling
    ['YUSUF KALLA', 'Jusuf Kalla'],
    ['SUKARNO', 'Soekarno'],
    ['JOKO SUSILO', 'Djoko Soesilo'],
    ['CAHYO KUMOLO', 'Tjahjo Kumolo'],
    ['SYAMSUL BAHRI', 'Sjamsul Bahri'],
    ['KHAIRUL ANWAR', 'Chairul Anwar'],
    ['RAMADAN SAPUTRA', 'Ramadhan Saputra'],
    // variants and abbreviations
    ['MOHAMAD RIDWAN', 'Muhammad Ridwan'],
    ['MOCHAMAD RIDWAN', 'Muhammad Ridwan'],
    ['MOCH RIDWAN', 'Muhammad Ridwan'],
    ['MUH RIDWAN', 'Mohammad Ridwan'],
    ['MOH. RIDWAN', 'Muhamad Ridwan'],
    ['ST AMINAH', 'Siti Aminah'],
    ['NOOR HIDAYAH', 'Nurul Hidayah'],
    ['ABD RAHMAN', 'Abdul Rahman'],
    ['ACHMAD DAHLAN', 'Ahmad Dahlan'],
    ['AKHMAD DAHLAN', 'Achmad Dahlan'],
    ['HASAN BASRI', 'Hassan Basri'],
    // initials and shorter names, in order
    ['S AMINAH', 'Siti Aminah'],
    ['BUDI SANTOSO', 'Budi Santoso Wibowo'],
    ['RIDWAN', 'Muhammad Ridwan'],
    ['M RIDWAN K', 'Muhammad Ridwan Kamil'],
    ['NUR', 'Nur'],
    ['SITI', 'Siti'],
  ])('%j vs %j → MATCH', (bank, expected) => {
    expect(m(bank, expected)).toBe('MATCH');
    expect(m(expected, bank)).toBe('MATCH');
  });

  it.each([
    ['BUDI SANTOSO', 'Siti Aminah'],
    ['BUKAN PEMILIK', 'Siti Aminah'],
    ['SITI RAHAYU', 'Siti Aminah'],
    ['M RIDWAN', 'Muhammad Rizky'],
    ['AHMAD YANI', 'Ahmad Dahlan'],
    // in order only
    ['AMINAH SITI', 'Siti Aminah'],
    // initials alone are not enough
    ['M R', 'Muhammad Ridwan'],
    ['S', 'Siti'],
    // a common first name alone is not enough
    ['SITI', 'Siti Aminah'],
    ['SITI A', 'Siti Aminah'],
    ['MUHAMMAD', 'Muhammad Ridwan'],
    ['MOCH', 'Muhammad Ridwan'],
    ['MUHAMMAD R', 'Mohammad Ridwan Kamil'],
    // a bare H after the first part is an initial, not Haji
    ['AHMAD H', 'Ahmad Yani'],
    // empty or only titles
    ['', 'Siti Aminah'],
    ['SITI AMINAH', ''],
    ['HJ. S.PD.', 'Siti Aminah'],
    ['', ''],
  ])('%j vs %j → MISMATCH', (bank, expected) => {
    expect(m(bank, expected)).toBe('MISMATCH');
    expect(m(expected, bank)).toBe('MISMATCH');
  });

  it('explains a mismatch without naming anyone', () => {
    const cases: [string, string][] = [
      ['BUDI SANTOSO', 'Siti Aminah'],
      ['M R', 'Muhammad Ridwan'],
      ['SITI', 'Siti Aminah'],
      ['SITI A', 'Siti Aminah'],
      ['', 'Siti Aminah'],
      ['Siti Aminah', ''],
      ['BUDI SANTOSO', 'Budi Santoso Wibowo'],
      ['M RIDWAN', 'Muhammad Ridwan'],
    ];
    for (const [a, b] of cases) {
      const r = matchPayeeName(a, b);
      if (r.match === 'MISMATCH') expect(r.note).toBeTruthy();
      for (const part of [...a.split(/\s+/), ...b.split(/\s+/)].filter((p) => p.length > 1)) {
        expect((r.note ?? '').toLowerCase()).not.toContain(part.toLowerCase());
      }
    }
    expect(matchPayeeName('BUDI SANTOSO', 'Siti Aminah').note).toBe(
      'holder name differs from the expected payee',
    );
    expect(matchPayeeName('SITI AMINAH', 'Siti Aminah').note).toBeUndefined();
  });

  describe('properties (fast-check)', () => {
    const letter = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'.split(''));
    const part = fc
      .array(letter, { minLength: 1, maxLength: 9 })
      .map((cs) => cs.join(''))
      .filter((p) => p.length > 0);
    const name = fc.array(part, { minLength: 0, maxLength: 5 }).map((ps) => ps.join(' '));
    const knownName = fc
      .array(
        fc.constantFrom(
          'siti',
          'aminah',
          'muhammad',
          'moch',
          'm',
          'ridwan',
          'budi',
          'santoso',
          'jusuf',
          'yusuf',
          'soekarno',
          'nurul',
          'noor',
          'abd',
          'rahman',
          'achmad',
          's',
          'a',
        ),
        { minLength: 1, maxLength: 4 },
      )
      .map((ps) => ps.join(' '));
    const anyName = fc.oneof(name, knownName);
    const prefix = fc.constantFrom(
      '',
      'Hj. ',
      'H. ',
      'Dr. ',
      'Drs. H. ',
      'Bapak ',
      'Ibu ',
      'Alm. ',
      'Prof. Dr. ',
    );
    const suffix = fc.constantFrom('', ', S.Pd.', ', S.H., M.M.', ', Amd.', ', S.Kom', ', M.Si.', ', ST');
    const recase = fc.constantFrom(
      (s: string) => s.toUpperCase(),
      (s: string) => s.toLowerCase(),
      (s: string) => s.replace(/\b[a-z]/g, (c) => c.toUpperCase()),
    );

    it('is symmetric', () => {
      fc.assert(
        fc.property(anyName, anyName, (a, b) => {
          expect(matchPayeeName(a, b).match).toBe(matchPayeeName(b, a).match);
        }),
        { numRuns: 2000 },
      );
    });

    it('does not depend on case, titles or spacing', () => {
      fc.assert(
        fc.property(anyName, anyName, prefix, suffix, recase, (a, b, p, s, f) => {
          const dressed = `${p}${f(a).replace(/ /g, '  ')}${s}`;
          expect(matchPayeeName(dressed, b).match).toBe(matchPayeeName(a, b).match);
        }),
        { numRuns: 2000 },
      );
    });

    it('a name matches itself when it has a part', () => {
      fc.assert(
        fc.property(anyName, (a) => {
          fc.pre(payeeNameParts(a).length > 0);
          expect(matchPayeeName(a, a).match).toBe('MATCH');
        }),
      );
    });

    it('never puts a name part into the note', () => {
      fc.assert(
        fc.property(name, name, (a, b) => {
          const note = matchPayeeName(a, b).note ?? '';
          for (const p of [...payeeNameParts(a), ...payeeNameParts(b)].filter((x) => x.length > 3)) {
            expect(note.split(/\W+/)).not.toContain(p);
          }
        }),
      );
    });
  });
});
