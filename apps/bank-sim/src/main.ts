import { startBankSim } from './bank-sim';
import { DEMO_BANK_ACCOUNTS } from './demo-accounts';

/** `npm run bank-sim`: the bank simulator on BANK_SIM_PORT (default 4010), with the demo accounts open. */
async function main(): Promise<void> {
  const port = Number(process.env.BANK_SIM_PORT ?? 4010);
  const sim = await startBankSim({
    port,
    host: process.env.BANK_SIM_HOST ?? '127.0.0.1',
    accounts: [...DEMO_BANK_ACCOUNTS],
  });
  process.stdout.write(
    `bank simulator listening on ${sim.url} (${sim.accounts.size} demo accounts open; POST /v1/accounts opens more)\n`,
  );
  const stop = () => void sim.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`bank-sim failed: ${(err as Error).message}\n`);
  process.exit(1);
});
