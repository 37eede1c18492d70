/** Region names for the pickers: /regions/index.json and /regions/<kabkota>.json (see regions-plugin.ts). */
export type Row = [code: string, name: string];
export interface RegionIndex {
  p: Row[];
  r: Row[];
}
export interface RegencyDetail {
  d: Row[];
  v: Record<string, Row[]>;
}

let index: Promise<RegionIndex> | undefined;
const regencies = new Map<string, Promise<RegencyDetail>>();

async function json<T>(url: string): Promise<T> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: ${res.status}`);
  return (await res.json()) as T;
}

export function regionIndex(): Promise<RegionIndex> {
  index ??= json<RegionIndex>('/regions/index.json').catch((e) => {
    index = undefined;
    throw e;
  });
  return index;
}

export function regencyDetail(code: string): Promise<RegencyDetail> {
  let p = regencies.get(code);
  if (!p) {
    p = json<RegencyDetail>(`/regions/${code}.json`).catch((e) => {
      regencies.delete(code);
      throw e;
    });
    regencies.set(code, p);
  }
  return p;
}

export function dotted(code: string): string {
  const parts = [code.slice(0, 2), code.slice(2, 4), code.slice(4, 6), code.slice(6)].filter(Boolean);
  return parts.join('.');
}
