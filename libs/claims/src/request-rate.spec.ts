import { RequestRate } from './request-rate';

describe('RequestRate', () => {
  let now = 1_000_000;
  const rate = () => new RequestRate(250, () => now);

  it('is zero before any request', () => {
    expect(rate().perSecond()).toBe(0);
  });

  it('counts requests a second over the last bucket and the current one', () => {
    const r = rate();
    now = 1_000_000; // a bucket boundary
    for (let i = 0; i < 50; i++) r.hit(); // 50 in the first 250 ms
    now += 250;
    for (let i = 0; i < 50; i++) r.hit(); // 50 more at the start of the next
    now += 125;
    // 100 requests over 375 ms
    expect(r.perSecond()).toBeCloseTo((100 * 1000) / 375, 6);
  });

  it('forgets a burst once it is two buckets old', () => {
    const r = rate();
    now = 2_000_000;
    for (let i = 0; i < 100; i++) r.hit();
    now += 300;
    expect(r.perSecond()).toBeGreaterThan(100);
    now += 250;
    expect(r.perSecond()).toBe(0);
    // and after a long quiet spell nothing is left either
    r.hit();
    now += 10_000;
    expect(r.perSecond()).toBe(0);
  });
});
