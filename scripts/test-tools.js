#!/usr/bin/env node
/**
 * The tools `npm test` needs beyond `npm ci`, provisioned by the integration tests' global setup (and by hand with
 * `npm run test:tools`), each cached once per machine, with progress printed:
 *
 *   temporal   the Temporal CLI (dev server)    scripts/temporal-cli.js: go install, cached in ~/.cache/sigap
 *   timers     the time-skipping test server    scripts/temporal-test-server.js: Maven Central, cached in ~/.cache/sigap
 *   browser    Chromium for the browser tests   CHROMIUM_PATH, else Debian's /usr/bin/chromium, installed with
 *                                               apt-get when running as root or with passwordless sudo
 *
 * A tool that cannot be had is reported with what to do; the tests that need it then fail with that message
 * (test/support/tools.ts), unless the developer opted out of them: SIGAP_SKIP_TIMERS=1, SIGAP_SKIP_BROWSER=1
 * (the run's summary then says how many tests were skipped and why; CI never opts out).
 *
 * Usage as a module: `await provisionTestTools({ log })` → { temporal, timers, browser }, each
 * `{ ok: true, path }`, `{ ok: false, why }` or `{ ok: false, optedOut: 'SIGAP_SKIP_…=1' }`.
 * Usage as a script: provisions all three; exit code 1 when one is missing.
 */
'use strict';

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const { resolveTemporalCli } = require('./temporal-cli.js');
const { resolveTestServer } = require('./temporal-test-server.js');

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/** The opt-out variable of a tool, when the developer set it ('1' or 'true'). */
function optedOut(variable) {
  const v = process.env[variable];
  return v === '1' || v === 'true' ? `${variable}=${v}` : undefined;
}

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function run(cmd, args, log) {
  const r = spawnSync(cmd, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (r.status !== 0) {
    const out = `${r.stdout || ''}${r.stderr || ''}`.trim().split('\n').slice(-5).join('\n');
    log(`${cmd} ${args.join(' ')} failed (${r.error ? r.error.message : `exit ${r.status}`})${out ? `:\n${out}` : ''}`);
    return false;
  }
  return true;
}

/** Debian's chromium: found, or installed with apt-get (as root, or with passwordless sudo). */
function provisionChromium(log) {
  const skip = optedOut('SIGAP_SKIP_BROWSER');
  if (skip) return { ok: false, optedOut: skip };
  if (process.env.CHROMIUM_PATH) {
    return isExecutable(process.env.CHROMIUM_PATH)
      ? { ok: true, path: process.env.CHROMIUM_PATH }
      : { ok: false, why: `CHROMIUM_PATH=${process.env.CHROMIUM_PATH} is not an executable file` };
  }
  if (isExecutable(DEBIAN_CHROMIUM)) return { ok: true, path: DEBIAN_CHROMIUM };
  const howTo =
    `Chromium for the browser tests is not installed (${DEBIAN_CHROMIUM}). Install Debian's package ` +
    `(sudo apt-get install chromium), or point CHROMIUM_PATH at a Chromium/Chrome binary, or opt out of the ` +
    `browser tests with SIGAP_SKIP_BROWSER=1`;
  const root = os.userInfo().uid === 0;
  const sudo = !root && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
  if (!root && !sudo) return { ok: false, why: `${howTo} (no root and no passwordless sudo here to do it for you)` };
  if (spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status !== 0) {
    return { ok: false, why: `${howTo} (apt-get is not available on this machine)` };
  }
  const as = (args) => (root ? ['apt-get', args] : ['sudo', ['-n', 'apt-get', ...args]]);
  const started = Date.now();
  log(`installing Debian's chromium for the browser tests with apt-get (once per machine, about a minute)…`);
  if (!run(...as(['update', '-qq']), log)) return { ok: false, why: `${howTo} (apt-get update failed)` };
  log(`package lists updated in ${Math.round((Date.now() - started) / 1000)} s; installing chromium…`);
  if (!run(...as(['install', '-y', '-qq', '--no-install-recommends', 'chromium']), log)) {
    return { ok: false, why: `${howTo} (apt-get install chromium failed)` };
  }
  if (!isExecutable(DEBIAN_CHROMIUM)) return { ok: false, why: `${howTo} (installed, but ${DEBIAN_CHROMIUM} is missing)` };
  log(`chromium installed in ${Math.round((Date.now() - started) / 1000)} s`);
  return { ok: true, path: DEBIAN_CHROMIUM };
}

function provisionTimers(log) {
  const skip = optedOut('SIGAP_SKIP_TIMERS');
  if (skip) return { ok: false, optedOut: skip };
  try {
    const p = resolveTestServer({ install: true, log });
    if (p) return { ok: true, path: p };
    return {
      ok: false,
      why:
        'the time-skipping test server (io.temporal:temporal-test-server from Maven Central) needs java (17+) ' +
        'and mvn, and one of them is missing: install them (apt-get install openjdk-17-jre-headless maven), or ' +
        'point TEMPORAL_TEST_SERVER_PATH at a test server, or opt out of the timer tests with SIGAP_SKIP_TIMERS=1',
    };
  } catch (err) {
    return { ok: false, why: `the time-skipping test server could not be installed: ${err.message}` };
  }
}

async function provisionTemporal(log) {
  try {
    const r = await resolveTemporalCli({ build: true, log });
    return r.kind === 'path' ? { ok: true, path: r.path } : { ok: true, path: undefined };
  } catch (err) {
    return { ok: false, why: err.message };
  }
}

async function provisionTestTools(opts = {}) {
  const log = opts.log || ((m) => process.stderr.write(`[test-tools] ${m}\n`));
  const temporal = await provisionTemporal(log);
  const timers = provisionTimers(log);
  const browser = provisionChromium(log);
  return { temporal, timers, browser };
}

module.exports = { provisionTestTools, optedOut };

if (require.main === module) {
  provisionTestTools().then((tools) => {
    let missing = 0;
    for (const [name, t] of Object.entries(tools)) {
      if (t.ok) process.stdout.write(`${name}: ${t.path ?? 'SDK download'}\n`);
      else if (t.optedOut) process.stdout.write(`${name}: not provisioned (${t.optedOut})\n`);
      else {
        missing++;
        process.stdout.write(`${name}: MISSING — ${t.why}\n`);
      }
    }
    process.exit(missing ? 1 : 0);
  });
}
