import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { createControlServer, type ControlHandler, type ControlServer } from '../../src/control/index.js';
import { removeTree, writeTree } from '../support/project-paths.js';
import {
  createFakeControlHandler,
  fakeNow,
  type FakeControlHandler,
} from '../control/fake-control-handler.js';
import { socketDir } from '../control/socket-session.js';
import { runCliCaptured, type CliOutcome } from '../support/run-cli-captured.js';

const run = (...argv: string[]): Promise<CliOutcome> => runCliCaptured(argv);

// One server for the file; each test that changes bans starts from a fresh handler.
const sockets = socketDir();
const path = join(sockets.dir, 'fail2nft.sock');
let handler: FakeControlHandler = createFakeControlHandler();
let server: ControlServer;

before(async () => {
  // The server keeps one handler; it forwards to the current fake.
  const delegate: ControlHandler = {
    jails: () => handler.jails(),
    status: (jail) => handler.status(jail),
    ban: (jail, addresses) => handler.ban(jail, addresses),
    unban: (addresses, jail) => handler.unban(addresses, jail),
    banned: (jail) => handler.banned(jail),
    reload: () => handler.reload(),
    stop: () => handler.stop(),
    version: () => handler.version(),
  };
  server = createControlServer({ path, handler: delegate });
  await server.start();
});

after(async () => {
  await server.stop();
  sockets.remove();
});

function fresh(): FakeControlHandler {
  handler = createFakeControlHandler();
  return handler;
}

