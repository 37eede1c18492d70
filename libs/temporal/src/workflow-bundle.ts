import fs from 'node:fs';
import path from 'node:path';
import type { BundleOptions } from '@temporalio/worker';

const ROOT = path.resolve(__dirname, '../../..');

/**
 * Path of the workflow entry point that the worker bundles: workflows/src/index.ts from source, or its compiled
 * index.js when running from dist/ (ROOT is then dist/).
 */
export const WORKFLOWS_PATH = ['index.ts', 'index.js']
  .map((f) => path.join(ROOT, 'workflows', 'src', f))
  .find((f) => fs.existsSync(f)) as string;

/**
 * Webpack aliases so that workflow code can import the pure libraries (@sigap/domain) the same way the rest of
 * the code does. Only pure code may be imported from a workflow: the bundler rejects Node built-ins.
 */
export const webpackConfigHook: NonNullable<BundleOptions['webpackConfigHook']> = (config) => {
  config.resolve = config.resolve ?? {};
  config.resolve.alias = {
    ...(config.resolve.alias as Record<string, string>),
    '@sigap/domain': path.join(ROOT, 'libs', 'domain', 'src'),
  };
  return config;
};
