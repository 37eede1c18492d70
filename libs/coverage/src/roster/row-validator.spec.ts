import { ROSTER_COLUMNS } from './columns';
import { RosterByteReader, RosterCsvReader, RosterFileError } from './csv-reader';
import { generateRoster } from './generator';
import { ByteOut, RosterRowValidator } from './row-validator';
import { FastRowWriter } from './row-validator';

/** The general path: RosterCsvReader + validate, as strings. */
function viaStrings(text: string): { out: string; rejects: string[] } {
  const v = new RosterRowValidator();
  let out = '';
  const rejects: string[] = [];
  const r = new RosterCsvReader({
    expectedColumns: ROSTER_COLUMNS,
    onRecord: (row, f, n) => {
      if (!f) return void rejects.push(`${row}:*:${n}`);
      const o = v.validate(row, f);
      if (typeof o === 'string') out += o;
      else rejects.push(`${row}:${o.map((e) => `${e.field}=${e.reason}`).join('|')}`);
    },
  });
  r.push(Buffer.from(text));
  r.end();
  return { out, rejects };
}

/** The load path: RosterByteReader + the fast writer, falling back to validate; chunked at every `chunk` bytes. */
function viaBytes(text: string, chunk: number): { out: string; rejects: string[]; fast: number } {
  const v = new RosterRowValidator();
  const w = new FastRowWriter(v);
  const parts: Buffer[] = [];
  const out = new ByteOut((b) => parts.push(Buffer.from(b)));
  const rejects: string[] = [];
  let fast = 0;
  const r = new RosterByteReader({
    expectedColumns: ROSTER_COLUMNS,
    onBytes: (row, b, s, e) => (w.write(row, b, s, e, out) ? (fast++, true) : false),
    onRecord: (row, f, n) => {
      if (!f) return void rejects.push(`${row}:*:${n}`);
      const o = v.validate(row, f);
      if (typeof o === 'string') out.text(o);
      else rejects.push(`${row}:${o.map((e) => `${e.field}=${e.reason}`).join('|')}`);
    },
  });
  const bytes = Buffer.from(text);
  for (let i = 0; i < bytes.length; i += chunk) r.push(bytes.subarray(i, i + chunk));
  r.end();
  out.flush();
  return { out: Buffer.concat(parts).toString('utf8'), rejects, fast };
}

/** deterministic PRNG (mulberry32) */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MUTATIONS: ((f: string[], r: () => number) => void)[] = [
  (f) => (f[2] = f[2].toLowerCase()), // sex in lower case
  (f) => (f[1] = ` ${f[1]}`), // leading space
  (f) => (f[1] = `${f[1]}\\x`), // backslash
  (f) => (f[1] = 'Ñoño Sütterlin, S.Pd.'), // non-ASCII
  (f) => (f[1] = ''),
  (f) => (f[4] = f[4] ? `${f[4].slice(0, 4)}-${f[4].slice(4)}` : '0812 3456 789'), // phone with separators
  (f) => (f[4] = '+6281234567'),
  (f) => (f[4] = '62812'),
  (f) => (f[5] = f[5].toLowerCase()),
  (f) => (f[5] = f[5] === 'KPU' ? 'BAWASLU' : 'KPU'),
  (f) => (f[6] = f[6].toLowerCase()),
  (f) => (f[6] = 'SATPAM'),
  (f) => (f[7] = f[7].length === 10 ? `${f[7].slice(0, 2)}.${f[7].slice(2, 4)}.${f[7].slice(4, 6)}.${f[7].slice(6)}` : `${f[7]}.`),
  (f) => (f[7] = f[7].slice(0, 6) === f[7] ? `${f[7]}2001` : f[7].slice(0, 6)), // wrong level
  (f) => (f[7] = `09${f[7].slice(2)}`),
  (f) => (f[8] = f[8] ? `0${f[8]}` : '7'),
  (f) => (f[8] = ''),
  (f) => (f[8] = '0'),
  (f) => (f[9] = 'pemilu_2024'),
  (f) => (f[9] = 'PILKADA_2024'),
  (f) => (f[10] = ''),
  (f) => (f[11] = '2024-02-30'),
  (f) => (f[12] = '2020-01-01'),
  (f) => (f[3] = '2030-01-01'),
  (f) => (f[3] = `${f[3].slice(0, 8)}${f[3].slice(8) === '01' ? '02' : '01'}`), // birth date vs NIK
  (f) => (f[0] = `${f[0].slice(0, 12)}0000`),
  (f) => (f[0] = f[0].slice(1)),
  (f) => (f[13] = '1.100.000'),
  (f) => (f[14] = f[14] ? '' : '24000000001'), // coverage half given
  (f) => (f[15] = f[15] ? 'JKM+JKK' : ''),
  (f) => (f[15] = f[15] ? 'JKM' : ''),
  (f) => (f[15] = f[15] ? 'jkk' : ''),
  (f) => (f[17] = f[17] ? '2000-01-01' : ''),
  (f) => (f[19] = f[19] ? 'UMP' : ''),
  (f) => (f[20] = f[20] ? 'BPU' : ''),
  (f) => (f[22] = f[22] ? 'ARREARS' : ''),
  (f) => (f[23] = ''),
  (f) => ((f[23] = ''), (f[24] = '')),
  (f) => (f[24] = `${f[24]} `),
  (f, r) => {
    for (let k = 14; k <= 24; k++) f[k] = r() < 0.5 ? '' : f[k];
  },
];

