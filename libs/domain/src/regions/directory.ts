/**
 * RegionDirectory: a pure, in-memory name lookup. Embedded data: provinces + kabupaten/kota (idn-area-data, ODbL 1.0).
 * Districts and villages are too big to embed: an I/O layer loads their rows (e.g. from idn-area-data's CSVs or
 * Postgres) and passes them in; the directory validates every code.
 */
import { InvalidInputError } from '../errors';
import { parentRegionCode, parseRegionCode, type RegionLevel } from './region-code';
import { PROVINCE_NAMES, REGENCY_NAMES } from './region-names.generated';

export interface RegionRow {
  /** Dotted or undotted Kemendagri code. */
  code: string;
  name: string;
}

export interface RegionEntry {
  code: string;
  dotted: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
}

export class RegionDirectory {
  private readonly byCode = new Map<string, RegionEntry>();
  private readonly childrenOf = new Map<string, string[]>();

  constructor(rows: readonly RegionRow[] = []) {
    this.addRows(rows);
  }

  /** A directory preloaded with the embedded provinces and kabupaten/kota, plus any extra rows. */
  static withEmbedded(extraRows: readonly RegionRow[] = []): RegionDirectory {
    const d = new RegionDirectory(
      [...PROVINCE_NAMES, ...REGENCY_NAMES].map(([code, name]) => ({ code, name })),
    );
    d.addRows(extraRows);
    return d;
  }

  /** Add rows (validated). A duplicate code with a different name throws. */
  addRows(rows: readonly RegionRow[]): this {
    rows.forEach((row, i) => {
      const parsed = parseRegionCode(row?.code, `rows[${i}].code`);
      if (typeof row.name !== 'string' || !row.name.trim())
        throw new InvalidInputError(`rows[${i}].name`, 'name is required');
      const existing = this.byCode.get(parsed.code);
      if (existing) {
        if (existing.name !== row.name)
          throw new InvalidInputError(
            `rows[${i}].code`,
            `duplicate region code ${parsed.dotted}`,
            'DUPLICATE_CODE',
          );
        return;
      }
      const parentCode = parentRegionCode(parsed.code);
      this.byCode.set(parsed.code, {
        code: parsed.code,
        dotted: parsed.dotted,
        name: row.name.trim(),
        level: parsed.level,
        parentCode,
      });
      if (parentCode) {
        const list = this.childrenOf.get(parentCode) ?? [];
        list.push(parsed.code);
        this.childrenOf.set(parentCode, list);
      }
    });
    return this;
  }

  get size(): number {
    return this.byCode.size;
  }

  /** Entry for a code (dotted or undotted), or undefined when not loaded. Throws on a malformed code. */
  get(code: string): RegionEntry | undefined {
    return this.byCode.get(parseRegionCode(code).code);
  }

  nameOf(code: string): string | undefined {
    return this.get(code)?.name;
  }

  has(code: string): boolean {
    return this.get(code) !== undefined;
  }

  children(code: string): RegionEntry[] {
    const c = parseRegionCode(code).code;
    return (this.childrenOf.get(c) ?? [])
      .map((k) => this.byCode.get(k) as RegionEntry)
      .sort((a, b) => a.code.localeCompare(b.code));
  }

  /** Entries from the province down to the code itself (only those loaded). */
  path(code: string): RegionEntry[] {
    const out: RegionEntry[] = [];
    let c: string | null = parseRegionCode(code).code;
    while (c) {
      const e = this.byCode.get(c);
      if (e) out.unshift(e);
      c = parentRegionCode(c);
    }
    return out;
  }
}
