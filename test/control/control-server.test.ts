import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, linkSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import {
  createControlClient,
  createControlServer,
  type ControlServerOptions,
} from '../../src/control/index.js';
import { Fail2nftError } from '../../src/core/errors.js';
import { createFakeControlHandler, type FakeControlHandler } from './fake-control-handler.js';
import { openSession, socketDir } from './socket-session.js';

async function startServer(
  t: { after: (fn: () => Promise<void> | void) => void },
  options: Partial<ControlServerOptions> = {},
): Promise<{ path: string; handler: FakeControlHandler; dir: string }> {
  const { dir, remove } = socketDir();
  const handler = createFakeControlHandler();
  const path = options.path ?? join(dir, 'run', 'fail2nft', 'fail2nft.sock');
  const server = createControlServer({ handler, ...options, path });
  await server.start();
  t.after(async () => {
    await server.stop();
    remove();
  });
  return { path, handler, dir };
}

function hasCode(code: string): (error: unknown) => boolean {
  return (error) => error instanceof Fail2nftError && error.code === code;
}

test('start creates the directory (0755) and a socket file of mode 0600', async (t) => {
  const { path } = await startServer(t);
  const socket = statSync(path);
  assert.ok(socket.isSocket());
  assert.equal(socket.mode & 0o777, 0o600);
  assert.equal(socket.uid, process.getuid?.());
  assert.equal(statSync(join(path, '..')).mode & 0o777, 0o755);
});

test('the client gets results, and the service errors with their codes', async (t) => {
  const { path } = await startServer(t);
  const client = createControlClient({ path });
  assert.equal(await client.request('ping', {}), 'pong');
  assert.deepEqual(await client.request('status', {}), { jails: ['postfix', 'sshd'] });
  const status = await client.request('status', { jail: 'sshd' });
  assert.deepEqual('jail' in status && status.banned.list, ['192.0.2.7']);
  await assert.rejects(client.request('status', { jail: 'nope' }), hasCode('F2N_ERR_CONTROL_UNKNOWN_JAIL'));
  await assert.rejects(
    client.request('ban', { jail: 'sshd', addresses: ['nope'] }),
    hasCode('F2N_ERR_CONTROL_BAD_ADDRESS'),
  );
});

test('a handler failure is answered: its own code, or F2N_ERR_INTERNAL for a plain error', async (t) => {
  const { path, handler } = await startServer(t);
  const client = createControlClient({ path });
  handler.failNext = {
    method: 'ban',
    error: new Fail2nftError('F2N_ERR_FIREWALL_COMMAND_FAILED', 'nft said no'),
  };
  await assert.rejects(
    client.request('ban', { jail: 'sshd', addresses: ['192.0.2.1'] }),
    (error: unknown) => {
      assert.ok(error instanceof Fail2nftError);
      assert.equal(error.code, 'F2N_ERR_FIREWALL_COMMAND_FAILED');
      assert.equal(error.message, 'nft said no');
      return true;
    },
  );
  handler.failNext = { method: 'ban', error: new TypeError('oops') };
  await assert.rejects(
    client.request('ban', { jail: 'sshd', addresses: ['192.0.2.1'] }),
    (error: unknown) => {
      assert.ok(error instanceof Fail2nftError);
      assert.equal(error.code, 'F2N_ERR_INTERNAL');
      assert.match(error.message, /oops/);
      return true;
    },
  );
});

test('many requests on one connection are answered in order', async (t) => {
  const { path } = await startServer(t);
  const session = await openSession(path);
  const count = 300;
  let batch = '';
  for (let id = 1; id <= count; id++)
    batch += JSON.stringify({ id, command: id % 2 === 0 ? 'ping' : 'version' }) + '\n';
  session.write(batch);
  for (let id = 1; id <= count; id++) {
    const response = await session.next();
    assert.deepEqual(response, { id, ok: true, result: id % 2 === 0 ? 'pong' : '0.1.0' });
  }
  session.socket.end();
});

