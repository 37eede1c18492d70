/**
 * Tests that need a tool beyond npm ci (the time-skipping test server, Chromium). The integration global setup
 * provisions the tools (scripts/test-tools.js) and hands the outcome over in SIGAP_TEST_TOOLS. A missing tool makes
 * the tests that need it fail with a message naming it and how to get it; only an explicit opt-out
 * (SIGAP_SKIP_TIMERS=1, SIGAP_SKIP_BROWSER=1) skips them, and the run's summary then says how many and why
 * (test/setup/skip-summary.js).
 */
type Tool = 'timers' | 'browser';
type Outcome = { ok: true; path?: string } | { ok: false; why?: string; optedOut?: string };

const WHAT: Record<Tool, string> = {
  timers: 'the time-skipping test server',
  browser: 'Chromium',
};

export function toolOutcome(tool: Tool): Outcome {
  const raw = process.env.SIGAP_TEST_TOOLS;
  if (!raw)
    return { ok: false, why: `${WHAT[tool]}: the integration global setup did not run (SIGAP_TEST_TOOLS)` };
  const all = JSON.parse(raw) as Record<Tool, Outcome>;
  return all[tool] ?? { ok: false, why: `${WHAT[tool]} was not provisioned` };
}

/** The marker the skip summary groups by: `[skipped: SIGAP_SKIP_BROWSER=1]`. */
export const skipMarker = (why: string) => `[skipped: ${why}]`;

/** describe() when the tool is there; one failing test naming it when it is missing; describe.skip on opt-out. */
export function describeNeeding(tool: Tool, title: string, body: () => void): void {
  const t = toolOutcome(tool);
  if (t.ok) {
    describe(title, body);
  } else if (t.optedOut) {
    describe.skip(`${title} ${skipMarker(t.optedOut)}`, body);
  } else {
    describe(title, () => {
      it(`needs ${WHAT[tool]}`, () => {
        throw new Error(t.why ?? `${WHAT[tool]} is missing`);
      });
    });
  }
}
