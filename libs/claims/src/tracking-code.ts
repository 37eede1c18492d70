import { createHash, randomBytes } from 'node:crypto';

/** Unambiguous alphabet: no 0/O, 1/I/L, so a family can read it over the phone. */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const TRACKING_CODE_LENGTH = 10;
/** random bytes below this (8 × 31) map evenly onto the alphabet; the others are drawn again */
const EVEN = Math.floor(256 / ALPHABET.length) * ALPHABET.length;

const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let poolUsed = 0;

/**
 * Bytes from the CSPRNG, drawn 4 KB at a time (crypto.randomInt keeps such a cache too): each byte is handed out once.
 * A synchronous randomBytes call has a fixed cost of ~4 µs whatever its size (16 bytes: 4.4 µs, 4 KB: 8.6 µs here);
 * one per filing was 3% of the api's CPU in a profile of the filing benchmark.
 */
export function pooledRandomBytes(n: number): Buffer {
  if (n > POOL_BYTES) return randomBytes(n);
  if (poolUsed + n > pool.length) {
    pool = randomBytes(POOL_BYTES);
    poolUsed = 0;
  }
  poolUsed += n;
  return pool.subarray(poolUsed - n, poolUsed);
}

/**
 * A family tracking code: 10 characters from 31 symbols, about 49 bits of entropy, from the CSPRNG: each character
 * is a random byte below 248 modulo 31 (a byte of 248 or more is skipped, so every symbol is equally likely); 16
 * bytes per code from the pool instead of a randomInt per character.
 */
export function newTrackingCode(random: (n: number) => Buffer = pooledRandomBytes): string {
  let code = '';
  while (code.length < TRACKING_CODE_LENGTH) {
    for (const byte of random(16)) {
      if (byte >= EVEN) continue;
      code += ALPHABET[byte % ALPHABET.length];
      if (code.length === TRACKING_CODE_LENGTH) break;
    }
  }
  return code;
}

export function normaliseTrackingCode(code: string): string {
  return code.replace(/[\s-]/g, '').toUpperCase();
}

/** Only the hash is stored; the code itself is shown once, to the reporter, to hand to the family. */
export function hashTrackingCode(code: string): string {
  return createHash('sha256').update(normaliseTrackingCode(code)).digest('hex');
}
