import { test } from 'node:test';
import assert from 'node:assert/strict';
import { interfaceAddresses } from '../../../src/decisions/ignore/network-interfaces-io.js';

test("the machine's own addresses include the loopback address", async () => {
  const addresses = await interfaceAddresses();
  assert.ok(addresses.includes('127.0.0.1'), addresses.join(' '));
});
