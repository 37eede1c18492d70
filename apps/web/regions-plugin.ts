import fs from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';

/**
 * Region pickers down to desa: the Kemendagri codes and names of idn-area-data (data ODbL 1.0, see README), split
 * so a phone loads only what it needs: /regions/index.json (provinces + kab/kota, ~20 KB) and
 * /regions/<kabkota>.json (its kecamatan with their desa). Emitted at build time, served from memory in dev.
 */
type Row = [code: string, name: string];

function readCsv(file: string): string[][] {
  const text = fs.readFileSync(file, 'utf8');
  return text
    .split(/\r?\n/)
    .slice(1)
    .filter(Boolean)
    .map((line) => {
      const out: string[] = [];
      let cur = '';
      let quoted = false;
      for (const ch of line) {
        if (ch === '"') quoted = !quoted;
        else if (ch === ',' && !quoted) {
          out.push(cur);
          cur = '';
        } else cur += ch;
      }
      out.push(cur);
      return out;
    });
}

export function buildRegionFiles(): Map<string, string> {
  const dir = path.join(path.dirname(require.resolve('idn-area-data/package.json')), 'data');
  const undot = (c: string) => c.replace(/\./g, '');
  const provinces: Row[] = readCsv(path.join(dir, 'provinces.csv')).map(([c, n]) => [undot(c), n]);
  const regencies: Row[] = readCsv(path.join(dir, 'regencies.csv')).map(([c, , n]) => [undot(c), n]);
  const districts = readCsv(path.join(dir, 'districts.csv'));
  const villages = readCsv(path.join(dir, 'villages.csv'));
  const byRegency = new Map<string, { d: Row[]; v: Record<string, Row[]> }>();
  for (const [c, rc, n] of districts) {
    const r = undot(rc);
    if (!byRegency.has(r)) byRegency.set(r, { d: [], v: {} });
    byRegency.get(r)!.d.push([undot(c), n]);
  }
  for (const [c, dc, n] of villages) {
    const d = undot(dc);
    const entry = byRegency.get(d.slice(0, 4));
    if (!entry) continue;
    (entry.v[d] ??= []).push([undot(c), n]);
  }
  const files = new Map<string, string>();
  files.set('regions/index.json', JSON.stringify({ p: provinces, r: regencies }));
  for (const [r, entry] of byRegency) files.set(`regions/${r}.json`, JSON.stringify(entry));
  return files;
}

export function regionsPlugin(): Plugin {
  let files: Map<string, string> | undefined;
  const get = () => (files ??= buildRegionFiles());
  return {
    name: 'sigap-regions',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const m = /^\/(regions\/\w+\.json)$/.exec(req.url ?? '');
        const body = m && get().get(m[1]);
        if (!body) return next();
        res.setHeader('Content-Type', 'application/json');
        res.end(body);
      });
    },
    generateBundle() {
      for (const [fileName, source] of get()) this.emitFile({ type: 'asset', fileName, source });
    },
  };
}
