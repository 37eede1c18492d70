/**
 * When started by `npm start` (scripts/start.ts) the api and the worker are child processes with an IPC channel:
 * they report readiness through it, and stop on their own when the channel closes because the parent went away,
 * so no orphan process survives a killed `npm start`.
 */
export function reportReady(service: 'api' | 'worker'): void {
  process.send?.({ type: 'ready', service });
}

export function stopWhenParentGoes(stop: () => Promise<void> | void): void {
  if (!process.send) return;
  process.once('disconnect', () => {
    void Promise.resolve(stop()).finally(() => process.exit(0));
  });
}
