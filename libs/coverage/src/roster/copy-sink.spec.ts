import { Writable } from 'node:stream';
import { CopySink } from './copy-sink';

/** A stream that keeps every write pending until `release()`: back-pressure under the test's control. */
function heldStream(highWaterMark = 8) {
  const pending: (() => void)[] = [];
  const written: string[] = [];
  const stream = new Writable({
    highWaterMark,
    write(chunk: Buffer, _enc, cb) {
      written.push(chunk.toString());
      pending.push(cb);
    },
  });
  return {
    stream,
    written,
    /** completes the writes held so far (and those the stream hands on meanwhile) */
    release: () => {
      while (pending.length) pending.shift()!();
    },
  };
}

/** 'pending' when the promise has not settled once everything already queued has run (nothing else will settle it) */
async function state(p: Promise<unknown>): Promise<'resolved' | 'rejected' | 'pending'> {
  let s: 'resolved' | 'rejected' | 'pending' = 'pending';
  p.then(
    () => (s = 'resolved'),
    () => (s = 'rejected'),
  );
  await new Promise((r) => setImmediate(r));
  return s;
}

describe('CopySink back-pressure', () => {
  it('a sink that drained while another was awaited does not wait for a drain that already happened', async () => {
    const a = heldStream();
    const b = heldStream();
    const sinkA = new CopySink(a.stream);
    const sinkB = new CopySink(b.stream);
    sinkA.raw(Buffer.from('0123456789')); // over the high-water mark: both streams ask for a drain
    sinkB.raw(Buffer.from('0123456789'));
    expect(a.stream.writableNeedDrain).toBe(true);
    expect(b.stream.writableNeedDrain).toBe(true);

    const waitA = sinkA.drained();
    expect(await state(waitA)).toBe('pending');
    b.release(); // B drains (emits 'drain') while the importer is waiting for A
    expect(b.stream.writableNeedDrain).toBe(false);
    a.release();
    expect(await state(waitA)).toBe('resolved');
    // before the fix B remembered "must drain" from its write and waited for a second 'drain' that never came
    expect(await state(sinkB.drained())).toBe('resolved');
  });

  it('waits while the stream still holds more than it takes, and goes on when it drains', async () => {
    const a = heldStream();
    const sink = new CopySink(a.stream);
    sink.out.text('a line of the roster\n');
    sink.out.flush();
    const wait = sink.drained();
    expect(await state(wait)).toBe('pending');
    a.release();
    expect(await state(wait)).toBe('resolved');
    expect(a.written.join('')).toBe('a line of the roster\n');
    expect(await state(sink.drained())).toBe('resolved'); // nothing written since: no wait
  });

  it('a stream that fails or closes while awaited rejects the wait instead of hanging', async () => {
    const a = heldStream();
    const sink = new CopySink(a.stream);
    sink.raw(Buffer.from('0123456789'));
    const wait = sink.drained();
    a.stream.destroy(new Error('COPY refused'));
    await expect(wait).rejects.toThrow('COPY refused');
    await expect(sink.drained()).rejects.toThrow('COPY refused');

    const b = heldStream();
    const closing = new CopySink(b.stream);
    closing.raw(Buffer.from('0123456789'));
    const waitB = closing.drained();
    b.stream.destroy();
    await expect(waitB).rejects.toThrow('closed before it drained');

    // closed before anyone waits: the wait fails at once instead of listening for events that are past
    const c = heldStream();
    const gone = new CopySink(c.stream);
    gone.raw(Buffer.from('0123456789'));
    c.stream.destroy();
    await new Promise((r) => setImmediate(r)); // its 'close' is emitted
    expect(await state(gone.drained())).toBe('rejected');
  });
});
