/**
 * npm run roster:generate -- --rows 6000000 --seed 42 --out /tmp/roster.csv [--gap-regions 3201,5301] [--event PEMILU_2024]
 * Deterministic synthetic roster (see libs/coverage/src/roster/generator.ts); streamed to the file.
 */
import fs from 'node:fs';
import { once } from 'node:events';
import { generateRoster } from '@sigap/coverage';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

export async function writeRoster(
  out: string,
  opts: { rows: number; seed: number; gapRegions?: string[]; event?: string },
): Promise<number> {
  const stream = fs.createWriteStream(out);
  let bytes = 0;
  for (const chunk of generateRoster(opts)) {
    bytes += Buffer.byteLength(chunk);
    if (!stream.write(chunk)) await once(stream, 'drain');
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
      'usage: roster-generate --rows N --seed S --out file.csv [--gap-regions 3201,53] [--event PEMILU_2024]\n',
    );
    process.exit(2);
  }
  const gapRegions = (arg('gap-regions') ?? '').split(',').filter(Boolean);
  const started = Date.now();
  const bytes = await writeRoster(out, { rows, seed, gapRegions, event: arg('event') });
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
