import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  DocumentRejectedError,
  inspectUpload,
  MAX_DOCUMENT_BYTES,
  sanitiseFileName,
  sniffType,
} from './file-type';
import { LocalDiskStorage } from './storage';

const PDF = Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46]);

describe('document inspection', () => {
  it.each([
    [PDF, 'application/pdf'],
    [PNG, 'image/png'],
    [JPEG, 'image/jpeg'],
  ])('recognises %# by its bytes', (bytes, type) => {
    expect(sniffType(bytes)?.type).toBe(type);
  });

  it('refuses a script renamed to .pdf, an empty file and an oversized one, naming the field', () => {
    const fake = Buffer.from('#!/bin/sh\nrm -rf /\n');
    expect(() => inspectUpload(fake, 'akta-kematian.pdf')).toThrow(/only PDF, JPEG and PNG/);
    expect(() => inspectUpload(Buffer.alloc(0), 'a.pdf')).toThrow(/empty/);
    const big = Buffer.concat([PDF, Buffer.alloc(MAX_DOCUMENT_BYTES)]);
    try {
      inspectUpload(big, 'a.pdf');
      throw new Error('not refused');
    } catch (err) {
      expect(err).toBeInstanceOf(DocumentRejectedError);
      expect((err as DocumentRejectedError).field).toBe('file');
    }
  });

  it.each([
    ['../../etc/passwd', 'pdf', 'passwd.pdf'],
    ['C:\\Users\\x\\KTP ahli waris.JPG', 'jpg', 'KTP ahli waris.jpg'],
    ['<img src=x onerror=alert(1)>.png', 'png', 'img src_x onerror_alert(1)_.png'],
    ['<script>alert(1)</script>.png', 'png', 'script_.png'],
    ['', 'pdf', 'dokumen.pdf'],
    ['surat kematian.exe', 'pdf', 'surat kematian.pdf'],
  ])('sanitises %j', (name, ext, expected) => {
    expect(sanitiseFileName(name, ext)).toBe(expected);
  });

  it('keeps long names under 120 characters', () => {
    expect(sanitiseFileName('a'.repeat(500), 'pdf').length).toBeLessThanOrEqual(120);
  });
});

describe('LocalDiskStorage', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sigap-storage-'));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('stores, reads back and deletes by an opaque reference, with the content hash', async () => {
    const s = new LocalDiskStorage(root);
    const stored = await s.put(PDF);
    expect(stored.ref).toMatch(/^local:\d{4}\/\d{2}\/[0-9a-f-]{36}$/);
    expect(stored.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await s.get(stored.ref)).equals(PDF)).toBe(true);
    await s.delete(stored.ref);
    await expect(s.get(stored.ref)).rejects.toThrow();
  });

  it('refuses references that are not its own or that would escape the root', async () => {
    const s = new LocalDiskStorage(root);
    await expect(s.get('local:../../etc/passwd')).rejects.toThrow('not a local storage reference');
    await expect(s.get('s3://bucket/key')).rejects.toThrow('not a local storage reference');
  });
});
