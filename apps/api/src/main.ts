import 'reflect-metadata';
import { EnvValidationError, reportReady, stopWhenParentGoes, validateEnv } from '@sigap/config';
import { createApiApp } from './create-app';

async function main(): Promise<void> {
  const env = validateEnv(process.env);
  const app = await createApiApp();
  try {
    await app.listen(env.API_PORT, env.API_HOST);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new Error(`port ${env.API_PORT} on ${env.API_HOST} is already in use (set API_PORT)`);
    }
    throw err;
  }
  stopWhenParentGoes(() => app.close());
  reportReady('api');
}

main().catch((err: unknown) => {
  const msg =
    err instanceof EnvValidationError
      ? err.message
      : `api failed to start: ${(err as Error)?.message ?? err}`;
  process.stderr.write(`${msg}\n`);
  process.exit(1);
});
