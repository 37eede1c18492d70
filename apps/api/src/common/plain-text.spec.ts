import { plainToInstance } from 'class-transformer';
import { IsOptional, IsString, validateSync } from 'class-validator';
import {
  PlainText,
  PlainTextValues,
  plainTextViolation,
  plainTextViolationIn,
  PLAIN_TEXT_RULES,
} from './plain-text';

const rule = (text: string, multiline = false) => plainTextViolation(text, { multiline })?.id;

describe('plain text rules', () => {
  it.each([
    // names with apostrophes, hyphens, periods
    "Ma'ruf Amin",
    "Nur'aini binti H. Abd. Rahman",
    "Siti Nur'aini-Putri",
    "Muhammad Ma'ruf, S.Pd.",
    // addresses: slashes, Jl., numbers, parentheses, colons
    'Jl. Merdeka No. 12, RT 03/RW 05, Kel. Sukamaju (depan masjid)',
    'TPS 012, Kelurahan Sukamaju, Kec. Cibeunying Kidul, Kota Bandung',
    "TPS 0'12",
    'Pukul 22:10 WIB dibawa ke RSUD; kondisi kritis.',
    // quotes, percent, currency, dashes between words
    'Saksi berkata "dia pingsan" -- lalu dibawa ke puskesmas',
    'Ongkos transport Rp 150.000 (50%) dan biaya rawat 12--14 Februari',
    'ongkos=150000; onderdil motor rusak',
    'Petugas KPPS anggota #4 & ketua; email: kpps@example.id',
    'Menurut dokter: "kelelahan" – tidak ada riwayat penyakit',
    'Update: pasien sudah pulang',
    'Keluarga dihubungi; call back besok pagi',
    'Select the right form; the family and the officer agree',
    'Union of workers or families: 2 orang',
    'Login dengan akun admin di kantor',
    'Kejadian 1 or 2 kali dalam seminggu',
    'catatan -- bukan komentar',
    'Rp1.000.000,- sudah dibayar',
  ])('accepts %j', (text) => {
    expect(rule(text)).toBeUndefined();
    expect(rule(text, true)).toBeUndefined();
  });

  it('accepts line breaks and tabs in multi-line text only', () => {
    const chronology =
      'Pukul 21:30 pingsan saat menghitung suara.\nDibawa ke RSUD pukul 22:10.\r\n\tMeninggal 23:05.';
    expect(rule(chronology, true)).toBeUndefined();
    expect(rule(chronology)).toBe('control');
    expect(rule('Siti\tAminah')).toBe('control');
  });

  it.each([
    // markup and script
    ['<script>alert(document.cookie)</script>', 'markup'],
    ['<img src=x onerror=alert(1)>', 'markup'],
    ['a > b', 'markup'],
    ['</textarea>', 'markup'],
    ['<!-- x', 'markup'],
    ['javascript:alert(1)', 'script-url'],
    ['JaVaScRiPt :alert(1)', 'script-url'],
    ['vbscript:msgbox(1)', 'script-url'],
    ['data:text/html;base64,PHNjcmlwdD4=', 'script-url'],
    ['x onerror=alert(1)', 'event-handler'],
    ['" onmouseover = "alert(1)', 'event-handler'],
    ['onload=fetch(1)', 'event-handler'],
    // control characters
    ['Siti\u0000Aminah', 'control'],
    ['a\u0007b', 'control'],
    ['a\u001bb', 'control'],
    ['a\u007fb', 'control'],
    ['a\u0085b', 'control'],
    ['abc\u202Eexe.pdf', 'control'],
    // SQL
    ["'; DROP TABLE claim; --", 'sql-statement'],
    ['1; SELECT pg_sleep(5)', 'sql-statement'],
    ['x;delete from users', 'sql-statement'],
    ['x;\nTRUNCATE claim', 'sql-statement'],
    ["admin'--", 'sql-line-comment'],
    ["1') -- ", 'sql-line-comment'],
    ['Siti Aminah --', 'sql-line-comment'],
    ['nama --\nbaris berikutnya', 'sql-line-comment'],
    ['UNION/**/SELECT', 'sql-block-comment'],
    ['komentar */', 'sql-block-comment'],
    ["' OR '1'='1", 'sql-tautology'],
    ["x' or 'a'='a'", 'sql-tautology'],
    ['1 OR 1=1', 'sql-tautology'],
    ['1 and 2 = 2', 'sql-tautology'],
    ["' or ''='", 'sql-tautology'],
    ["' OR 'x' LIKE 'x", 'sql-tautology'],
    ['0 UNION SELECT username, password FROM app_user', 'sql-union'],
    ['1 union all select null', 'sql-union'],
    ['SELECT pg_sleep(10)', 'sql-probe'],
    ["1' WAITFOR DELAY '0:0:5'", 'sql-probe'],
    ['select * from information_schema.tables', 'sql-probe'],
  ])('refuses %j (%s)', (text, id) => {
    expect(rule(text, true)).toBe(id);
  });

  it('every rule has an id, a pattern without the g flag (no lastIndex state) and a message', () => {
    for (const r of PLAIN_TEXT_RULES) {
      expect(r.refuses.flags).not.toContain('g');
      expect(r.message).toMatch(/^may not /);
    }
    expect(new Set(PLAIN_TEXT_RULES.map((r) => r.id)).size).toBe(PLAIN_TEXT_RULES.length);
  });

  it('objects: every key and string value at any depth, with the path of the first bad one', () => {
    expect(
      plainTextViolationIn({ outcome: 'RECOVERED', children: [{ birthDate: '2010-01-02' }], n: 3 }),
    ).toBe(undefined);
    expect(plainTextViolationIn({ children: [{ name: "x'; DROP TABLE claim" }] }, 'facts')).toMatchObject({
      path: 'facts.children[0].name',
      rule: { id: 'sql-statement' },
    });
    expect(plainTextViolationIn({ '<b>': true }, 'caseFacts')).toMatchObject({
      path: 'caseFacts.<b>',
      rule: { id: 'markup' },
    });
    let deep: unknown = 'x';
    for (let i = 0; i < 20; i++) deep = [deep];
    expect(plainTextViolationIn(deep)?.rule.id).toBe('depth');
  });
});

