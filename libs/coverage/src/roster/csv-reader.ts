import { isUtf8 } from 'node:buffer';
/**
 * A streaming CSV reader for roster files, built for throughput (millions of rows) with flat memory:
 * - UTF-8 is decoded with a fatal, streaming TextDecoder: one invalid byte refuses the whole file;
 * - records are split on LF (CRLF accepted) with RFC 4180 quoting ("" inside quotes; line breaks inside quotes);
 * - a record longer than `maxRecordChars` refuses the file as soon as it is seen (no 10 MB line is ever buffered
 *   beyond that limit plus one chunk);
 * - the header is checked before any row: delimiter, missing, unknown and repeated columns.
 * Records are handed to `onRecord` synchronously; the caller applies back-pressure between chunks.
 */
export class RosterFileError extends Error {
  constructor(
    public readonly code:
      | 'EMPTY_FILE'
      | 'NOT_UTF8'
      | 'WRONG_DELIMITER'
      | 'MISSING_COLUMNS'
      | 'UNKNOWN_COLUMNS'
      | 'DUPLICATE_COLUMNS'
      | 'LINE_TOO_LONG'
      | 'UNTERMINATED_QUOTE'
      | 'BINARY_CONTENT',
    message: string,
  ) {
    super(message);
    this.name = 'RosterFileError';
  }
}

export interface CsvReaderOptions {
  expectedColumns: readonly string[];
  maxRecordChars?: number;
  /** record number (header = 1) and its fields, in the order of expectedColumns */
  onRecord: (recordNumber: number, fields: string[] | null, rawFieldCount: number) => void;
}

export const DEFAULT_MAX_RECORD_CHARS = 65_536;

/** What both readers share: records (the header is record 1), bytes read, and how a data record is delivered. */
abstract class CountingReader {
  protected recordNumber = 0;
  protected bytes = 0;

  /** data rows seen so far (without the header) */
  get records(): number {
    return Math.max(0, this.recordNumber - 1);
  }

  get bytesRead(): number {
    return this.bytes;
  }

  /** a data record: its fields in the order of the expected columns, or null when their count is wrong */
  protected deliver(fields: string[], order: number[], onRecord: CsvReaderOptions['onRecord']): void {
    if (fields.length !== order.length) {
      onRecord(this.recordNumber, null, fields.length);
      return;
    }
    const out = new Array<string>(order.length);
    for (let k = 0; k < order.length; k++) out[k] = fields[order[k]];
    onRecord(this.recordNumber, out, fields.length);
  }
}

export class RosterCsvReader extends CountingReader {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  private pending = '';
  private order: number[] | null = null; // position in the file of each expected column
  private readonly max: number;

  constructor(private readonly opts: CsvReaderOptions) {
    super();
    this.max = opts.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS;
  }

  push(chunk: Uint8Array): void {
    this.bytes += chunk.length;
    let text: string;
    try {
      text = this.decoder.decode(chunk, { stream: true });
    } catch {
      throw new RosterFileError(
        'NOT_UTF8',
        `The file is not valid UTF-8 (invalid bytes near byte ${this.bytes - chunk.length}–${this.bytes}); save it as CSV UTF-8`,
      );
    }
    this.consume(this.pending.length ? this.pending + text : text, false);
  }

  end(): void {
    let tail: string;
    try {
      tail = this.decoder.decode();
    } catch {
      throw new RosterFileError('NOT_UTF8', 'The file ends inside an incomplete UTF-8 character; save it as CSV UTF-8');
    }
    this.consume(this.pending + tail, true);
    if (this.recordNumber === 0) throw new RosterFileError('EMPTY_FILE', 'The file is empty: a header row is required');
  }

  private consume(text: string, final: boolean): void {
    let pos = 0;
    const len = text.length;
    let quote = text.indexOf('"');
    while (pos < len) {
      const nl = text.indexOf('\n', pos);
      if (quote !== -1 && quote < pos) quote = text.indexOf('"', pos);
      if (quote === -1 || (nl !== -1 && quote > nl)) {
        // fast path: a record without quotes
        if (nl === -1) {
          if (!final) break;
          this.checkLength(len - pos);
          this.emitSimple(text.slice(pos));
          pos = len;
          break;
        }
        this.checkLength(nl - pos);
        const end = nl > pos && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
        this.emitSimple(text.slice(pos, end));
        pos = nl + 1;
        continue;
      }
      // quoted record: scan
      const next = this.scanQuoted(text, pos, final);
      if (next === -1) break;
      pos = next;
    }
    this.pending = pos < len ? text.slice(pos) : '';
    if (this.pending.length > this.max) this.tooLong();
  }

