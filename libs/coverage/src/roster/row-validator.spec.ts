import { ROSTER_COLUMNS } from './columns';
import { RosterByteReader, RosterCsvReader, RosterFileError } from './csv-reader';
import { generateRoster } from './generator';
import { pgDays, putDate, putInt8Digits } from './copy-binary';
import { ByteOut, type DirectOut, directRows, RosterRowValidator } from './row-validator';
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

/** The first load's three binary COPY streams, collected; PKS agreement ids in order of first sight. */
function directSink() {
  const parts = { worker: [] as Buffer[], appointment: [] as Buffer[], coverage: [] as Buffer[] };
  const ids = new Map<string, number>();
  const out: DirectOut = {
    worker: new ByteOut((b) => parts.worker.push(Buffer.from(b))),
    appointment: new ByteOut((b) => parts.appointment.push(Buffer.from(b))),
    coverage: new ByteOut((b) => parts.coverage.push(Buffer.from(b))),
    agreement: (pks, branch, org, region, event) => {
      const k = [pks, branch, org, region, event].join('|');
      if (!ids.has(k)) ids.set(k, ids.size + 1);
      return ids.get(k)!;
    },
  };
  const bytes = () => {
    for (const o of [out.worker, out.appointment, out.coverage]) o.flush();
    return {
      worker: Buffer.concat(parts.worker),
      appointment: Buffer.concat(parts.appointment),
      coverage: Buffer.concat(parts.coverage),
      covered: out.coverage.rows,
    };
  };
  return { out, bytes };
}

/** the same bytes in each stream (Buffer.equals: jest's toEqual walks a buffer byte by byte, slowly) */
function expectSameStreams(x: ReturnType<ReturnType<typeof directSink>['bytes']>, y: typeof x): void {
  for (const k of ['worker', 'appointment', 'coverage'] as const) {
    const firstDiff = x[k].equals(y[k]) ? -1 : x[k].findIndex((v, i) => v !== y[k][i]);
    expect({ stream: k, length: y[k].length, firstDiff }).toEqual({ stream: k, length: x[k].length, firstDiff: -1 });
  }
  expect(y.covered).toBe(x.covered);
}

/** the rows of a binary COPY stream (no header): each field as its bytes, null for NULL */
function decodeRows(b: Buffer): (Buffer | null)[][] {
  const rows: (Buffer | null)[][] = [];
  for (let p = 0; p < b.length; ) {
    const n = b.readInt16BE(p);
    p += 2;
    const row: (Buffer | null)[] = [];
    for (let i = 0; i < n; i++) {
      const len = b.readInt32BE(p);
      p += 4;
      row.push(len < 0 ? null : b.subarray(p, p + len));
      p += Math.max(len, 0);
    }
    rows.push(row);
  }
  return rows;
}

describe('the first load\'s binary COPY rows', () => {
  const lines = [...generateRoster({ rows: 3000, seed: 11, gapRegions: ['1101'] })].join('').trimEnd().split('\n');
  const [header, ...rows] = lines;

  /** both paths over the same text: the byte path's direct rows and directRows() of validate()'s lines */
  function bothPaths(text: string) {
    const strings = directSink();
    const v1 = new RosterRowValidator();
    new RosterCsvReader({
      expectedColumns: ROSTER_COLUMNS,
      onRecord: (row, f) => {
        const o = f && v1.validate(row, f);
        if (typeof o === 'string') directRows(o, strings.out);
      },
    }).push(Buffer.from(text));
    const bytes = directSink();
    const v2 = new RosterRowValidator();
    const w = new FastRowWriter(v2);
    let fast = 0;
    const r = new RosterByteReader({
      expectedColumns: ROSTER_COLUMNS,
      onBytes: (row, b, s, e) => (w.write(row, b, s, e, null, bytes.out) ? (fast++, true) : false),
      onRecord: (row, f) => {
        const o = f && v2.validate(row, f);
        if (typeof o === 'string') directRows(o, bytes.out);
      },
    });
    r.push(Buffer.from(text));
    r.end();
    return { a: strings.bytes(), b: bytes.bytes(), fast };
  }

  it('the byte path writes the same rows as directRows() of the validated line, on generated and mutated rows', () => {
    const plain = bothPaths(`${header}\n${rows.join('\n')}\n`);
    expect(plain.fast).toBe(rows.length);
    expectSameStreams(plain.a, plain.b);
    expect(decodeRows(plain.a.worker)).toHaveLength(rows.length);
    expect(plain.a.covered).toBeGreaterThan(rows.length / 2);

    const r = rng(5);
    const mutated = rows.map((line) => {
      const f = line.split(',');
      const n = Math.floor(r() * 3);
      for (let i = 0; i < n; i++) MUTATIONS[Math.floor(r() * MUTATIONS.length)](f, r);
      return f.join(',');
    });
    const m = bothPaths(`${header}\n${mutated.join('\n')}\n`);
    expect(m.fast).toBeGreaterThan(0);
    expect(m.fast).toBeLessThan(rows.length);
    expectSameStreams(m.a, m.b);
  });

  it('holds the values of the row: NIK as a 64-bit integer, dates as days since 2000-01-01, NULLs', () => {
    const nik = '9471014101900001'; // above 2^53: a JavaScript number would round it
    const f = rows[0].split(',');
    f[0] = nik;
    f[2] = 'P';
    f[3] = '1990-01-01';
    f[4] = '';
    const { a, b } = bothPaths(`${header}\n${f.join(',')}\n`);
    expectSameStreams(a, b);
    const [worker] = decodeRows(a.worker);
    expect(worker).toHaveLength(5);
    expect(worker[0]!.readBigInt64BE(0).toString()).toBe(nik);
    expect(worker[2]!.toString()).toBe('P');
    expect(worker[3]!.readInt32BE(0)).toBe(-3652); // 1990-01-01 is 3,652 days before 2000-01-01
    expect(worker[4]).toBeNull();
    const [appointment] = decodeRows(a.appointment);
    expect(appointment).toHaveLength(12);
    expect(appointment[0]!.readBigInt64BE(0).toString()).toBe(nik);
    expect(appointment[9]!.readBigInt64BE(0)).toBe(BigInt(f[13]));
  });

  it('converts dates and 16-digit numbers exactly', () => {
    expect(pgDays(2000, 1, 1)).toBe(0);
    expect(pgDays(2024, 2, 29)).toBe(8825);
    expect(pgDays(1999, 12, 31)).toBe(-1);
    for (const d of ['1900-03-01', '1970-01-01', '2024-12-31', '2100-02-28']) {
      const o = Buffer.alloc(8);
      putDate(o, 0, d);
      expect(o.readInt32BE(4)).toBe(Math.round((Date.parse(d) - Date.parse('2000-01-01')) / 86400000));
    }
    for (const v of ['1', '99999999', '100000000', '9007199254740993', '9999999999999999', '1100000000000000']) {
      const o = Buffer.alloc(12);
      putInt8Digits(o, 0, Buffer.from(v), 0, v.length);
      expect(o.readInt32BE(0)).toBe(8);
      expect(o.readBigInt64BE(4).toString()).toBe(v);
    }
  });
});