describe('FastRowWriter (the byte path of the load) writes what validate() writes', () => {
  const lines = [...generateRoster({ rows: 4000, seed: 7, gapRegions: ['1101'] })].join('').trimEnd().split('\n');
  const [header, ...rows] = lines;

  it('on a generated roster: every row takes the fast path, the COPY text is identical', () => {
    const text = `${header}\n${rows.join('\n')}\n`;
    const a = viaStrings(text);
    const b = viaBytes(text, 65536);
    expect(b.fast).toBe(rows.length);
    expect(b.out).toBe(a.out);
    expect(b.rejects).toEqual(a.rejects);
  });

  it('on mutated rows (case, spaces, separators, bad values, partial coverage…), quotes, CRLF, odd chunks', () => {
    const r = rng(42);
    const out: string[] = [];
    for (const line of rows.slice(0, 3000)) {
      const f = line.split(',');
      const n = Math.floor(r() * 3);
      for (let i = 0; i < n; i++) MUTATIONS[Math.floor(r() * MUTATIONS.length)](f, r);
      let l = f.join(',');
      const x = r();
      if (x < 0.03) l = f.map((v) => `"${v.replace(/"/g, '""')}"`).join(','); // quoted
      else if (x < 0.05) l = `${l}\r`; // CRLF
      else if (x < 0.06) l = `${l},extra`;
      else if (x < 0.07) l = '';
      out.push(l);
    }
    const text = `\uFEFF${header}\n${out.join('\n')}`; // BOM, no final line break
    const a = viaStrings(text);
    for (const chunk of [1, 7, 4096, 1 << 20]) {
      const b = viaBytes(text, chunk);
      expect(b.rejects).toEqual(a.rejects);
      expect(b.out).toBe(a.out);
      expect(b.fast).toBeGreaterThan(0);
    }
    expect(a.rejects.length).toBeGreaterThan(100);
  });

  it('columns in another order take the general path with the same result', () => {
    const cols = [...ROSTER_COLUMNS].reverse();
    const text =
      `${cols.join(',')}\n` +
      rows
        .slice(0, 200)
        .map((l) => l.split(',').reverse().join(','))
        .join('\n');
    const a = viaStrings(text);
    const b = viaBytes(text, 1000);
    expect(b.fast).toBe(0);
    expect(b.out).toBe(a.out);
  });

  it.each([
    ['NOT_UTF8', Buffer.concat([Buffer.from(`${header}\n${rows[0]}\n`), Buffer.from([0xc3, 0x28]), Buffer.from('\n')])],
    ['NOT_UTF8', Buffer.concat([Buffer.from(`${header}\n${rows[0]}\n`), Buffer.from([0xe2, 0x82])])],
    ['WRONG_DELIMITER', Buffer.from(`${header.replace(/,/g, ';')}\n`)],
    ['MISSING_COLUMNS', Buffer.from(`${header.replace(',bpjs_branch', '')}\n`)],
    ['EMPTY_FILE', Buffer.from('')],
    ['UNTERMINATED_QUOTE', Buffer.from(`${header}\n"abc,${rows[0]}\n`)],
    ['LINE_TOO_LONG', Buffer.from(`${header}\n${'x'.repeat(200_000)}\n`)],
    ['LINE_TOO_LONG', Buffer.from(`${header}\n"${'x'.repeat(300_000)}`)],
  ])('refuses the file like the string reader: %s', (code, bytes) => {
    const errOf = (f: () => void) => {
      try {
        f();
        return null;
      } catch (e) {
        return e instanceof RosterFileError ? e.code : String(e);
      }
    };
    const noop = () => undefined;
    const byBytes = errOf(() => {
      const r = new RosterByteReader({ expectedColumns: ROSTER_COLUMNS, onRecord: noop });
      for (let i = 0; i < bytes.length; i += 65536) r.push(bytes.subarray(i, i + 65536));
      r.end();
    });
    const byStrings = errOf(() => {
      const r = new RosterCsvReader({ expectedColumns: ROSTER_COLUMNS, onRecord: noop });
      for (let i = 0; i < bytes.length; i += 65536) r.push(bytes.subarray(i, i + 65536));
      r.end();
    });
    expect(byBytes).toBe(code);
    expect(byStrings).toBe(code);
  });
});
