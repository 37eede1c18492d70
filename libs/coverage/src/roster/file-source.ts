import fs from 'node:fs';
import type { Readable } from 'node:stream';

/** A roster to import and, where the source can be read twice, how to read it again from its start. */
export interface RosterSource {
  input: Readable;
  /**
   * The same bytes again (the importer's fast path then keeps no spool copy of the input: if it gives way to the
   * staging merge, the source is read a second time). Throws when that cannot be promised.
   */
  reopen?: () => Readable;
}

/**
 * A roster file on local disk. It is read twice at most; the second read refuses to start when the file is no longer
 * the one first read (another inode, size or modification time): the import then fails and changes nothing, rather
 * than merge bytes that were never validated.
 */
export function rosterFileSource(file: string): RosterSource {
  const first = fs.statSync(file);
  const open = () => fs.createReadStream(file, { highWaterMark: 1 << 20 });
  return {
    input: open(),
    reopen: () => {
      const now = fs.statSync(file);
      if (now.ino !== first.ino || now.size !== first.size || now.mtimeMs !== first.mtimeMs) {
        throw new Error(`the file ${file} changed while it was being imported; import it again`);
      }
      return open();
    },
  };
}
