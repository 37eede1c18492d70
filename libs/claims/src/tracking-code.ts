import { createHash, randomInt } from 'node:crypto';

/** Unambiguous alphabet: no 0/O, 1/I/L, so a family can read it over the phone. */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const TRACKING_CODE_LENGTH = 10;

/** A family tracking code: 10 characters from 31 symbols, about 49 bits of entropy. */
export function newTrackingCode(): string {
  let code = '';
  for (let i = 0; i < TRACKING_CODE_LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

export function normaliseTrackingCode(code: string): string {
  return code.replace(/[\s-]/g, '').toUpperCase();
}

/** Only the hash is stored; the code itself is shown once, to the reporter, to hand to the family. */
export function hashTrackingCode(code: string): string {
  return createHash('sha256').update(normaliseTrackingCode(code)).digest('hex');
}
