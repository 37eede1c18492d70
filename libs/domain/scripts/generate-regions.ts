/**
 * Regenerates libs/domain/src/regions/region-names.generated.ts (provinces + regencies with names) from the
 * CSV files of the npm package `idn-area-data` (code MIT; data ODbL 1.0, © fityannugroho/idn-area-data contributors,
 * based on Kepmendagri 300.2.2-2138/2025).
 *
 * Usage (from the repo root):
 *   npx ts-node libs/domain/scripts/generate-regions.ts
 *
 * This script does file I/O and is not part of the pure library; the generated file is.
 */
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';

const root = join(__dirname, '..', '..', '..');
const dataDir = join(root, 'node_modules', 'idn-area-data', 'data');
const pkg = JSON.parse(readFileSync(join(root, 'node_modules', 'idn-area-data', 'package.json'), 'utf8')) as {
  version: string;
};

/** Minimal CSV parser (quoted fields with "" escapes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      field = '';
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function load(file: string, codeCol: string, nameCol: string): [string, string][] {
  const [header, ...rows] = parseCsv(readFileSync(join(dataDir, file), 'utf8'));
  if (!header) throw new Error(`${file} is empty`);
  const ci = header.indexOf(codeCol);
  const ni = header.indexOf(nameCol);
  if (ci < 0 || ni < 0) throw new Error(`${file}: missing columns ${codeCol}/${nameCol}`);
  return rows.map((r) => [String(r[ci]).replace(/\./g, ''), String(r[ni])] as [string, string]);
}

const provinces = load('provinces.csv', 'code', 'name');
const regencies = load('regencies.csv', 'code', 'name');
for (const [c] of provinces) if (!/^\d{2}$/.test(c)) throw new Error(`bad province code ${c}`);
for (const [c] of regencies) if (!/^\d{4}$/.test(c)) throw new Error(`bad regency code ${c}`);

const lines = (rows: [string, string][]): string =>
  rows.map(([c, n]) => `  ['${c}', ${JSON.stringify(n)}],`).join('\n');

const out = `/* eslint-disable */
// GENERATED FILE — do not edit. Regenerate with: npx ts-node libs/domain/scripts/generate-regions.ts
//
// Source: npm package idn-area-data v${pkg.version} (https://github.com/fityannugroho/idn-area-data),
// data/provinces.csv and data/regencies.csv, based on Kepmendagri 300.2.2-2138/2025.
// Data licence: Open Database License (ODbL) 1.0 — https://opendatacommons.org/licenses/odbl/1-0/
// © idn-area-data contributors. This extract is a derivative database under the ODbL: keep this notice,
// and share any public derivative of it under the ODbL. (The package's code is MIT.)
// Codes are Kemendagri codes without dots (province 2 digits, kabupaten/kota 4 digits).

/** [code, name] of the ${provinces.length} provinces. */
export const PROVINCE_NAMES: readonly (readonly [string, string])[] = [
${lines(provinces)}
];

/** [code, name] of the ${regencies.length} kabupaten/kota. */
export const REGENCY_NAMES: readonly (readonly [string, string])[] = [
${lines(regencies)}
];

export const REGION_DATA_SOURCE = ${JSON.stringify({ package: 'idn-area-data', version: pkg.version, licence: 'ODbL-1.0', basis: 'Kepmendagri 300.2.2-2138/2025' })} as const;
`;
writeFileSync(join(root, 'libs', 'domain', 'src', 'regions', 'region-names.generated.ts'), out);
console.log(`wrote ${provinces.length} provinces, ${regencies.length} regencies`);
