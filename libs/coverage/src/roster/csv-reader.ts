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

export class RosterCsvReader {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  private pending = '';
  private recordNumber = 0;
  private order: number[] | null = null; // position in the file of each expected column
  private readonly max: number;
  private bytes = 0;

  constructor(private readonly opts: CsvReaderOptions) {
    this.max = opts.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS;
  }

  get records(): number {
    return Math.max(0, this.recordNumber - 1);
  }

  get bytesRead(): number {
    return this.bytes;
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
    const order = this.order!;
    if (fields.length !== order.length) {
      this.opts.onRecord(this.recordNumber, null, fields.length);
      return;
    }
    const out = new Array<string>(order.length);
    for (let k = 0; k < order.length; k++) out[k] = fields[order[k]];
    this.opts.onRecord(this.recordNumber, out, fields.length);
  }

  private readHeader(raw: string[]): void {
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
    const expected = this.opts.expectedColumns;
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
    this.order = expected.map((c) => names.indexOf(c));
  }
}
