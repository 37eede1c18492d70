/**
 * Group commit for a DataLoader: at most `limit` batches run at a time. A batch made while they run waits, and the
 * loads that arrive meanwhile join it (up to the loader's maxBatchSize); it goes the moment a running batch ends.
 * When nothing runs, a batch goes after the current turn of the event loop (setImmediate), as with DataLoader's
 * usual schedule, so a lone request waits for nothing.
 *
 * Without the gate, every turn of the event loop sent its own small batch on its own connection: under load the
 * api kept many database backends busy at once, each paying its statement's fixed cost, and on a machine shared
 * with them the api's single thread waited for a core (docs/api.md, "Group commit of filings").
 *
 *   const gate = new BatchGate(2);
 *   new DataLoader(keys => gate.run(() => load(keys)), { batchScheduleFn: gate.schedule });
 */
export class BatchGate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private pumpQueued = false;

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new RangeError('limit must be a whole number of at least 1');
  }

  /** Batches running now (for tests and figures). */
  get inFlight(): number {
    return this.running;
  }

  /** Batches made and waiting for a running one to end. */
  get queued(): number {
    return this.waiting.length;
  }

  /** DataLoader's batchScheduleFn. */
  readonly schedule = (dispatch: () => void): void => {
    this.waiting.push(dispatch);
    if (this.pumpQueued) return;
    this.pumpQueued = true;
    setImmediate(() => {
      this.pumpQueued = false;
      this.pump();
    });
  };

  /** Runs a dispatched batch (DataLoader's batch function), holding its place until it settles. */
  async run<T>(batch: () => Promise<T>): Promise<T> {
    this.running++;
    try {
      return await batch();
    } finally {
      this.running--;
      this.pump();
    }
  }

  /** DataLoader calls its batch function, so `run`, from within dispatch: the count is up before the next check. */
  private pump(): void {
    while (this.running < this.limit && this.waiting.length > 0) this.waiting.shift()!();
  }
}