test('concurrent clients are all answered', async (t) => {
  const { path } = await startServer(t);
  const results = await Promise.all(
    Array.from({ length: 25 }, (_, i) =>
      createControlClient({ path }).request('status', { jail: i % 2 === 0 ? 'sshd' : 'postfix' }),
    ),
  );
  assert.equal(results.length, 25);
  results.forEach((status, i) =>
    assert.equal('jail' in status && status.jail, i % 2 === 0 ? 'sshd' : 'postfix'),
  );
});

test('garbage is answered with id null, the connection is closed and what follows is not run', async (t) => {
  const { path, handler } = await startServer(t);
  const session = await openSession(path);
  const ban = '{"id": 2, "command": "ban", "args": {"jail": "sshd", "addresses": ["192.0.2.1"]}}\n';
  session.write('this is not json\n' + ban);
  const response = await session.next();
  assert.equal(response.id, null);
  assert.equal(response.ok, false);
  assert.equal((response.error as { code: string }).code, 'F2N_ERR_CONTROL_BAD_REQUEST');
  session.write(ban);
  await session.closed;
  assert.deepEqual(handler.calls, []);
});

test('an unknown command or bad arguments are answered and the connection stays open', async (t) => {
  const { path } = await startServer(t);
  const session = await openSession(path);
  session.write(
    '{"id": 1, "command": "frobnicate"}\n\n{"id": 2, "command": "status", "args": {"jail": 1}}\n{"id": 3, "command": "ping"}\n',
  );
  assert.equal(((await session.next()).error as { code: string }).code, 'F2N_ERR_CONTROL_UNKNOWN_COMMAND');
  assert.equal(((await session.next()).error as { code: string }).code, 'F2N_ERR_CONTROL_BAD_REQUEST');
  assert.deepEqual(await session.next(), { id: 3, ok: true, result: 'pong' });
  session.socket.end();
});

test('a request over 1 MiB is refused with F2N_ERR_CONTROL_TOO_LARGE and the connection closed', async (t) => {
  const { path } = await startServer(t);
  const session = await openSession(path);
  session.write('{"id": 1, "command": "ping"}\n');
  session.write(Buffer.alloc(1024 * 1024 + 16, 0x20));
  assert.deepEqual(await session.next(), { id: 1, ok: true, result: 'pong' });
  const refused = await session.next();
  assert.equal(refused.id, null);
  assert.equal((refused.error as { code: string }).code, 'F2N_ERR_CONTROL_TOO_LARGE');
  await session.closed;
});

test('a request followed at once by the end of the stream is still answered', async (t) => {
  const { path } = await startServer(t);
  const session = await openSession(path);
  session.socket.end('{"id": 1, "command": "banned"}\n');
  const response = await session.next();
  assert.equal(response.ok, true);
  assert.equal((response.result as unknown[]).length, 2);
  await session.closed;
});

test('stop is answered before the handler stops', async (t) => {
  const { path, handler } = await startServer(t);
  const session = await openSession(path);
  session.write('{"id": 1, "command": "stop"}\n');
  assert.deepEqual(await session.next(), { id: 1, ok: true, result: null });
  session.socket.end();
  // afterReply runs once the reply reached the kernel, which happened before the client read it.
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(handler.stopped, true);
});

test('a connection beyond maxConnections is refused with F2N_ERR_CONTROL_BUSY', async (t) => {
  const { path } = await startServer(t, { maxConnections: 2 });
  const first = await openSession(path);
  const second = await openSession(path);
  for (const session of [first, second]) {
    session.write('{"id": 1, "command": "ping"}\n');
    assert.equal((await session.next()).result, 'pong');
  }
  await assert.rejects(createControlClient({ path }).request('ping', {}), hasCode('F2N_ERR_CONTROL_BUSY'));
  first.socket.end();
  await first.closed;
  assert.equal(await createControlClient({ path }).request('ping', {}), 'pong');
  second.socket.end();
});

