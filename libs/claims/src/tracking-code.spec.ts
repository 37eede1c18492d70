import {
  hashTrackingCode,
  newTrackingCode,
  normaliseTrackingCode,
  pooledRandomBytes,
  TRACKING_CODE_LENGTH,
} from './tracking-code';

const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

describe('tracking codes', () => {
  it('are 10 symbols of the unambiguous alphabet, and differ', () => {
    const codes = new Set(Array.from({ length: 2000 }, () => newTrackingCode()));
    expect(codes.size).toBe(2000);
    const shape = new RegExp(`^[${ALPHABET}]{${TRACKING_CODE_LENGTH}}$`);
    expect([...codes].filter((c) => !shape.test(c))).toEqual([]);
  });

  it('map bytes below 248 evenly (byte mod 31) and skip the others', () => {
    const bytes = [248, 255, 0, 30, 31, 247, 250, 62, 1, 2, 3, 4, 5, 6, 7, 8];
    // 248, 255 and 250 are skipped: 0→'2', 30→'Z', 31→'2', 247→'Z' (247 mod 31 = 30), 62→'2', 1..5
    expect(newTrackingCode(() => Buffer.from(bytes))).toBe('2Z2Z2' + '34567');
  });

  it('draw again when a draw has too few usable bytes', () => {
    let calls = 0;
    const random = (n: number) => Buffer.alloc(n, calls++ === 0 ? 255 : 9);
    expect(newTrackingCode(random)).toBe('B'.repeat(10));
    expect(calls).toBe(2);
  });

  it('every symbol turns up about equally often', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 6200; i++)
      for (const ch of newTrackingCode()) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    expect(counts.size).toBe(31);
    // 62,000 symbols, 2,000 expected each; 5 standard deviations ≈ 220
    for (const n of counts.values()) expect(Math.abs(n - 2000)).toBeLessThan(250);
  });

  it('come from a pool of random bytes that hands out every byte once', () => {
    // 1,000 draws of 16 bytes span several refills of the 4 KB pool; a byte handed out twice would repeat a draw
    const draws = Array.from({ length: 1000 }, () => pooledRandomBytes(16));
    expect(draws.every((d) => d.length === 16)).toBe(true);
    expect(new Set(draws.map((d) => d.toString('hex'))).size).toBe(1000);
    const held = Buffer.from(draws[0]);
    pooledRandomBytes(4096); // a refill does not change bytes already handed out
    expect(draws[0].equals(held)).toBe(true);
    expect(pooledRandomBytes(10_000).length).toBe(10_000);
  });

  it('are stored as the hash of their normalised form', () => {
    expect(hashTrackingCode('k7m2-q9xh 4t')).toBe(hashTrackingCode('K7M2Q9XH4T'));
    expect(normaliseTrackingCode('k7m2-q9xh 4t')).toBe('K7M2Q9XH4T');
  });
});
