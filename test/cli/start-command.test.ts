// `fail2nft start` as a real process with a temporary configuration, driven through its control socket
// by the CLI commands: status, ban, banned, unban, reload, stop; SIGHUP reloads and SIGTERM stops.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runCliCaptured } from '../support/run-cli-captured.js';
import { createServiceFixture, saslFailure, waitFor } from '../service/service-fixture.js';

const main = resolve(import.meta.dirname, '../../src/cli/main.js');

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const { code, stdout, stderr } = await runCliCaptured(args);
  return { code, out: stdout, err: stderr };
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((done) => child.once('exit', (code) => done(code)));
}

const jailLocal = `
[DEFAULT]
backend = auto
ignoreself = false
maxretry = 3
[postfix-sasl]
enabled = true
logpath = %(logs)s/mail.log
`;

/** Waits (bounded) until the service has created its control socket. */
function waitForSocket(socket: string): Promise<void> {
  return waitFor(
    'the socket',
    () => {
      try {
        return statSync(socket).isSocket();
      } catch {
        return false;
      }
    },
    10_000,
  );
}
test('the started service answers the control commands and stops on request', async () => {
  const f = createServiceFixture(jailLocal, 'metrics = off\n');
  const socket = join(f.dir, 'run', 'fail2nft.sock');
  f.append('mail.log', []);
  const child = spawn(
    process.execPath,
    [main, 'start', '--dry-run', '--config', f.configDir, '--socket', socket],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr?.on('data', (data: Buffer) => (stderr += data.toString()));
  const ended = exited(child);
  try {
    await waitForSocket(socket);
    assert.equal(statSync(socket).mode & 0o777, 0o600);
    assert.equal(readFileSync(join(f.dir, 'fail2nft.pid'), 'utf8').trim(), String(child.pid));
    const jails = await cli(['status', '--socket', socket]);
    assert.equal(jails.code, 0, jails.err);
    assert.match(jails.out, /Jail list:\tpostfix-sasl/);

    f.append('mail.log', [
      saslFailure('203.0.113.7'),
      saslFailure('203.0.113.7'),
      saslFailure('203.0.113.7'),
    ]);
    const deadline = Date.now() + 5000;
    let tree = '';
    for (let i = 0; i < 250 && Date.now() < deadline; i++) {
      tree = (await cli(['status', 'postfix-sasl', '--socket', socket])).out;
      if (tree.includes('203.0.113.7')) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    assert.match(tree, /Currently banned:\t1/);
    assert.match(tree, /Banned IP list:\t203\.0\.113\.7/);
    assert.match(tree, /File list:\t.*mail\.log/);

    const ban = await cli(['ban', 'postfix-sasl', '198.51.100.9', '--socket', socket]);
    assert.equal(ban.code, 0, ban.err);
    const badJail = await cli(['ban', 'nope', '198.51.100.9', '--socket', socket]);
    assert.equal(badJail.code, 1);
    const badAddress = await cli(['ban', 'postfix-sasl', '999.1.1.1', '--socket', socket]);
    assert.equal(badAddress.code, 1);
    const banned = await cli(['banned', '--json', '--socket', socket]);
    assert.deepEqual((JSON.parse(banned.out) as { address: string }[]).map((b) => b.address).sort(), [
      '198.51.100.9',
      '203.0.113.7',
    ]);
    const unban = await cli(['unban', '198.51.100.9', '--socket', socket]);
    assert.equal(unban.code, 0, unban.err);
    const get = await cli(['get', 'postfix-sasl', 'banned', '--socket', socket]);
    assert.equal(get.out.trim(), "['203.0.113.7']");

    writeFileSync(
      join(f.configDir, 'jail.local'),
      `${jailLocal.replaceAll('%(logs)s', f.logDir)}\n[dovecot]\nenabled = true\nlogpath = ${f.log('mail.log')}\n`,
    );
    const reload = await cli(['reload', '--socket', socket]);
    assert.equal(reload.code, 0, reload.err);
    assert.match((await cli(['status', '--socket', socket])).out, /Number of jail:\t2/);

    const stop = await cli(['stop', '--socket', socket]);
    assert.equal(stop.code, 0, stop.err);
    assert.equal(await ended, 0, stderr);
    const after = await cli(['status', '--socket', socket]);
    assert.equal(after.code, 1);
    assert.match(after.err, /not running/);
    assert.equal(existsSync(join(f.dir, 'fail2nft.pid')), false, 'the pid file is removed at stop');
  } finally {
    child.kill('SIGKILL');
    f.cleanup();
  }
});

test('SIGHUP reloads and SIGTERM stops the service cleanly', async () => {
  const f = createServiceFixture(jailLocal, 'metrics = off\n');
  const socket = join(f.dir, 'fail2nft.sock');
  f.append('mail.log', []);
  const child = spawn(
    process.execPath,
    [main, 'start', '--dry-run', '--config', f.configDir, '--socket', socket],
    {
      stdio: ['ignore', 'ignore', 'ignore'],
    },
  );
  const ended = exited(child);
  try {
    await waitForSocket(socket);
    writeFileSync(
      join(f.configDir, 'jail.local'),
      `${jailLocal.replaceAll('%(logs)s', f.logDir)}\n[dovecot]\nenabled = true\nlogpath = ${f.log('mail.log')}\n`,
    );
    child.kill('SIGHUP');
    let jails = '';
    for (let i = 0; i < 250 && !jails.includes('dovecot'); i++) {
      jails = (await cli(['status', '--socket', socket])).out;
      await new Promise((r) => setTimeout(r, 20));
    }
    assert.match(jails, /dovecot/);
    child.kill('SIGTERM');
    assert.equal(await ended, 0);
  } finally {
    child.kill('SIGKILL');
    f.cleanup();
  }
});
