import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  commandOutputCapBytes,
  createOutputCollector,
  parseCommandReply,
  parseCommandRequest,
} from '../../src/firewall/command-runner-protocol.js';

test('a request carries an id, a non-empty argv of strings and a positive timeout', () => {
  const request = { id: 3, argv: ['nft', '-f', '-'], timeoutMs: 30_000 };
  assert.deepEqual(parseCommandRequest(request), request);
  for (const bad of [
    null,
    [],
    'nft',
    { ...request, id: -1 },
    { ...request, id: 1.5 },
    { ...request, argv: [] },
    { ...request, argv: 'nft -f -' },
    { ...request, argv: ['nft', 3] },
    { ...request, timeoutMs: 0 },
    { ...request, timeoutMs: Number.NaN },
    { id: 3, argv: ['nft'] },
  ])
    assert.equal(parseCommandRequest(bad), undefined, JSON.stringify(bad));
});

test('an exit reply splits its body into stdout and stderr; a killed command has a null code', () => {
  assert.deepEqual(parseCommandReply({ id: 1, code: 0, stdoutBytes: 4 }, 10), {
    id: 1,
    code: 0,
    stdoutBytes: 4,
  });
  assert.deepEqual(parseCommandReply({ id: 1, code: null, stdoutBytes: 0 }, 0), {
    id: 1,
    code: null,
    stdoutBytes: 0,
  });
  assert.equal(parseCommandReply({ id: 1, code: 0, stdoutBytes: 11 }, 10), undefined);
  assert.equal(parseCommandReply({ id: 1, code: '0', stdoutBytes: 0 }, 0), undefined);
  assert.equal(parseCommandReply({ id: 1, code: 0 }, 0), undefined);
  assert.equal(parseCommandReply({ code: 0, stdoutBytes: 0 }, 0), undefined);
});

test('a start error reply names the error and has no body', () => {
  assert.deepEqual(parseCommandReply({ id: 2, startError: 'ENOENT' }, 0), { id: 2, startError: 'ENOENT' });
  assert.equal(parseCommandReply({ id: 2, startError: 'ENOENT' }, 5), undefined);
});

test('an output collector keeps slices up to the cap exactly and drops the rest', () => {
  const collector = createOutputCollector();
  const half = Buffer.alloc(commandOutputCapBytes / 2 + 1, 0x61);
  collector.push(half);
  collector.push(half);
  collector.push(Buffer.from('more'));
  assert.equal(collector.size(), commandOutputCapBytes);
  assert.equal(Buffer.concat(collector.chunks).length, commandOutputCapBytes);
  assert.equal(collector.chunks.length, 2);
});
