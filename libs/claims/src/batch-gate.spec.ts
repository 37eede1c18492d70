import DataLoader from 'dataloader';
import { BatchGate } from './batch-gate';

const tick = () => new Promise<void>((r) => setImmediate(r));

/** A batch function whose batches end when the test says so. */
function controlled() {
  const batches: { keys: number[]; end: () => void }[] = [];
  const gate = new BatchGate(2);
  const loader = new DataLoader<number, number>(
    (keys) =>
      gate.run(
        () =>
          new Promise<number[]>((resolve) =>
            batches.push({ keys: [...keys], end: () => resolve(keys.map((k) => k * 10)) }),
          ),
      ),
    { cache: false, maxBatchSize: 3, batchScheduleFn: gate.schedule },
  );
  return { gate, loader, batches };
}

describe('BatchGate (group commit for a DataLoader)', () => {
  it('sends a lone load after the current turn, on its own', async () => {
    const { loader, batches, gate } = controlled();
    const answer = loader.load(1);
    expect(batches).toHaveLength(0);
    await tick();
    expect(batches.map((b) => b.keys)).toEqual([[1]]);
    expect(gate.inFlight).toBe(1);
    batches[0].end();
    await expect(answer).resolves.toBe(10);
    expect(gate.inFlight).toBe(0);
  });

  it('runs at most `limit` batches; loads arriving meanwhile wait and go together when one ends', async () => {
    const { loader, batches, gate } = controlled();
    const answers = [1, 2, 3, 4, 5, 6].map((k) => loader.load(k));
    await tick();
    expect(batches.map((b) => b.keys)).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    // two running: these wait, and keep joining one batch (up to maxBatchSize) while they do
    const later = [7, 8].map((k) => loader.load(k));
    await tick();
    const more = [9, 10].map((k) => loader.load(k));
    await tick();
    expect(batches).toHaveLength(2);
    expect(gate.queued).toBe(2); // [7, 8, 9] and [10]
    batches[1].end();
    await tick();
    expect(batches.map((b) => b.keys).slice(2)).toEqual([[7, 8, 9]]);
    expect(gate.inFlight).toBe(2);
    batches[0].end();
    await tick();
    expect(batches.map((b) => b.keys).slice(3)).toEqual([[10]]);
    batches[2].end();
    batches[3].end();
    await expect(Promise.all([...answers, ...later, ...more])).resolves.toEqual([
      10, 20, 30, 40, 50, 60, 70, 80, 90, 100,
    ]);
    expect(gate.inFlight).toBe(0);
    expect(gate.queued).toBe(0);
  });

  it('frees the place of a batch that fails, and the one waiting goes', async () => {
    const gate = new BatchGate(1);
    const seen: number[][] = [];
    let refuse!: () => void;
    const loader = new DataLoader<number, number>(
      (keys) =>
        gate.run(async () => {
          seen.push([...keys]);
          if (keys.includes(1)) {
            await new Promise<void>((r) => (refuse = r));
            throw new Error('refused');
          }
          return [...keys];
        }),
      { cache: false, batchScheduleFn: gate.schedule },
    );
    const first = loader.load(1).catch((err: Error) => err);
    await tick();
    const second = loader.load(2);
    await tick();
    expect(seen).toEqual([[1]]); // the second waits for the first's place
    refuse();
    expect(await first).toEqual(new Error('refused'));
    await expect(second).resolves.toBe(2);
    expect(seen).toEqual([[1], [2]]);
    expect(gate.inFlight).toBe(0);
  });

  it('refuses a limit below one', () => {
    expect(() => new BatchGate(0)).toThrow(RangeError);
    expect(() => new BatchGate(1.5)).toThrow(RangeError);
  });
});
