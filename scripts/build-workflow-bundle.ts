/**
 * Prebuilds the workflow bundle for production images, so workers start without webpack:
 *   node dist/scripts/build-workflow-bundle.js [out-file]   (default dist/workflow-bundle.js)
 * The worker loads it when WORKFLOW_BUNDLE_PATH points at it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { webpackConfigHook, WORKFLOWS_PATH } from '@sigap/temporal';

async function main(): Promise<void> {
  const out = path.resolve(process.argv[2] ?? 'dist/workflow-bundle.js');
  const { code } = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, webpackConfigHook });
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, code);
  process.stdout.write(`workflow bundle written to ${out} (${Math.round(code.length / 1024)} KiB)\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
