#!/usr/bin/env node
/**
 * Resolves (or installs) Temporal's time-skipping test server, the Java `io.temporal:temporal-test-server` from
 * Maven Central, for workflow tests whose timers run for days (TestWorkflowEnvironment.createTimeSkipping).
 *
 * Order:
 *   1. TEMPORAL_TEST_SERVER_PATH            an explicit executable taking `<port>` as its only argument
 *   2. the user's cache (${XDG_CACHE_HOME:-~/.cache}/sigap/temporal-test-server/<version>/temporal-test-server),
 *      a wrapper script around `java -cp lib/* io.temporal.testserver.TestServer <port>`
 *   3. install: write a one-dependency pom.xml into the cache folder and let Maven copy the jar and its runtime
 *      dependencies into lib/ (`mvn dependency:copy-dependencies`), then write the wrapper. Needs java (17+) and mvn.
 *
 * Usage as a script: `node scripts/temporal-test-server.js` prints the wrapper path (installing it if needed);
 * exit code 0 = ready, 2 = java or mvn missing (time-skipping tests are then skipped), 1 = install failed.
 * Usage as a module: `resolveTestServer({ install: true, log })` → path, or undefined when not available.
 */
'use strict';

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const VERSION = '1.38.0';
const WRAPPER = 'temporal-test-server';

function cacheDir() {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'sigap', 'temporal-test-server', VERSION);
}

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function has(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'ignore' });
  return !r.error && r.status === 0;
}

/** The wrapper, when it exists and its jars are in place. */
function findTestServer() {
  if (process.env.TEMPORAL_TEST_SERVER_PATH) {
    return isExecutable(process.env.TEMPORAL_TEST_SERVER_PATH)
      ? process.env.TEMPORAL_TEST_SERVER_PATH
      : undefined;
  }
  const dir = cacheDir();
  const wrapper = path.join(dir, WRAPPER);
  const lib = path.join(dir, 'lib');
  if (!isExecutable(wrapper) || !fs.existsSync(lib)) return undefined;
  if (!fs.readdirSync(lib).some((f) => f.startsWith('temporal-test-server-'))) return undefined;
  return wrapper;
}

function pom() {
  return `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>sigap.tools</groupId>
  <artifactId>temporal-test-server-install</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>io.temporal</groupId>
      <artifactId>temporal-test-server</artifactId>
      <version>${VERSION}</version>
    </dependency>
  </dependencies>
</project>
`;
}

function install(log) {
  if (!has('java', ['-version']))
    return { ok: false, code: 2, why: 'java is not installed (JDK/JRE 17+ needed)' };
  if (!has('mvn', ['-v'])) return { ok: false, code: 2, why: 'mvn (Apache Maven) is not installed' };
  const dir = cacheDir();
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'pom.xml'), pom());
  log(`installing io.temporal:temporal-test-server:${VERSION} from Maven Central into ${dir} ...`);
  const started = Date.now();
  const r = spawnSync(
    'mvn',
    [
      '-B',
      '--no-transfer-progress',
      '-f',
      path.join(dir, 'pom.xml'),
      'dependency:copy-dependencies',
      '-DincludeScope=runtime',
      `-DoutputDirectory=${path.join(dir, 'lib')}`,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' },
  );
  if (r.status !== 0) {
    return {
      ok: false,
      code: 1,
      why: `mvn failed (${r.status}):\n${(r.stdout || '').slice(-3000)}${r.stderr || ''}`,
    };
  }
  const wrapper = path.join(dir, WRAPPER);
  fs.writeFileSync(
    wrapper,
    `#!/bin/sh\n# Temporal time-skipping test server ${VERSION}; the SDK calls it with the port as first argument.\n` +
      `exec java -Xss1m -XX:+UseSerialGC -cp "${path.join(dir, 'lib')}/*" io.temporal.testserver.TestServer "$@"\n`,
    { mode: 0o755 },
  );
  const jars = fs.readdirSync(path.join(dir, 'lib')).length;
  log(`installed ${jars} jars in ${Math.round((Date.now() - started) / 1000)} s; wrapper ${wrapper}`);
  return { ok: true, path: wrapper };
}

/** Resolves the test server; installs it when allowed. Returns undefined when java/mvn are missing. */
function resolveTestServer(opts = {}) {
  const log = opts.log || (() => undefined);
  const found = findTestServer();
  if (found) return found;
  if (!opts.install) return undefined;
  const r = install(log);
  if (!r.ok) {
    if (r.code === 2) {
      log(`time-skipping test server unavailable: ${r.why}`);
      return undefined;
    }
    throw new Error(r.why);
  }
  return r.path;
}

module.exports = { resolveTestServer, findTestServer, cacheDir, VERSION };

if (require.main === module) {
  try {
    const p = resolveTestServer({
      install: true,
      log: (m) => process.stderr.write(`[temporal-test-server] ${m}\n`),
    });
    if (!p) process.exit(2);
    process.stdout.write(`${p}\n`);
  } catch (err) {
    process.stderr.write(`[temporal-test-server] ${err.message}\n`);
    process.exit(1);
  }
}
