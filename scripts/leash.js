#!/usr/bin/env node
/**
 * Runs a command on a leash: signals are forwarded to it, and it is stopped when this process's parent goes
 * away (even by SIGKILL), so `npm start` never leaves an orphan Temporal server behind.
 *   node scripts/leash.js <command> [args...]
 */
'use strict';
const { spawn } = require('node:child_process');

const [cmd, ...args] = process.argv.slice(2);
const parent = process.ppid;
const child = spawn(cmd, args, { stdio: 'inherit' });
const stop = (signal) => {
  if (child.exitCode === null && child.signalCode === null) child.kill(signal);
};
for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(s, () => stop(s));
const watch = setInterval(() => {
  try {
    process.kill(parent, 0);
  } catch {
    stop('SIGTERM');
  }
  if (process.ppid !== parent) stop('SIGTERM');
}, 1000);
child.on('exit', (code, signal) => {
  clearInterval(watch);
  process.exit(code ?? (signal ? 1 : 0));
});
child.on('error', (err) => {
  process.stderr.write(`${cmd}: ${err.message}\n`);
  process.exit(1);
});
