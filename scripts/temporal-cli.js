#!/usr/bin/env node
/**
 * Resolves the Temporal CLI (which contains the Temporal dev server), in this order:
 *
 *   1. TEMPORAL_CLI_PATH                    an explicit binary
 *   2. `temporal` on PATH
 *   3. the project's own ignored tool folder (.tools/temporal-cli/<version>/temporal)
 *      and the user's cache folder (${XDG_CACHE_HOME:-~/.cache}/sigap/temporal-cli/<version>/temporal),
 *      which survives fresh clones so CI and new checkouts reuse one build
 *   4. `go install github.com/temporalio/cli/cmd/temporal@v1.5.1` into the user's cache folder when Go is present
 *      (several minutes the first time; progress is printed). Later tags carry a `replace` directive that
 *      `go install` refuses, hence the pinned version.
 *   5. the Temporal SDK's own download (`cached-download`), for machines with internet access: this resolver
 *      answers `{ kind: 'sdk-download' }` and the caller hands that to @temporalio/testing.
 *
 * If none of these works, one error lists every way to provide the CLI.
 *
 * Usage as a script: `node scripts/temporal-cli.js` prints the resolved path (building it if needed).
 * Usage as a module: `await resolveTemporalCli({ build: true, log })`.
 */
'use strict';

const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const CLI_VERSION = 'v1.5.1';
const CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal';
const PROJECT_ROOT = path.resolve(__dirname, '..');
// Packages compiled by a cold `go install` of v1.5.1, measured on this machine kind; only used to show progress.
const EXPECTED_GO_PACKAGES = 1300;

function userCacheDir() {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'sigap', 'temporal-cli', CLI_VERSION);
}

function projectToolDir() {
  return path.join(PROJECT_ROOT, '.tools', 'temporal-cli', CLI_VERSION);
}

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function onPath(name) {
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    if (dir && isExecutable(path.join(dir, name))) return path.join(dir, name);
  }
  return undefined;
}

/** Runs `temporal --version` to make sure a found binary really is a working Temporal CLI. */
function works(file) {
  const r = spawnSync(file, ['--version'], { encoding: 'utf8', timeout: 30000 });
  return r.status === 0 && /temporal/i.test(`${r.stdout}${r.stderr}`);
}

/** Finds a CLI without building anything; undefined when there is none. */
function findTemporalCli() {
  const explicit = process.env.TEMPORAL_CLI_PATH;
  if (explicit) {
    if (!isExecutable(explicit)) {
      throw new Error(`TEMPORAL_CLI_PATH=${explicit} is not an executable file`);
    }
    return { kind: 'path', path: explicit, source: 'TEMPORAL_CLI_PATH' };
  }
  const fromPath = onPath('temporal');
  if (fromPath && works(fromPath)) return { kind: 'path', path: fromPath, source: 'PATH' };
  for (const [dir, source] of [
    [projectToolDir(), 'project tool folder'],
    [userCacheDir(), 'user cache'],
  ]) {
    const candidate = path.join(dir, 'temporal');
    if (isExecutable(candidate) && works(candidate)) return { kind: 'path', path: candidate, source };
  }
  return undefined;
}

function goAvailable() {
  const r = spawnSync('go', ['version'], { encoding: 'utf8' });
  return r.status === 0;
}

