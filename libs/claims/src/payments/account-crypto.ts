import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Bank account numbers and holder names are stored encrypted (AES-256-GCM). The key comes from
 * SIGAP_DATA_KEY (any string; hashed to 32 bytes); development and tests use a fixed fallback key.
 */
function key(): Buffer {
  return createHash('sha256')
    .update(process.env.SIGAP_DATA_KEY ?? 'sigap-development-only-key')
    .digest();
}

export function encryptField(plain: string): string {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key(), iv);
  const enc = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
  return `v1:${iv.toString('base64')}:${c.getAuthTag().toString('base64')}:${enc.toString('base64')}`;
}

export function decryptField(stored: string): string {
  const [v, iv, tag, enc] = stored.split(':');
  if (v !== 'v1') throw new Error('unknown encryption version');
  const d = createDecipheriv('aes-256-gcm', key(), Buffer.from(iv, 'base64'));
  d.setAuthTag(Buffer.from(tag, 'base64'));
  return Buffer.concat([d.update(Buffer.from(enc, 'base64')), d.final()]).toString('utf8');
}

/** BNI ******7890: the bank and the last four digits. */
export function maskAccount(bankCode: string, accountNumber: string): string {
  const digits = accountNumber.replace(/\D/g, '');
  return `${bankCode} ******${digits.slice(-4)}`;
}
