import { webpackConfigHook, WORKFLOWS_PATH } from '@sigap/temporal';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import fs from 'node:fs';
import path from 'node:path';
import { useTestEnv } from './support/stack';

/**
 * Replays the recorded history of each claim path (test/histories/*.json, written by the claim tests with
 * SIGAP_RECORD_HISTORIES=true) against today's workflow code: a change that is not deterministic for running
 * workflows fails here, in CI, before it reaches production. Wrap such changes in patched().
 */
describe('recorded claim histories replay on the current workflow code', () => {
  const dir = path.join(__dirname, 'histories');
  const files = fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .sort()
    : [];

  it('has histories of the main paths', () => {
    useTestEnv('replay');
    expect(files.length).toBeGreaterThanOrEqual(8);
  });

  it('replays every history without non-determinism', async () => {
    const histories = files.map((f) => {
      // { workflowId, history }: fetchHistory() as protobuf JSON (enum names, longs as strings, bytes as base64)
      const { workflowId, history } = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
      return {
        workflowId: workflowId as string,
        history: temporal.api.history.v1.History.fromObject(history),
      };
    });
    const results: { workflowId: string; error?: unknown }[] = [];
    for await (const r of Worker.runReplayHistories(
      { workflowsPath: WORKFLOWS_PATH, bundlerOptions: { webpackConfigHook } },
      histories,
    )) {
      results.push({ workflowId: r.workflowId, ...(r.error ? { error: String(r.error) } : {}) });
    }
    expect(results.filter((r) => r.error)).toEqual([]);
    expect(results).toHaveLength(files.length);
  });
});
