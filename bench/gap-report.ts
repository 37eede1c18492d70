/**
 * npm run bench:gaps [-- --rows 6000000 --province 35]
 * The coverage-gap report (and the budget) for one province over the full registry: time of each of 5 runs
 * (the first is the coldest).
 */
import { CoverageReportService } from '@sigap/coverage';
import { arg, benchDatabase, say } from './support';
import { ensureRegistry } from './registry';

async function main(): Promise<void> {
  const rows = Number(arg('rows', '6000000'));
  const province = arg('province', '35');
  const db = await benchDatabase('gaps');
  const ds = await ensureRegistry(db.url, rows, 42);
  try {
    const svc = new CoverageReportService(ds);
    say(`# gap report for province ${province} on ${rows} appointments`);
    for (let i = 1; i <= 5; i++) {
      const t = Date.now();
      const g = await svc.gaps(province, 'PEMILU_2024');
      say(
        `gaps run ${i}: ${Date.now() - t} ms — ${g.lines.length} lines, ${g.totals.workers} workers, ${g.totals.uncovered} uncovered, Rp${g.totals.budgetToClose} to close`,
      );
    }
    for (const region of [province, '3201', '5301']) {
      const t = Date.now();
      const b = await svc.budget(region, 'PEMILU_2024');
      say(`budget ${region}: ${Date.now() - t} ms — ${b.totals.headcount} workers, Rp${b.totals.total}`);
    }
    const t = Date.now();
    const g = await svc.gaps('5301', 'PEMILU_2024');
    say(
      `gaps 5301 (a gap regency, by kecamatan): ${Date.now() - t} ms — ${g.totals.uncovered} uncovered, Rp${g.totals.budgetToClose}`,
    );
  } finally {
    await ds.destroy();
    await db.stop();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`bench:gaps failed: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
