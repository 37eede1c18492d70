/**
 * How many requests a second this process is answering, over the last one to two seconds: the api counts every
 * request it receives here (a Fastify onRequest hook), and the workflow starter reads it to hold its starts back
 * while people are waiting for answers (ClaimsService). Two fixed buckets of `bucketMs` (a second: clients that send
 * in bursts, say 50 reports at the top of each second, read as busy for the whole second): counting costs an addition,
 * nothing is kept per request, and nothing can leak (a request that never finishes is counted once, like any other).
 */
export class RequestRate {
  private current = 0;
  private previous = 0;
  private bucketStart = 0;

  constructor(
    private readonly bucketMs = 1000,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Counts one request. */
  hit(): void {
    this.roll(this.clock());
    this.current++;
  }

  /** Requests a second over the last full bucket and the current one. */
  perSecond(): number {
    const now = this.clock();
    this.roll(now);
    const elapsed = this.bucketMs + (now - this.bucketStart);
    return ((this.previous + this.current) * 1000) / elapsed;
  }

  private roll(now: number): void {
    if (now - this.bucketStart < this.bucketMs) return;
    // one bucket later: the current becomes the previous; more than one: both are empty
    this.previous = now - this.bucketStart < 2 * this.bucketMs ? this.current : 0;
    this.current = 0;
    this.bucketStart = now - ((now - this.bucketStart) % this.bucketMs);
  }
}

/** The api process's request rate (one per process, like a metric). */
export const apiRequestRate = new RequestRate();
