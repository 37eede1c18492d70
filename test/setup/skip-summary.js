/**
 * A jest reporter: after the run, how many tests were skipped and why (the `[skipped: …]` marker that
 * test/support/tools.ts puts on an opted-out describe; anything else skipped is listed as "no reason given").
 */
'use strict';

class SkipSummary {
  onRunComplete(_contexts, results) {
    const reasons = new Map();
    for (const file of results.testResults) {
      for (const t of file.testResults) {
        if (t.status !== 'pending' && t.status !== 'todo' && t.status !== 'skipped') continue;
        const marker = [...t.ancestorTitles, t.title].join(' ').match(/\[skipped: ([^\]]+)\]/);
        const why = marker ? marker[1] : 'no reason given';
        reasons.set(why, (reasons.get(why) ?? 0) + 1);
      }
    }
    const total = [...reasons.values()].reduce((a, b) => a + b, 0);
    if (total === 0) return;
    const parts = [...reasons].map(([why, n]) => `${n} (${why})`).join(', ');
    process.stderr.write(`\nskipped: ${total} test${total === 1 ? '' : 's'}: ${parts}\n`);
  }
}

module.exports = SkipSummary;
