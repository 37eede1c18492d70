import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { ByteOut } from './row-validator';

/** A COPY (or file) stream fed in batches through a ByteOut, with back-pressure and its error kept. */
export class CopySink {
  private error: Error | null = null;
  /** the lines, as bytes (fast path) or strings, flushed in 256 KB batches */
  readonly out: ByteOut;
  constructor(private readonly stream: Writable) {
    stream.on('error', (e: Error) => (this.error = e));
    this.out = new ByteOut((b) => void this.stream.write(b));
  }
  /** bytes as they are (the spool of the input) */
  raw(b: Uint8Array): void {
    this.out.flush();
    this.stream.write(b);
  }
  /**
   * Back-pressure point, once per input chunk: waits until the stream has taken what it was given. The importer
   * waits for several sinks one after another, so a sink may have drained while another was awaited; its 'drain'
   * has then been emitted already and will not come again. Whether to wait is therefore read from the stream now
   * (`writableNeedDrain`), never remembered from the write.
   */
  async drained(): Promise<void> {
    if (this.error) throw this.error;
    // closed already (its 'close' is past too): it takes nothing more
    if (this.stream.destroyed) throw this.error ?? new Error('the COPY stream closed before it drained');
    if (!this.stream.writableNeedDrain) return;
    // every listener goes when any fires (once() + race would leave the others behind at every wait)
    await new Promise<void>((resolve, reject) => {
      const off = () => {
        this.stream.off('drain', drain);
        this.stream.off('error', fail);
        this.stream.off('close', closed);
      };
      const drain = () => (off(), resolve());
      const fail = (e: Error) => (off(), reject(e));
      const closed = () => (off(), reject(this.error ?? new Error('the COPY stream closed before it drained')));
      this.stream.on('drain', drain);
      this.stream.on('error', fail);
      this.stream.on('close', closed);
    });
  }
  async end(): Promise<void> {
    this.out.flush();
    await this.drained();
    this.stream.end();
    await finished(this.stream);
    if (this.error) throw this.error;
  }
}
