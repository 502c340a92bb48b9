import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseControlRequest, type ParsedRequest } from '../../src/control/parse-control-request.js';

function refusal(parsed: ParsedRequest): {
  id: number | null;
  code: string;
  message: string;
  fatal: boolean;
} {
  assert.equal(parsed.kind, 'refused');
  if (parsed.kind !== 'refused') throw new Error('unreachable');
  return { id: parsed.id, code: parsed.refusal.code, message: parsed.refusal.message, fatal: parsed.fatal };
}

test('a well-formed request is read with its id, command and arguments', () => {
  assert.deepEqual(parseControlRequest('{"id": 7, "command": "status", "args": {"jail": "sshd"}}'), {
    kind: 'request',
    request: { id: 7, command: 'status', args: { jail: 'sshd' } },
  });
});

test('args may be left out for commands without arguments', () => {
  assert.deepEqual(parseControlRequest('{"id": 1, "command": "ping"}'), {
    kind: 'request',
    request: { id: 1, command: 'ping', args: {} },
  });
});

test('addresses reach the handler in canonical text, duplicates once', () => {
  const parsed = parseControlRequest(
    JSON.stringify({
      id: 2,
      command: 'ban',
      args: {
        jail: 'sshd',
        addresses: ['2001:DB8:0::7', '::ffff:192.0.2.1', '192.0.2.0/24', '2001:db8::7', '10.1.2.3/32'],
      },
    }),
  );
  assert.deepEqual(parsed, {
    kind: 'request',
    request: {
      id: 2,
      command: 'ban',
      args: { jail: 'sshd', addresses: ['2001:db8::7', '192.0.2.1', '192.0.2.0/24', '10.1.2.3'] },
    },
  });
});

test('unban takes a list of addresses or "all", with an optional jail', () => {
  assert.deepEqual(
    parseControlRequest('{"id": 3, "command": "unban", "args": {"addresses": "all", "jail": "sshd"}}'),
    {
      kind: 'request',
      request: { id: 3, command: 'unban', args: { addresses: 'all', jail: 'sshd' } },
    },
  );
  assert.deepEqual(
    parseControlRequest('{"id": 4, "command": "unban", "args": {"addresses": ["192.0.2.9"]}}'),
    {
      kind: 'request',
      request: { id: 4, command: 'unban', args: { addresses: ['192.0.2.9'] } },
    },
  );
});

test('a bad address refuses the whole request and names the address', () => {
  const r = refusal(
    parseControlRequest(
      '{"id": 5, "command": "ban", "args": {"jail": "sshd", "addresses": ["192.0.2.7", "example.com", "300.1.1.1"]}}',
    ),
  );
  assert.deepEqual(
    { id: r.id, code: r.code, fatal: r.fatal },
    { id: 5, code: 'F2N_ERR_CONTROL_BAD_ADDRESS', fatal: false },
  );
  assert.match(r.message, /'example\.com', '300\.1\.1\.1' \(nothing was changed\)/);
});

test('a long list of bad addresses is named in part', () => {
  const addresses = Array.from({ length: 12 }, (_, i) => `host${i}`);
  const r = refusal(parseControlRequest(JSON.stringify({ id: 1, command: 'unban', args: { addresses } })));
  assert.match(r.message, /'host4' and 7 more/);
  const long = refusal(
    parseControlRequest(JSON.stringify({ id: 1, command: 'unban', args: { addresses: ['x'.repeat(500)] } })),
  );
  assert.ok(long.message.length < 200);
});

test('an unknown command is refused with its own code and the connection stays usable', () => {
  const r = refusal(parseControlRequest('{"id": 9, "command": "frobnicate"}'));
  assert.deepEqual(
    { id: r.id, code: r.code, fatal: r.fatal },
    { id: 9, code: 'F2N_ERR_CONTROL_UNKNOWN_COMMAND', fatal: false },
  );
  assert.match(r.message, /known: ping, version, status/);
});

test('arguments of the wrong type or name are refused', () => {
  const cases: [string, RegExp][] = [
    ['{"id": 1, "command": "status", "args": {"jail": 3}}', /args\.jail must be a jail name/],
    ['{"id": 1, "command": "status", "args": {"jail": ""}}', /args\.jail must be a jail name/],
    ['{"id": 1, "command": "status", "args": {"name": "sshd"}}', /unknown argument args\.name for status/],
    ['{"id": 1, "command": "ping", "args": {"x": 1}}', /ping takes no arguments/],
    ['{"id": 1, "command": "ban", "args": {"addresses": ["192.0.2.7"]}}', /args\.jail is required/],
    ['{"id": 1, "command": "ban", "args": {"jail": "sshd", "addresses": []}}', /non-empty list/],
    ['{"id": 1, "command": "ban", "args": {"jail": "sshd", "addresses": "192.0.2.7"}}', /non-empty list/],
    ['{"id": 1, "command": "ban", "args": {"jail": "sshd", "addresses": [7]}}', /strings only/],
    ['{"id": 1, "command": "unban", "args": {"addresses": "everything"}}', /non-empty list/],
    ['{"id": 1, "command": "status", "args": []}', /"args" must be a JSON object/],
    ['{"id": 1, "command": 5}', /"command" must be a string/],
    ['{"id": 1, "command": "ping", "extra": true}', /unknown request field "extra"/],
  ];
  for (const [line, message] of cases) {
    const r = refusal(parseControlRequest(line));
    assert.equal(r.code, 'F2N_ERR_CONTROL_BAD_REQUEST', line);
    assert.equal(r.id, 1, line);
    assert.equal(r.fatal, false, line);
    assert.match(r.message, message, line);
  }
});

test('a line that is not a JSON object with a usable id is fatal and answered with id null', () => {
  for (const line of [
    'garbage',
    '[1, 2]',
    'null',
    '"ping"',
    '{"command": "ping"}',
    '{"id": -1, "command": "ping"}',
    '{"id": "1", "command": "ping"}',
    '{"id": 1.5, "command": "ping"}',
  ]) {
    const r = refusal(parseControlRequest(line));
    assert.deepEqual(
      { id: r.id, code: r.code, fatal: r.fatal },
      { id: null, code: 'F2N_ERR_CONTROL_BAD_REQUEST', fatal: true },
      line,
    );
  }
});