  /** Returns the position after the record, or -1 when the record is incomplete (and not final). */
  private scanQuoted(text: string, start: number, final: boolean): number {
    const fields: string[] = [];
    let field = '';
    let i = start;
    let inQuotes = false;
    let fieldStart = true;
    const len = text.length;
    while (i < len) {
      const c = text.charCodeAt(i);
      if (inQuotes) {
        if (c === 34) {
          if (i + 1 < len && text.charCodeAt(i + 1) === 34) {
            field += '"';
            i += 2;
            continue;
          }
          if (i + 1 >= len && !final) return -1; // cannot tell "" from " yet
          inQuotes = false;
          i++;
          continue;
        }
        field += text[i];
        i++;
        continue;
      }
      if (c === 34 && fieldStart) {
        inQuotes = true;
        fieldStart = false;
        i++;
        continue;
      }
      if (c === 44) {
        fields.push(field);
        field = '';
        fieldStart = true;
        i++;
        continue;
      }
      if (c === 10) {
        if (field.endsWith('\r')) field = field.slice(0, -1);
        fields.push(field);
        this.checkLength(i - start);
        this.emit(fields);
        return i + 1;
      }
      field += text[i];
      fieldStart = false;
      i++;
      if (i - start > this.max) this.tooLong();
    }
    if (!final) {
      if (i - start > this.max) this.tooLong();
      return -1;
    }
    if (inQuotes)
      throw new RosterFileError(
        'UNTERMINATED_QUOTE',
        `Row ${this.recordNumber + 1}: a quoted field is never closed (missing ")`,
      );
    if (field.endsWith('\r')) field = field.slice(0, -1);
    fields.push(field);
    this.emit(fields);
    return len;
  }

  private checkLength(chars: number): void {
    if (chars > this.max) this.tooLong();
  }

  private tooLong(): never {
    throw new RosterFileError(
      'LINE_TOO_LONG',
      `Row ${this.recordNumber + 1} is longer than ${this.max} characters: this is not a roster file (or its line breaks are missing)`,
    );
  }

  private emitSimple(line: string): void {
    this.emit(line.length === 0 ? [] : line.split(','));
  }

  private emit(fields: string[]): void {
    this.recordNumber++;
    if (this.recordNumber === 1) {
      this.readHeader(fields);
      return;
    }
    this.deliver(fields, this.order!, this.opts.onRecord);
  }

  private readHeader(raw: string[]): void {
    this.order = headerOrder(raw, this.opts.expectedColumns);
  }
}

/** Checks the header row; returns the position in the file of each expected column. */
export function headerOrder(raw: string[], expected: readonly string[]): number[] {
  {
    const names = raw.map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, '') : h).trim().toLowerCase());
    if (names.length === 0 || (names.length === 1 && names[0] === ''))
      throw new RosterFileError('EMPTY_FILE', 'The first row is empty: a header row is required');
    // eslint-disable-next-line no-control-regex
    if (names.some((n) => /[\u0000-\u0008\u000e-\u001f]/.test(n)))
      throw new RosterFileError('BINARY_CONTENT', 'The header contains control characters: this is not a CSV file');
    if (names.length === 1) {
      const h = names[0];
      const delim = [';', '\t', '|'].find((d) => h.includes(d));
      if (delim)
        throw new RosterFileError(
          'WRONG_DELIMITER',
          `The header is separated by ${delim === '\t' ? 'tabs' : `"${delim}"`}; roster files must be comma-separated (,)`,
        );
    }
    const seen = new Set<string>();
    const dups = names.filter((n) => (seen.has(n) ? true : (seen.add(n), false)));
    if (dups.length) throw new RosterFileError('DUPLICATE_COLUMNS', `Repeated column(s): ${[...new Set(dups)].join(', ')}`);
    const missing = expected.filter((c) => !seen.has(c));
    const unknown = names.filter((n) => !expected.includes(n));
    if (missing.length)
      throw new RosterFileError(
        'MISSING_COLUMNS',
        `Missing column(s): ${missing.join(', ')}` + (unknown.length ? `; unknown column(s): ${unknown.join(', ')}` : ''),
      );
    if (unknown.length) throw new RosterFileError('UNKNOWN_COLUMNS', `Unknown column(s): ${unknown.join(', ')}`);
    return expected.map((c) => names.indexOf(c));
  }
}

