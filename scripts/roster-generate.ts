/**
 * npm run roster:generate -- --rows 6000000 --seed 42 --out /tmp/roster.csv [--regions 3273,3204] [--gap-regions 3201,5301]
 *   [--event PEMILU_2024]
 * Deterministic synthetic roster (see libs/coverage/src/roster/generator.ts); streamed to the file. --regions keeps
 * to those provinces or kab/kota (rows split evenly among their kab/kota).
 */
import fs from 'node:fs';
import { once } from 'node:events';
import { generateRoster, type GeneratorOptions } from '@sigap/coverage';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

export async function writeRoster(out: string, opts: GeneratorOptions): Promise<number> {
  const chunks = generateRoster(opts);
  let next = chunks.next(); // a wrong region or row count throws here, before the file is created
  const stream = fs.createWriteStream(out);
  let bytes = 0;
  for (; !next.done; next = chunks.next()) {
    bytes += Buffer.byteLength(next.value);
    if (!stream.write(next.value)) await once(stream, 'drain');
  }
  stream.end();
  await once(stream, 'finish');
  return bytes;
}

async function main(): Promise<void> {
  const rows = Number(arg('rows') ?? '1000');
  const seed = Number(arg('seed') ?? '1');
  const out = arg('out');
  if (!out || !Number.isInteger(rows) || rows < 1 || !Number.isInteger(seed)) {
    process.stderr.write(
      'usage: roster-generate --rows N --seed S --out file.csv [--regions 3273,3204] [--gap-regions 3201,53] [--event PEMILU_2024]\n',
    );
    process.exit(2);
  }
  const list = (name: string) =>
    (arg(name) ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  const gapRegions = list('gap-regions');
  const regions = list('regions');
  const started = Date.now();
  const bytes = await writeRoster(out, { rows, seed, gapRegions, regions, event: arg('event') });
  process.stdout.write(
    `wrote ${rows} rows (${(bytes / 1e6).toFixed(1)} MB) to ${out} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
}

if (require.main === module) {
  main().catch((e: unknown) => {
    process.stderr.write(`roster-generate: ${(e as Error).message}\n`);
    process.exit(1);
  });
}
