import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { createControlClient } from '../../src/control/index.js';
import { Fail2nftError } from '../../src/core/errors.js';
import { socketDir } from './socket-session.js';

async function rawServer(
  t: { after: (fn: () => Promise<void> | void) => void },
  onConnection: (socket: Socket) => void,
): Promise<string> {
  const { dir, remove } = socketDir();
  const path = join(dir, 'raw.sock');
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    onConnection(socket);
  });
  await new Promise<void>((resolve) => server.listen(path, resolve));
  t.after(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    remove();
  });
  return path;
}

function rejectsWith(code: string, message: RegExp): (error: unknown) => boolean {
  return (error) => {
    assert.ok(error instanceof Fail2nftError);
    assert.equal(error.code, code);
    assert.match(error.message, message);
    return true;
  };
}

test('no socket at the path: fail2nft is not running', async () => {
  const path = join(socketDir().dir, 'missing', 'fail2nft.sock');
  await assert.rejects(
    createControlClient({ path }).request('ping', {}),
    rejectsWith(
      'F2N_ERR_CONTROL_NOT_RUNNING',
      /^fail2nft is not running \(no socket at .*missing\/fail2nft\.sock\)$/,
    ),
  );
});

test('an answer split over several chunks is read whole', async (t) => {
  const path = await rawServer(t, (socket) => {
    socket.once('data', () => {
      const line = JSON.stringify({ id: 1, ok: true, result: { jails: ['a', 'b'] } }) + '\n';
      socket.write(line.slice(0, 10));
      setImmediate(() => socket.write(line.slice(10)));
    });
  });
  assert.deepEqual(await createControlClient({ path }).request('status', {}), { jails: ['a', 'b'] });
});

test('a service that does not answer in time: F2N_ERR_CONTROL_TIMEOUT', async (t) => {
  const path = await rawServer(t, () => undefined);
  await assert.rejects(
    createControlClient({ path, timeoutMs: 30 }).request('reload', {}),
    rejectsWith('F2N_ERR_CONTROL_TIMEOUT', /did not answer 'reload' within 0\.03 s/),
  );
});

test('a connection closed without an answer, or an answer too large: F2N_ERR_CONTROL_CONNECTION', async (t) => {
  const closing = await rawServer(t, (socket) => socket.once('data', () => socket.end()));
  await assert.rejects(
    createControlClient({ path: closing }).request('ping', {}),
    rejectsWith('F2N_ERR_CONTROL_CONNECTION', /closed the connection .* without answering 'ping'/),
  );
  const large = await rawServer(t, (socket) => socket.once('data', () => socket.write('x'.repeat(2000))));
  await assert.rejects(
    createControlClient({ path: large, maxResponseBytes: 1000 }).request('banned', {}),
    rejectsWith('F2N_ERR_CONTROL_CONNECTION', /larger than 1000 bytes/),
  );
});

test('the request on the wire is one JSON line with an id, the command and its arguments', async (t) => {
  let received = '';
  const path = await rawServer(t, (socket) => {
    socket.setEncoding('utf8');
    socket.on('data', (text: string) => {
      received += text;
      if (received.endsWith('\n')) socket.write('{"id":1,"ok":true,"result":[]}\n');
    });
  });
  await createControlClient({ path }).request('ban', { jail: 'sshd', addresses: ['192.0.2.7'] });
  assert.equal(received, '{"id":1,"command":"ban","args":{"jail":"sshd","addresses":["192.0.2.7"]}}\n');
});