export interface ByteReaderOptions {
  expectedColumns: readonly string[];
  maxRecordChars?: number;
  /**
   * A record without quotes, its columns in the canonical order: the bytes and each field's start and end (exclusive).
   * Returns true when it took the record; false hands it to onRecord as strings.
   */
  onBytes?: (recordNumber: number, b: Buffer, starts: Int32Array, ends: Int32Array) => boolean;
  /** as in CsvReaderOptions */
  onRecord: (recordNumber: number, fields: string[] | null, rawFieldCount: number) => void;
}

/**
 * The same reader on bytes (same rules, errors and record numbers as RosterCsvReader): records are found with
 * Buffer.indexOf, UTF-8 is checked with `isUtf8` on whole lines, and a record without quotes whose header order is
 * the canonical one goes to `onBytes` with its field bounds — no string is made for it. Anything else (quotes, another
 * column order, a wrong field count, a record onBytes declines) is decoded and split as RosterCsvReader does.
 */
export class RosterByteReader extends CountingReader {
  private pending: Buffer | null = null;
  private order: number[] | null = null;
  private canonical = false;
  private readonly max: number;
  private started = false;
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  private readonly n: number;

  constructor(private readonly opts: ByteReaderOptions) {
    super();
    this.max = opts.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS;
    this.n = opts.expectedColumns.length;
    this.starts = new Int32Array(this.n);
    this.ends = new Int32Array(this.n);
  }

