/** Runs pending TypeORM migrations against DATABASE_URL and exits (used by images and by npm start). */
import { validateEnv } from '@sigap/config';
import { runMigrations } from '@sigap/persistence';

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is missing');
  // only the database variable matters here; validate it with the same rule as the apps
  validateEnv({ ...process.env, TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS || 'unused:7233' });
  const applied = await runMigrations(url);
  process.stdout.write(
    applied.length ? `migrations applied: ${applied.join(', ')}\n` : 'schema is up to date\n',
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`migration failed: ${(err as Error).message}\n`);
  process.exit(1);
});
