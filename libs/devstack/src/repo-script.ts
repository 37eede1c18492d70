import fs from 'node:fs';
import path from 'node:path';

/**
 * scripts/<name> of the repository (plain JS, not compiled), from the sources (libs/devstack/src) or from the build
 * (dist/libs/devstack/src: one level deeper), so that the compiled CLIs (node dist/scripts/…) find it too.
 */
export function repoScript(name: string): string {
  for (const up of ['../../..', '../../../..']) {
    const file = path.resolve(__dirname, up, 'scripts', name);
    if (fs.existsSync(file)) return file;
  }
  throw new Error(`scripts/${name} not found above ${__dirname}`);
}