test('an idle connection is closed, but not while its request runs', async (t) => {
  const { path, handler } = await startServer(t, { idleTimeoutMs: 50 });
  const idle = await openSession(path);
  await idle.closed;
  let release = (): void => undefined;
  handler.reloadGate = new Promise((resolve) => (release = resolve));
  const busy = await openSession(path);
  busy.write('{"id": 1, "command": "reload"}\n');
  setTimeout(release, 150);
  assert.equal((await busy.next()).ok, true);
  await busy.closed;
});

test('a stale socket file is replaced; a live one is refused with F2N_ERR_CONTROL_IN_USE', async (t) => {
  const { dir, remove } = socketDir();
  t.after(remove);
  const path = join(dir, 'fail2nft.sock');
  // A socket file nobody listens on: bind one, keep a second name for it, close the first.
  const dead = createServer();
  await new Promise<void>((resolve) => dead.listen(join(dir, 'dead.sock'), resolve));
  linkSync(join(dir, 'dead.sock'), path);
  await new Promise<void>((resolve) => dead.close(() => resolve()));
  assert.ok(existsSync(path));
  const handler = createFakeControlHandler();
  const server = createControlServer({ path, handler });
  await server.start();
  t.after(() => server.stop());
  assert.equal(await createControlClient({ path }).request('ping', {}), 'pong');
  const second = createControlServer({ path, handler, probeTimeoutMs: 500 });
  await assert.rejects(second.start(), (error: unknown) => {
    assert.ok(error instanceof Fail2nftError);
    assert.equal(error.code, 'F2N_ERR_CONTROL_IN_USE');
    assert.match(error.message, /another fail2nft is running/);
    return true;
  });
  assert.equal(await createControlClient({ path }).request('ping', {}), 'pong');
});

test('a path that is not a socket is never removed', async (t) => {
  const { dir, remove } = socketDir();
  t.after(remove);
  const path = join(dir, 'fail2nft.sock');
  writeFileSync(path, 'precious');
  const server = createControlServer({ path, handler: createFakeControlHandler() });
  await assert.rejects(server.start(), hasCode('F2N_ERR_CONTROL_LISTEN'));
  assert.ok(statSync(path).isFile());
});

test('stop removes the socket file, may be called twice, and the client then says not running', async (t) => {
  const { dir, remove } = socketDir();
  t.after(remove);
  const path = join(dir, 'fail2nft.sock');
  const server = createControlServer({ path, handler: createFakeControlHandler() });
  await server.start();
  const open = await openSession(path);
  await server.stop();
  await server.stop();
  await open.closed;
  assert.equal(existsSync(path), false);
  await assert.rejects(createControlClient({ path }).request('ping', {}), (error: unknown) => {
    assert.ok(error instanceof Fail2nftError);
    assert.equal(error.code, 'F2N_ERR_CONTROL_NOT_RUNNING');
    assert.equal(error.message, `fail2nft is not running (no socket at ${path})`);
    return true;
  });
});

test('invalid options are refused with F2N_ERR_CONTROL_BAD_OPTION', () => {
  const handler = createFakeControlHandler();
  assert.throws(() => createControlServer({ path: '', handler }), hasCode('F2N_ERR_CONTROL_BAD_OPTION'));
  assert.throws(
    () => createControlServer({ path: `/tmp/${'x'.repeat(120)}`, handler }),
    /longer than 107 bytes/,
  );
  assert.throws(
    () => createControlServer({ path: '/tmp/x.sock', handler, maxConnections: 0 }),
    /maxConnections must be a positive integer/,
  );
  assert.throws(
    () => createControlServer({ path: '/tmp/x.sock', handler, idleTimeoutMs: 1.5 }),
    /idleTimeoutMs/,
  );
});
