import { WindowThrottlerStorage } from './window-throttler-storage';

describe('WindowThrottlerStorage (fixed window, constant work per request)', () => {
  const t0 = 1_700_000_000_000;

  it('lets `limit` requests through in a window, refuses the next until the block ends, then counts anew', () => {
    const s = new WindowThrottlerStorage();
    for (let i = 1; i <= 3; i++) {
      expect(s.hit('k', 60000, 3, 60000, t0 + i)).toMatchObject({ totalHits: i, isBlocked: false });
    }
    expect(s.hit('k', 60000, 3, 60000, t0 + 10)).toMatchObject({
      isBlocked: true,
      timeToBlockExpire: 60,
    });
    // still blocked 59 s later, and refused hits do not extend the block
    expect(s.hit('k', 60000, 3, 60000, t0 + 59010)).toMatchObject({ isBlocked: true, timeToBlockExpire: 1 });
    // the block is over: a fresh window
    expect(s.hit('k', 60000, 3, 60000, t0 + 60011)).toMatchObject({ totalHits: 1, isBlocked: false });
    s.onModuleDestroy();
  });

  it('counts keys and throttlers apart, and the sweep drops only windows that are over', () => {
    const s = new WindowThrottlerStorage();
    s.hit('a', 1000, 1, 1000, t0);
    expect(s.hit('b', 1000, 1, 1000, t0).isBlocked).toBe(false);
    expect(s.hit('a', 1000, 1, 1000, t0 + 1).isBlocked).toBe(true);
    s.hit('c', 5000, 10, 5000, t0 + 2000);
    s.sweep(t0 + 2500); // a is blocked until t0 + 1001: over; b's window ended at t0 + 1000
    expect(s.size).toBe(1);
    s.onModuleDestroy();
  });

  it('via the library interface, names the throttler in the key', async () => {
    const s = new WindowThrottlerStorage();
    await s.increment('ip', 60000, 1, 60000, 'default');
    expect((await s.increment('ip', 60000, 1, 60000, 'other')).isBlocked).toBe(false);
    expect((await s.increment('ip', 60000, 1, 60000, 'default')).isBlocked).toBe(true);
    s.onModuleDestroy();
  });
});