/** Builds the CLI with `go install`, printing progress; resolves to the binary's path. */
function goInstall(log) {
  const dir = userCacheDir();
  fs.mkdirSync(dir, { recursive: true });
  const staging = fs.mkdtempSync(path.join(dir, '.build-'));
  log(`[temporal-cli] building the Temporal CLI ${CLI_VERSION} with 'go install' into ${dir}`);
  log(
    '[temporal-cli] this happens once per machine and takes several minutes; the binary is cached afterwards',
  );
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn('go', ['install', '-v', `${CLI_MODULE}@${CLI_VERSION}`], {
      cwd: staging,
      env: { ...process.env, GOBIN: staging, GOFLAGS: `${process.env.GOFLAGS || ''} -buildvcs=false`.trim() },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let downloads = 0;
    let compiled = 0;
    let lastShown = 0;
    let tail = '';
    const show = (force) => {
      const now = Date.now();
      if (!force && now - lastShown < 5000) return;
      lastShown = now;
      const secs = Math.round((now - started) / 1000);
      const pct = Math.min(99, Math.floor((compiled / EXPECTED_GO_PACKAGES) * 100));
      log(
        `[temporal-cli] ${secs}s: ${downloads} modules downloaded, ${compiled} packages compiled (~${pct}%)`,
      );
    };
    const onData = (chunk) => {
      const text = chunk.toString('utf8');
      tail = (tail + text).slice(-4000);
      for (const line of text.split('\n')) {
        if (!line.trim()) continue;
        if (line.startsWith('go: downloading')) downloads += 1;
        else if (!line.startsWith('go:')) compiled += 1;
      }
      show(false);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', (err) => reject(err));
    child.on('close', (code) => {
      show(true);
      const built = path.join(staging, 'temporal');
      if (code === 0 && isExecutable(built)) {
        const target = path.join(dir, 'temporal');
        fs.renameSync(built, target); // atomic within one folder: a concurrent reader never sees half a binary
        fs.rmSync(staging, { recursive: true, force: true });
        log(`[temporal-cli] built in ${Math.round((Date.now() - started) / 1000)}s: ${target}`);
        resolve(target);
      } else {
        fs.rmSync(staging, { recursive: true, force: true });
        reject(new Error(`go install ${CLI_MODULE}@${CLI_VERSION} exited with ${code}:\n${tail}`));
      }
    });
  });
}

function helpText(reasons) {
  return [
    'No Temporal CLI (Temporal dev server) could be found or built. Provide one of:',
    '  - TEMPORAL_ADDRESS=host:7233 to use a Temporal server that is already running (nothing is started then);',
    '  - TEMPORAL_CLI_PATH=/path/to/temporal, an existing Temporal CLI binary;',
    "  - a 'temporal' binary on PATH;",
    `  - ${path.join(userCacheDir(), 'temporal')} or ${path.join(projectToolDir(), 'temporal')};`,
    `  - Go on PATH, so that 'go install ${CLI_MODULE}@${CLI_VERSION}' can build it (needs the Go module proxy);`,
    '  - internet access, so that the Temporal SDK can download its own CLI (SIGAP_TEMPORAL_ALLOW_DOWNLOAD=true).',
    ...(reasons.length ? ['What was tried:', ...reasons.map((r) => `  - ${r}`)] : []),
  ].join('\n');
}

/**
 * @param {{ build?: boolean, log?: (msg: string) => void }} [opts]
 * @returns {Promise<{kind: 'path', path: string, source: string} | {kind: 'sdk-download'}>}
 */
async function resolveTemporalCli(opts = {}) {
  const log = opts.log || ((m) => process.stderr.write(`${m}\n`));
  const found = findTemporalCli();
  if (found) return found;
  const reasons = [
    'TEMPORAL_CLI_PATH is not set',
    "no working 'temporal' on PATH",
    'no binary in the project tool folder or the user cache',
  ];
  if (opts.build !== false) {
    if (goAvailable()) {
      try {
        const built = await goInstall(log);
        return { kind: 'path', path: built, source: 'go install' };
      } catch (err) {
        reasons.push(`go install failed: ${err.message.split('\n').slice(0, 6).join(' | ')}`);
      }
    } else {
      reasons.push("'go' is not on PATH");
    }
  }
  if (process.env.SIGAP_TEMPORAL_ALLOW_DOWNLOAD === 'true') return { kind: 'sdk-download' };
  reasons.push('SIGAP_TEMPORAL_ALLOW_DOWNLOAD is not true (the SDK download needs internet access)');
  throw new Error(helpText(reasons));
}

module.exports = { resolveTemporalCli, findTemporalCli, userCacheDir, projectToolDir, CLI_VERSION };

if (require.main === module) {
  resolveTemporalCli({ build: true })
    .then((r) => {
      process.stdout.write(`${r.kind === 'path' ? r.path : 'sdk-download'}\n`);
    })
    .catch((err) => {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    });
}
