/** A workflow that does nothing: the benchmark's yardstick for the server's own start/complete rate. */
export async function NoopWorkflow(): Promise<void> {
  return;
}
