/**
 * Does the account holder name the bank returned belong to the person who should be paid (the heir or the worker)?
 * Indonesian names reach the bank and the claim through different hands (KTP, passbook, a family member typing),
 * so an exact comparison would fail honest accounts and a loose one would pay strangers. The comparison:
 *
 * 1. Normalise: Unicode accents, case, punctuation and repeated spaces.
 * 2. Drop titles and honorifics: religious (H., Hj., Haji, Hajjah, KH), academic and professional (Dr., dr., Drs.,
 *    Dra., Ir., Prof., S.Pd., S.H., S.E., S.Kom., M.Si., M.M., Amd. …), forms of address (Bapak, Bpk, Ibu, Sdr, Sdri,
 *    Tn, Ny, Nn) and Alm./Almh. (the deceased); and the connectors bin/binti. A bare "H" counts as Haji only in front
 *    of the name (elsewhere it is an initial); degrees that read like a name ("ST", "SS", "MA") only when written
 *    with their dots (S.T.) or after a comma ("Siti Aminah, ST"), since "ST" before a name is Siti.
 * 3. Spelling: the old (van Ophuijsen / Soewandi) spelling is brought to the current one for each name part
 *    (oe→u, dj→j, tj→c, j→y before a vowel as in Jusuf/Yusuf, sj→sy, ch→kh, dh→d, th→t) and double letters are
 *    collapsed (Hassan/Hasan).
 * 4. Common variants and abbreviations are one name: Muhammad/Mohammad/Mohamad/Muhamad/Mochamad/Moch/Moh/Muh/Mhd,
 *    Siti/St, Nur/Noor/Nurul, Abdul/Abd, Achmad/Ahmad/Akhmad.
 * 5. A part of one letter (an initial, "M." or "M") matches any part with that first letter.
 *
 * MATCH when every part of the shorter name matches a part of the longer one, in order, and at least one part
 * that is not an initial matches. Stricter than that in one respect: when the two names are not the same parts,
 * the full-word match must be on a distinctive part, not only on a common first name (Muhammad, Siti, Nur, Abdul,
 * Ahmad), so "SITI" alone does not match every Siti. The result is symmetric.
 *
 * The note never contains the names (they are personal data and end up in Temporal payloads and logs).
 * Pure, no I/O.
 */

export type PayeeNameMatch = 'MATCH' | 'MISMATCH';

export interface PayeeNameMatchResult {
  match: PayeeNameMatch;
  /** why, without the names */
  note?: string;
}

/** Titles that are never a name part, compared with dots removed, lower case. */
const TITLES = new Set([
  // religious
  'hj',
  'hja',
  'haji',
  'hadji',
  'hajah',
  'hajjah',
  'kh',
  'kyai',
  'ustadz',
  'ust',
  // forms of address
  'bapak',
  'bpk',
  'bp',
  'pak',
  'ibu',
  'bu',
  'sdr',
  'sdri',
  'saudara',
  'saudari',
  'tn',
  'tuan',
  'ny',
  'nyonya',
  'nn',
  'nona',
  // the deceased
  'alm',
  'almh',
  'almarhum',
  'almarhumah',
  // academic and professional
  'dr',
  'drg',
  'drs',
  'dra',
  'ir',
  'prof',
  'spd',
  'spdi',
  'sh',
  'se',
  'skom',
  'ssos',
  'sag',
  'sip',
  'ssi',
  'sked',
  'skep',
  'sfarm',
  'spsi',
  'shut',
  'skes',
  'spt',
  'sikom',
  'sak',
  'stp',
  'sth',
  'shi',
  'sei',
  'sthi',
  'msi',
  'mm',
  'mpd',
  'mh',
  'mkom',
  'mt',
  'mag',
  'mkes',
  'msc',
  'mba',
  'amd',
  'amdkep',
  'amdkeb',
  'phd',
  'lc',
  // connectors
  'bin',
  'binti',
]);

/** Honorifics that are also a plausible initial: dropped only in front of the name. */
const LEADING_ONLY = new Set(['h']);

/** Degrees that read like a name part: only with their dots (S.T.) or after a comma. */
const DOTTED_OR_AFTER_COMMA = new Set(['st', 'ss', 'ma', 'si', 'sp', 'sm', 'sr']);

const VARIANTS: Record<string, string[]> = {
  muhammad: [
    'muhammad',
    'mohammad',
    'mohamad',
    'muhamad',
    'mochamad',
    'mochammad',
    'mohammed',
    'muhammed',
    'muchamad',
    'muchammad',
    'mukhamad',
    'moch',
    'moh',
    'muh',
    'mhd',
    'mohd',
    'muhd',
  ],
  siti: ['siti', 'st'],
  nur: ['nur', 'noor', 'nurul', 'nor'],
  abdul: ['abdul', 'abd'],
  ahmad: ['ahmad', 'achmad', 'akhmad', 'ahmed', 'achmed'],
};

/** Common first names: a full-word match on these alone is not enough when the names differ. */
const COMMON = new Set(Object.keys(VARIANTS));

