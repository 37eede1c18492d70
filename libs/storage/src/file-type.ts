/** The document types Sigap accepts, recognised by their first bytes (never by name or declared type). */
export type AcceptedType = 'application/pdf' | 'image/jpeg' | 'image/png';

const SIGNATURES: { type: AcceptedType; ext: string; magic: number[] }[] = [
  { type: 'application/pdf', ext: 'pdf', magic: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { type: 'image/jpeg', ext: 'jpg', magic: [0xff, 0xd8, 0xff] },
  { type: 'image/png', ext: 'png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
];

export function sniffType(bytes: Uint8Array): { type: AcceptedType; ext: string } | undefined {
  const hit = SIGNATURES.find((s) => s.magic.every((b, i) => bytes[i] === b));
  return hit && { type: hit.type, ext: hit.ext };
}

/** 10 MB: a phone photo of a document or a scanned PDF fits; anything larger is refused. */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

/**
 * A file name safe to store and to show: no path parts, no control or shell characters, at most 120 characters,
 * the extension forced to the one the bytes prove.
 */
export function sanitiseFileName(name: string | undefined, ext: string): string {
  const base = (name ?? '')
    .split(/[\\/]/)
    .pop()!
    .normalize('NFKC')
    .replace(/\.[A-Za-z0-9]{1,5}$/, '')
    .replace(/[^A-Za-z0-9 ._()-]+/g, '_')
    .replace(/^[.\s_-]+/, '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 120 - ext.length - 1);
  return `${base || 'dokumen'}.${ext}`;
}

export class DocumentRejectedError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'DocumentRejectedError';
  }
}

/** Checks an upload: size, then type by its bytes. Returns the proven type and a safe file name. */
export function inspectUpload(
  bytes: Uint8Array,
  fileName: string | undefined,
): { type: AcceptedType; ext: string; fileName: string } {
  if (bytes.length === 0) throw new DocumentRejectedError('file', 'the file is empty');
  if (bytes.length > MAX_DOCUMENT_BYTES) {
    throw new DocumentRejectedError('file', `the file is larger than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB`);
  }
  const sniffed = sniffType(bytes);
  if (!sniffed)
    throw new DocumentRejectedError('file', 'only PDF, JPEG and PNG files are accepted (checked by content)');
  return { ...sniffed, fileName: sanitiseFileName(fileName, sniffed.ext) };
}