  push(chunk: Uint8Array): void {
    this.bytes += chunk.length;
    const c = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    let b = this.pending ? Buffer.concat([this.pending, c]) : c;
    if (!this.started) {
      if (b.length < 3) {
        this.pending = b;
        return;
      }
      this.started = true;
      if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) b = b.subarray(3);
    }
    this.consume(b, false);
  }

  end(): void {
    const b = this.pending ?? Buffer.alloc(0);
    this.pending = null;
    if (!this.started) {
      this.started = true;
      this.consume(b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? b.subarray(3) : b, true);
    } else this.consume(b, true);
    if (this.recordNumber === 0) throw new RosterFileError('EMPTY_FILE', 'The file is empty: a header row is required');
  }

  private notUtf8(final: boolean): never {
    throw new RosterFileError(
      'NOT_UTF8',
      final
        ? 'The file ends inside an incomplete UTF-8 character or has invalid bytes in its last line; save it as CSV UTF-8'
        : `The file is not valid UTF-8 (invalid bytes before byte ${this.bytes}); save it as CSV UTF-8`,
    );
  }

  private consume(b: Buffer, final: boolean): void {
    const len = b.length;
    const lastNl = b.lastIndexOf(10);
    const complete = final ? len : lastNl + 1; // bytes of whole lines
    if (complete > 0 && !isUtf8(b.subarray(0, complete))) this.notUtf8(final);
    let pos = 0;
    let quote = b.indexOf(34);
    while (pos < complete) {
      if (quote !== -1 && quote < pos) quote = b.indexOf(34, pos);
      let nl = b.indexOf(10, pos);
      if (nl === -1 || nl >= complete) nl = -1;
      if (quote === -1 || (nl !== -1 && quote > nl)) {
        const stop = nl === -1 ? complete : nl;
        const end = stop > pos && b[stop - 1] === 13 && nl !== -1 ? stop - 1 : stop;
        if (nl === -1 && !final) break;
        this.checkLength(b, pos, nl === -1 ? stop : nl);
        this.simple(b, pos, end);
        pos = nl === -1 ? complete : nl + 1;
        continue;
      }
      const next = this.quoted(b, pos, final);
      if (next === -1) break;
      pos = next;
    }
    this.pending = pos < len ? Buffer.from(b.subarray(pos)) : null;
    if (this.pending && this.pending.length > this.max) {
      // bytes are not characters: count them (at most 4 bytes per character; a partial one at the end is cut)
      if (this.pending.length > 4 * this.max + 4) this.tooLong();
      const text = Buffer.from(this.pending).toString('utf8');
      if (text.length > this.max + 1) this.tooLong();
    }
  }

  private checkLength(b: Buffer, s: number, e: number): void {
    if (e - s > this.max && b.toString('utf8', s, e).length > this.max) this.tooLong();
  }

  private tooLong(): never {
    throw new RosterFileError(
      'LINE_TOO_LONG',
      `Row ${this.recordNumber + 1} is longer than ${this.max} characters: this is not a roster file (or its line breaks are missing)`,
    );
  }

  /** a record without quotes: b[s, e) without its line break */
  private simple(b: Buffer, s: number, e: number): void {
    this.recordNumber++;
    if (this.recordNumber > 1 && this.canonical && this.opts.onBytes) {
      const starts = this.starts;
      const ends = this.ends;
      const last = this.n - 1;
      let k = 0;
      let fs = s;
      // fields are short: a loop beats a native indexOf call per comma
      for (let i = s; i < e; i++) {
        if (b[i] !== 44) continue;
        if (k === last) {
          k = -1; // more fields than columns
          break;
        }
        starts[k] = fs;
        ends[k++] = i;
        fs = i + 1;
      }
      if (k === last) {
        starts[k] = fs;
        ends[k] = e;
        if (this.opts.onBytes(this.recordNumber, b, starts, ends)) return;
      }
    }
    this.recordNumber--;
    this.emit(e === s ? [] : b.toString('utf8', s, e).split(','));
  }

  /** A record with quotes from s: returns the position after it, or -1 when it is incomplete (and not final). */
  private quoted(b: Buffer, start: number, final: boolean): number {
    let i = start;
    let inQuotes = false;
    let fieldStart = true;
    const len = b.length;
    while (i < len) {
      const c = b[i];
      if (inQuotes) {
        if (c === 34) {
          if (i + 1 < len && b[i + 1] === 34) {
            i += 2;
            continue;
          }
          if (i + 1 >= len && !final) return -1;
          inQuotes = false;
        }
        i++;
        if (i - start > 4 * this.max + 4) this.tooLong();
        continue;
      }
      if (c === 34 && fieldStart) {
        inQuotes = true;
        fieldStart = false;
      } else if (c === 44) fieldStart = true;
      else if (c === 10) {
        this.checkLength(b, start, i);
        this.emit(splitQuoted(this.decode(b, start, i)));
        return i + 1;
      } else fieldStart = false;
      i++;
      if (i - start > 4 * this.max + 4) this.tooLong(); // more bytes than max characters can take
    }
    if (!final) return -1;
    if (inQuotes)
      throw new RosterFileError(
        'UNTERMINATED_QUOTE',
        `Row ${this.recordNumber + 1}: a quoted field is never closed (missing ")`,
      );
    this.emit(splitQuoted(this.decode(b, start, len)));
    return len;
  }

  private decode(b: Buffer, s: number, e: number): string {
    try {
      return this.decoder.decode(b.subarray(s, e));
    } catch {
      return this.notUtf8(true);
    }
  }

  private emit(fields: string[]): void {
    this.recordNumber++;
    if (this.recordNumber === 1) {
      const raw = fields.map((f, i) => (i === fields.length - 1 && f.endsWith('\r') ? f.slice(0, -1) : f));
      this.order = headerOrder(raw, this.opts.expectedColumns);
      this.canonical = this.order.every((p, k) => p === k);
      return;
    }
    this.deliver(fields, this.order!, this.opts.onRecord);
  }
}

/** Fields of one complete record with quotes (RFC 4180, "" inside quotes), its line break removed. */
function splitQuoted(text: string): string[] {
  const fields: string[] = [];
  let field = '';
  let inQuotes = false;
  let fieldStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inQuotes) {
      if (c === 34) {
        if (text.charCodeAt(i + 1) === 34) {
          field += '"';
          i++;
        } else inQuotes = false;
      } else field += text[i];
    } else if (c === 34 && fieldStart) {
      inQuotes = true;
      fieldStart = false;
    } else if (c === 44) {
      fields.push(field);
      field = '';
      fieldStart = true;
    } else {
      field += text[i];
      fieldStart = false;
    }
  }
  if (field.endsWith('\r')) field = field.slice(0, -1);
  fields.push(field);
  return fields;
}
