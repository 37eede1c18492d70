import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

export interface StoredObject {
  /** opaque reference, e.g. local:2026/11/<uuid> or s3://bucket/key */
  ref: string;
  sha256: string;
  size: number;
}

/**
 * Where document bytes live. The local-disk adapter is the default; an S3-compatible adapter implements the same
 * three methods and is chosen by configuration (DOCUMENT_STORAGE), nothing else changes.
 */
export interface DocumentStorage {
  put(bytes: Uint8Array, contentType: string): Promise<StoredObject>;
  get(ref: string): Promise<Buffer>;
  delete(ref: string): Promise<void>;
}

export const DOCUMENT_STORAGE = Symbol('DOCUMENT_STORAGE');

/** Files under a root folder (default .data/documents), named by a random id, never by the user's file name. */
export class LocalDiskStorage implements DocumentStorage {
  constructor(private readonly root: string) {}

  async put(bytes: Uint8Array): Promise<StoredObject> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const now = new Date();
    const rel = path.posix.join(
      String(now.getUTCFullYear()),
      String(now.getUTCMonth() + 1).padStart(2, '0'),
      randomUUID(),
    );
    const file = this.resolve(rel);
    await fs.mkdir(path.dirname(file), { recursive: true });
    // write then rename: a reader never sees half a file
    await fs.writeFile(`${file}.part`, bytes, { mode: 0o600 });
    await fs.rename(`${file}.part`, file);
    return { ref: `local:${rel}`, sha256, size: bytes.length };
  }

  async get(ref: string): Promise<Buffer> {
    return fs.readFile(this.resolve(this.relOf(ref)));
  }

  async delete(ref: string): Promise<void> {
    await fs.rm(this.resolve(this.relOf(ref)), { force: true });
  }

  private relOf(ref: string): string {
    const m = /^local:(\d{4}\/\d{2}\/[0-9a-f-]{36})$/.exec(ref);
    if (!m) throw new Error('not a local storage reference');
    return m[1];
  }

  private resolve(rel: string): string {
    const file = path.resolve(this.root, rel);
    if (!file.startsWith(path.resolve(this.root) + path.sep))
      throw new Error('path escapes the storage root');
    return file;
  }
}