const control = (...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> => {
  const [command = '', ...rest] = argv;
  return run(command, '--socket', path, ...rest);
};

test('status without a jail prints the jail list in fail2ban-client layout', async () => {
  fresh();
  const { code, stdout } = await control('status');
  assert.equal(code, 0);
  assert.equal(stdout, 'Status\n|- Number of jail:\t2\n`- Jail list:\tpostfix, sshd\n');
});

test("status JAIL prints fail2ban-client's tree", async () => {
  fresh();
  const { code, stdout } = await control('status', 'postfix');
  assert.equal(code, 0);
  assert.equal(
    stdout,
    [
      'Status for the jail: postfix',
      '|- Filter',
      '|  |- Currently failed:\t0',
      '|  |- Total failed:\t5',
      '|  `- File list:\t/var/log/mail.log /var/log/mail.warn',
      '`- Actions',
      '   |- Currently banned:\t1',
      '   |- Total banned:\t3',
      '   `- Banned IP list:\t2001:db8::7',
      '',
    ].join('\n'),
  );
});

test('status --json prints the documented shape', async () => {
  fresh();
  const jail = await control('status', 'sshd', '--json');
  assert.deepEqual(JSON.parse(jail.stdout), {
    jail: 'sshd',
    failed: { current: 0, total: 5 },
    banned: { current: 1, total: 3, list: ['192.0.2.7'] },
    files: ['/var/log/auth.log'],
  });
  assert.deepEqual(JSON.parse((await control('status', '--json')).stdout), { jails: ['postfix', 'sshd'] });
});

test('an unknown jail exits 1 with the message on stderr', async () => {
  fresh();
  for (const argv of [
    ['status', 'nope'],
    ['ban', 'nope', '192.0.2.1'],
    ['banned', 'nope'],
    ['unban', '--all', 'nope'],
    ['get', 'nope', 'banned'],
    ['set', 'nope', 'banip', '192.0.2.1'],
  ]) {
    const { code, stdout, stderr } = await control(...argv);
    assert.equal(code, 1, argv.join(' '));
    assert.equal(stdout, '');
    assert.equal(stderr, `fail2nft ${argv[0]}: jail 'nope' does not exist (F2N_ERR_CONTROL_UNKNOWN_JAIL)\n`);
  }
});

test('ban prints one line per address with the end of the ban', async () => {
  const fake = fresh();
  const sshd = await control('ban', 'sshd', '192.0.2.8', '192.0.2.7', '2001:DB8::9');
  assert.equal(sshd.code, 0);
  assert.equal(
    sshd.stdout,
    'sshd: banned 192.0.2.8 until 2026-11-21T10:10:00Z\nsshd: 192.0.2.7 is already banned\nsshd: banned 2001:db8::9 until 2026-11-21T10:10:00Z\n',
  );
  assert.equal(
    (await control('ban', 'postfix', '198.51.100.0/24')).stdout,
    'postfix: banned 198.51.100.0/24 permanently\n',
  );
  assert.deepEqual(fake.calls.slice(-2), [
    'ban sshd 192.0.2.8 192.0.2.7 2001:db8::9',
    'ban postfix 198.51.100.0/24',
  ]);
});

test('a bad address exits 1, names the address and bans nothing', async () => {
  const fake = fresh();
  const { code, stderr } = await control('ban', 'sshd', '192.0.2.8', 'mail.example.com');
  assert.equal(code, 1);
  assert.equal(
    stderr,
    "fail2nft ban: not an IP address or network: 'mail.example.com' (nothing was changed) (F2N_ERR_CONTROL_BAD_ADDRESS)\n",
  );
  assert.equal((await control('unban', '999.1.1.1')).code, 1);
  assert.equal((await control('get', 'sshd', 'banned', 'host')).code, 1);
  assert.deepEqual(fake.calls, []);
});

test('unban lifts bans in every jail; unban --all lifts all of them or those of one jail', async () => {
  const fake = fresh();
  const some = await control('unban', '192.0.2.7', '192.0.2.99');
  assert.equal(some.code, 0);
  assert.equal(some.stdout, 'sshd: unbanned 192.0.2.7\n192.0.2.99 is not banned\n');
  await control('ban', 'sshd', '192.0.2.1');
  assert.equal((await control('unban', '--all', 'sshd')).stdout, 'unbanned 1 ban(s) in sshd\n');
  assert.equal((await control('unban', '--all')).stdout, 'unbanned 1 ban(s)\n');
  assert.deepEqual(
    fake.calls.filter((c) => c.startsWith('unban')),
    ['unban 192.0.2.7 192.0.2.99', 'unban all in sshd', 'unban all'],
  );
});

test('banned prints a table of active bans, or JSON', async () => {
  fresh();
  const table = await control('banned');
  assert.equal(table.code, 0);
  assert.equal(
    table.stdout,
    [
      'JAIL     ADDRESS      BAN START             BAN END',
      'sshd     192.0.2.7    2026-11-21T09:59:00Z  2026-11-21T10:09:00Z',
      'postfix  2001:db8::7  2026-11-21T09:58:00Z  permanent',
      '',
    ].join('\n'),
  );
  const json = JSON.parse((await control('banned', 'postfix', '--json')).stdout) as unknown;
  assert.deepEqual(json, [
    {
      jail: 'postfix',
      address: '2001:db8::7',
      start: '2026-11-21T09:58:00Z',
      end: null,
      startMs: fakeNow - 120_000,
      endMs: null,
    },
  ]);
  await control('unban', '--all');
  assert.equal((await control('banned')).stdout, 'no active bans\n');
});

test('reload, stop and ping print what the service did', async () => {
  const fake = fresh();
  assert.deepEqual(await control('reload'), {
    code: 0,
    stdout: 'reloaded: 3 jail(s) (added: dovecot; removed: none)\n',
    stderr: '',
  });
  assert.deepEqual(await control('ping'), { code: 0, stdout: 'Server replied: pong\n', stderr: '' });
  assert.deepEqual(await control('stop'), { code: 0, stdout: 'Shutdown successful\n', stderr: '' });
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(fake.stopped, true);
});

test("set JAIL banip/unbanip print fail2ban-client's count", async () => {
  fresh();
  assert.deepEqual(await control('set', 'sshd', 'banip', '192.0.2.8', '192.0.2.7'), {
    code: 0,
    stdout: '1\n',
    stderr: '',
  });
  assert.deepEqual(await control('set', 'sshd', 'unbanip', '192.0.2.8', '192.0.2.50'), {
    code: 0,
    stdout: '1\n',
    stderr: '',
  });
  const absent = await control('set', 'sshd', 'unbanip', '--report-absent', '192.0.2.7', '192.0.2.50');
  assert.equal(absent.code, 1);
  assert.equal(absent.stdout, '1\n');
  assert.equal(absent.stderr, 'fail2nft set: not banned in sshd: 192.0.2.50 (F2N_ERR_CONTROL_NOT_BANNED)\n');
});

test("get JAIL banned prints fail2ban-client's Python list, or 1/0 per address", async () => {
  fresh();
  await control('ban', 'sshd', '192.0.2.8');
  assert.equal((await control('get', 'sshd', 'banned')).stdout, "['192.0.2.7', '192.0.2.8']\n");
  assert.equal((await control('get', 'sshd', 'banned', '192.0.2.8')).stdout, '1\n');
  assert.equal((await control('get', 'sshd', 'banned', '192.0.2.8', '192.0.2.9')).stdout, '[1, 0]\n');
  assert.equal((await control('get', 'sshd', 'banip')).stdout, '192.0.2.7 192.0.2.8\n');
  assert.equal((await control('get', 'sshd', 'banip', ',')).stdout, '192.0.2.7,192.0.2.8\n');
  await control('unban', '--all');
  assert.equal((await control('get', 'postfix', 'banned')).stdout, '[]\n');
});

test('usage errors exit 2 before anything is sent', async () => {
  const fake = fresh();
  for (const argv of [
    ['ban', 'sshd'],
    ['ban'],
    ['unban'],
    ['unban', '--all', 'a', 'b'],
    ['status', 'a', 'b'],
    ['reload', 'x'],
    ['stop', '--now'],
    ['set', 'sshd', 'bantime', '600'],
    ['set', 'sshd', 'banip'],
    ['get', 'sshd', 'bantime'],
    ['get', 'sshd', 'banip', 'a', 'b'],
  ]) {
    const { code, stderr } = await control(...argv);
    assert.equal(code, 2, argv.join(' '));
    assert.match(stderr, new RegExp(`^fail2nft ${argv[0] ?? ''}: `));
  }
  assert.deepEqual(fake.calls, []);
});

test('every control command exits 1 with "not running" when no service listens', async () => {
  const missing = join(sockets.dir, 'none', 'fail2nft.sock');
  for (const argv of [
    ['status'],
    ['ban', 'sshd', '192.0.2.1'],
    ['unban', '--all'],
    ['banned'],
    ['reload'],
    ['stop'],
    ['ping'],
    ['set', 'sshd', 'banip', '192.0.2.1'],
    ['get', 'sshd', 'banned'],
  ]) {
    const [command = '', ...rest] = argv;
    const { code, stderr } = await run(command, '--socket', missing, ...rest);
    assert.equal(code, 1, command);
    assert.equal(
      stderr,
      `fail2nft ${command}: fail2nft is not running (no socket at ${missing}) (F2N_ERR_CONTROL_NOT_RUNNING)\n`,
    );
  }
});

test("without --socket the socket comes from --config's fail2nft.conf; with it the configuration is not read", async (t) => {
  fresh();
  const dir = writeTree({
    'fail2nft.conf': `[Definition]\nsocket = ${path}\n`,
    'jail.conf': '[sshd]\nenabled = maybe\n',
  });
  t.after(() => removeTree(dir));
  const viaConfig = await run('ping', '--config', dir);
  assert.deepEqual(viaConfig, { code: 0, stdout: 'Server replied: pong\n', stderr: '' });
  const broken = writeTree({ 'fail2nft.conf': '[Definition]\nsocket\n' });
  t.after(() => removeTree(broken));
  const unreadable = await run('ping', '--config', broken);
  assert.equal(unreadable.code, 1);
  assert.match(
    unreadable.stderr,
    /cannot read the socket path from the configuration in .* \(or pass --socket PATH\)/,
  );
  assert.equal((await run('ping', '--config', join(broken, 'nowhere'), '--socket', path)).code, 0);
});
