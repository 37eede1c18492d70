#!/usr/bin/env node
/**
 * Runs a command on a leash: signals are forwarded to it, and it is stopped when this process's parent goes
 * away (even by SIGKILL), so `npm start` and the tests never leave an orphan Temporal server or PostgreSQL behind.
 *   node scripts/leash.js <command> [args...]
 * LEASH_SIGNAL   the signal sent when the parent is gone (default SIGTERM; PostgreSQL's fast shutdown is SIGINT)
 * LEASH_UID/GID  run the command as this user and group (PostgreSQL as the postgres user when started by root)
 */
'use strict';
const { spawn } = require('node:child_process');

const [cmd, ...args] = process.argv.slice(2);
const parent = process.ppid;
const onParentGone = process.env.LEASH_SIGNAL || 'SIGTERM';
const ids = {};
if (process.env.LEASH_UID) ids.uid = Number(process.env.LEASH_UID);
if (process.env.LEASH_GID) ids.gid = Number(process.env.LEASH_GID);
const env = { ...process.env };
for (const k of ['LEASH_SIGNAL', 'LEASH_UID', 'LEASH_GID']) delete env[k];
const child = spawn(cmd, args, { stdio: 'inherit', env, ...ids });
const stop = (signal) => {
  if (child.exitCode === null && child.signalCode === null) child.kill(signal);
};
for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(s, () => stop(s));
const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
};
const watch = setInterval(() => {
  if (!alive(parent) || process.ppid !== parent) stop(onParentGone);
}, 1000);
child.on('exit', (code, signal) => {
  clearInterval(watch);
  process.exit(code ?? (signal ? 1 : 0));
});
child.on('error', (err) => {
  process.stderr.write(`${cmd}: ${err.message}\n`);
  process.exit(1);
});