class Sample {
  @IsString()
  @PlainText()
  name!: string;

  @IsOptional()
  @IsString()
  @PlainText({ multiline: true })
  chronology?: string;

  @IsOptional()
  @PlainTextValues()
  facts?: Record<string, unknown>;
}

describe('@PlainText and @PlainTextValues', () => {
  const errors = (body: object) =>
    validateSync(plainToInstance(Sample, body), { stopAtFirstError: true }).map((e) => ({
      field: e.property,
      messages: Object.values(e.constraints ?? {}),
    }));

  it('passes plain text and leaves non-strings to @IsString', () => {
    expect(
      errors({ name: "Nur'aini", chronology: 'Baris 1\nBaris 2', facts: { outcome: 'RECOVERED' } }),
    ).toEqual([]);
    expect(errors({ name: 12 })).toEqual([{ field: 'name', messages: ['name must be a string'] }]);
  });

  it('names the field and the rule', () => {
    expect(
      errors({ name: '<b>Siti</b>', chronology: "x'; DROP TABLE claim; --", facts: { a: { b: 'x */' } } }),
    ).toEqual([
      { field: 'name', messages: ['name may not contain < or > (markup is not accepted)'] },
      {
        field: 'chronology',
        messages: ["chronology may not contain ';' followed by an SQL statement (such as '; DROP')"],
      },
      { field: 'facts', messages: ['facts.a.b may not contain /* or */'] },
    ]);
    expect(errors({ name: 'Siti\nAminah' })[0].messages[0]).toMatch(
      /^name may not contain control characters/,
    );
  });
});
