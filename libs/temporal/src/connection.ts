import { Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';

export class TemporalUnreachableError extends Error {
  constructor(address: string, cause: unknown) {
    super(
      `Temporal is unreachable at TEMPORAL_ADDRESS=${address}: ${(cause as Error)?.message ?? String(cause)}. ` +
        'Start a Temporal server there, or unset TEMPORAL_ADDRESS so that npm start runs the dev server.',
    );
    this.name = 'TemporalUnreachableError';
  }
}

/** Client connection (api); fails fast with a clear message when the server cannot be reached. */
export async function connectClient(address: string, timeoutMs = 10000): Promise<Connection> {
  try {
    const connection = await Connection.connect({ address, connectTimeout: timeoutMs });
    await connection.workflowService.getSystemInfo({});
    return connection;
  } catch (err) {
    throw new TemporalUnreachableError(address, err);
  }
}

/** Worker connection (Rust core); same fail-fast contract. */
export async function connectWorker(address: string): Promise<NativeConnection> {
  try {
    return await NativeConnection.connect({ address });
  } catch (err) {
    throw new TemporalUnreachableError(address, err);
  }
}
