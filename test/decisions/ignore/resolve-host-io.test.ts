import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveHost } from '../../../src/decisions/ignore/resolve-host-io.js';

test('localhost resolves to a loopback address through the system resolver', async () => {
  const addresses = await resolveHost('localhost');
  assert.ok(
    addresses.some((a) => a === '127.0.0.1' || a === '::1'),
    addresses.join(' '),
  );
});
