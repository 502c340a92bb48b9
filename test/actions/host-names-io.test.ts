import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hostname } from 'node:os';
import { hostNamesOf, systemHostNames } from '../../src/actions/host-names-io.js';

test('the short name is the first label of the full name', () => {
  assert.deepEqual(hostNamesOf('mx1.example.org'), { fq: 'mx1.example.org', short: 'mx1' });
  assert.deepEqual(hostNamesOf('mx1'), { fq: 'mx1', short: 'mx1' });
});

test('characters a host name cannot have are dropped, an empty name becomes localhost', () => {
  assert.deepEqual(hostNamesOf('mx1;reboot'), { fq: 'mx1reboot', short: 'mx1reboot' });
  assert.deepEqual(hostNamesOf('$()'), { fq: 'localhost', short: 'localhost' });
});

test("this machine's names come from the operating system", () => {
  assert.equal(systemHostNames().fq, hostNamesOf(hostname()).fq);
});
