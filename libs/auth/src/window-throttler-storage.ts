import type { ThrottlerStorage } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';

interface Window {
  hits: number;
  /** epoch ms when the counting window ends */
  endsAt: number;
  /** epoch ms until which the key is refused (0: not blocked) */
  blockedUntil: number;
}

/**
 * Fixed-window request counters for @nestjs/throttler: constant work per request (the library's default storage
 * keeps every hit's expiry and filters the whole list on each request, so its cost grows with the limit).
 * A window opens with a key's first request and lasts `ttl`; past `limit` hits the key is refused until
 * `blockDuration` has passed. Idle windows are swept once a minute. Counters live in this process: behind several
 * api replicas each counts its own share (see docs/api.md).
 */
export class WindowThrottlerStorage implements ThrottlerStorage {
  private readonly windows = new Map<string, Window>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(sweepEveryMs = 60000) {
    this.sweeper = setInterval(() => this.sweep(), sweepEveryMs);
    this.sweeper.unref();
  }

  increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    return Promise.resolve(this.hit(`${throttlerName}:${key}`, ttl, limit, blockDuration, Date.now()));
  }

  /** Counts one request at `now` (exposed for tests). */
  hit(id: string, ttl: number, limit: number, blockDuration: number, now: number): ThrottlerStorageRecord {
    let w = this.windows.get(id);
    if (!w || (w.endsAt <= now && w.blockedUntil <= now)) {
      w = { hits: 0, endsAt: now + ttl, blockedUntil: 0 };
      this.windows.set(id, w);
    }
    if (w.blockedUntil > now) {
      return {
        totalHits: w.hits,
        timeToExpire: Math.ceil((w.endsAt - now) / 1000),
        isBlocked: true,
        timeToBlockExpire: Math.ceil((w.blockedUntil - now) / 1000),
      };
    }
    w.hits++;
    const isBlocked = w.hits > limit;
    if (isBlocked) w.blockedUntil = now + blockDuration;
    return {
      totalHits: w.hits,
      timeToExpire: Math.ceil((w.endsAt - now) / 1000),
      isBlocked,
      timeToBlockExpire: isBlocked ? Math.ceil(blockDuration / 1000) : 0,
    };
  }

  sweep(now = Date.now()): void {
    for (const [id, w] of this.windows) if (w.endsAt <= now && w.blockedUntil <= now) this.windows.delete(id);
  }

  get size(): number {
    return this.windows.size;
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
  }
}