/** Old spelling to the current one, then double letters collapsed. */
function respell(part: string): string {
  return part
    .replace(/oe/g, 'u')
    .replace(/dj/g, 'j')
    .replace(/tj/g, 'c')
    .replace(/sj/g, 'sy')
    .replace(/nj/g, 'ny')
    .replace(/j(?=[aeiou])/g, 'y')
    .replace(/ch/g, 'kh')
    .replace(/dh/g, 'd')
    .replace(/th/g, 't')
    .replace(/(.)\1+/g, '$1');
}

const CANONICAL = new Map<string, string>();
for (const [canonical, forms] of Object.entries(VARIANTS)) {
  for (const f of forms) CANONICAL.set(respell(f), canonical);
}

const flat = (chunk: string) => chunk.replace(/[^a-z]/g, '');

/** The name parts of a name, normalised (exported for tests and diagnostics; the parts are personal data). */
export function payeeNameParts(name: string): string[] {
  const text = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’‘`´]/g, "'");
  const parts: string[] = [];
  let leading = true;
  text.split(',').forEach((segment, segmentIndex) => {
    const afterComma = segmentIndex > 0;
    for (const chunk of segment.split(/[\s\-/]+/)) {
      const whole = flat(chunk);
      if (!whole) continue;
      const dotted = /[a-z]\.[a-z]/.test(chunk);
      const isTitle = (key: string, withDots: boolean) =>
        TITLES.has(key) ||
        (leading && LEADING_ONLY.has(key)) ||
        ((withDots || afterComma) && DOTTED_OR_AFTER_COMMA.has(key));
      if (isTitle(whole, dotted)) continue;
      // glued forms such as "Dr.H.Ahmad" or "M.Ridwan": each piece between dots on its own
      const pieces = dotted ? chunk.split('.').map(flat).filter(Boolean) : [whole];
      for (const piece of pieces) {
        if (isTitle(piece, false)) continue;
        const spelled = respell(piece.replace(/'/g, ''));
        parts.push(CANONICAL.get(spelled) ?? spelled);
        leading = false;
      }
    }
  });
  return parts;
}

const partsMatch = (a: string, b: string) =>
  a === b || (a.length === 1 && b.startsWith(a)) || (b.length === 1 && a.startsWith(b));

/**
 * The best in-order embedding of `short` into `long`: -1 when none exists, else the number of full-word pairs
 * (both parts longer than one letter) on a distinctive (not common) part, plus a flag for any full-word pair.
 */
function embed(short: string[], long: string[]): { distinctive: number; full: number } | null {
  type Score = { distinctive: number; full: number } | null;
  const better = (x: Score, y: Score): Score => {
    if (!x) return y;
    if (!y) return x;
    if (x.distinctive !== y.distinctive) return x.distinctive > y.distinctive ? x : y;
    return x.full >= y.full ? x : y;
  };
  // best[i][j]: best score embedding short[i..] into long[j..]
  const best: Score[][] = Array.from({ length: short.length + 1 }, () =>
    new Array<Score>(long.length + 1).fill(null),
  );
  for (let j = 0; j <= long.length; j++) best[short.length]![j] = { distinctive: 0, full: 0 };
  for (let i = short.length - 1; i >= 0; i--) {
    for (let j = long.length - 1; j >= 0; j--) {
      let score: Score = best[i]![j + 1]!;
      const a = short[i]!;
      const b = long[j]!;
      const rest = best[i + 1]![j + 1]!;
      if (rest && partsMatch(a, b)) {
        const isFull = a.length > 1 && b.length > 1;
        score = better(score, {
          distinctive: rest.distinctive + (isFull && !COMMON.has(a) ? 1 : 0),
          full: rest.full + (isFull ? 1 : 0),
        });
      }
      best[i]![j] = score;
    }
  }
  return best[0]![0]!;
}

/**
 * Compares the holder name the bank returned with the name of the person who should be paid. Symmetric in its
 * two arguments; the note never contains either name.
 */
export function matchPayeeName(bankHolder: string, expected: string): PayeeNameMatchResult {
  const a = payeeNameParts(bankHolder);
  const b = payeeNameParts(expected);
  if (a.length === 0 && b.length === 0) return { match: 'MISMATCH', note: 'both names are empty' };
  if (a.length === 0) return { match: 'MISMATCH', note: 'the bank returned no usable holder name' };
  if (b.length === 0) return { match: 'MISMATCH', note: 'the expected payee has no usable name' };
  if (a.length === b.length && a.every((p, i) => p === b[i])) return { match: 'MATCH' };
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  const score = embed(short, long);
  if (!score) return { match: 'MISMATCH', note: 'holder name differs from the expected payee' };
  if (score.full === 0) {
    return { match: 'MISMATCH', note: 'only initials agree with the expected payee' };
  }
  if (score.distinctive === 0) {
    return { match: 'MISMATCH', note: 'only a common first name agrees with the expected payee' };
  }
  return {
    match: 'MATCH',
    note:
      short.length < long.length
        ? `${short.length} of ${long.length} name parts agree, in order`
        : 'name parts agree allowing initials or spelling variants',
  };
}
