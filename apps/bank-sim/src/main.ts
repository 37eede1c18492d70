import { startBankSim } from './bank-sim';

/** `npm run bank-sim`: the bank simulator on BANK_SIM_PORT (default 4010). */
async function main(): Promise<void> {
  const port = Number(process.env.BANK_SIM_PORT ?? 4010);
  const sim = await startBankSim({ port, host: process.env.BANK_SIM_HOST ?? '127.0.0.1' });
  process.stdout.write(`bank simulator listening on ${sim.url}\n`);
  const stop = () => void sim.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`bank-sim failed: ${(err as Error).message}\n`);
  process.exit(1);
});
