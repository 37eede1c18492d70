import fs from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  const stack = (globalThis as Record<string, unknown>).__SIGAP_TEST_STACK__ as
    { stops: (() => Promise<void>)[]; tmp?: string } | undefined;
  if (!stack) return;
  for (const stop of stack.stops.reverse()) {
    await stop().catch((err: unknown) => process.stderr.write(`teardown: ${String(err)}\n`));
  }
  if (stack.tmp) fs.rmSync(stack.tmp, { recursive: true, force: true });
}
