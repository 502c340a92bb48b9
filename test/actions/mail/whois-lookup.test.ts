import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createChildProcessRunner } from '../../../src/actions/child-process-runner-io.js';
import { lookupWhois } from '../../../src/actions/mail/whois-lookup.js';
import { tempDir, writeScript } from '../action-test-kit.js';

const runner = createChildProcessRunner({ killGraceMs: 100, drainMs: 50 });
const dir = tempDir();
after(() => dir.remove());
const base = { runner, timeoutMs: 5000, host: 'mx1.example.org' };

test('the whois answer for the address is returned', async () => {
  const whois = writeScript(dir, 'whois', 'echo "netname: TEST-NET for $1"');
  assert.equal(await lookupWhois('192.0.2.7', { ...base, argv: [whois] }), 'netname: TEST-NET for 192.0.2.7');
});

test('without whois installed the mail says so', async () => {
  assert.equal(
    await lookupWhois('192.0.2.7', { ...base, argv: undefined }),
    '(whois is not installed on mx1.example.org, so there is no whois information.)',
  );
});

test('a whois that hangs is cut at the timeout, one that fails is described', async () => {
  const slow = writeScript(dir, 'slow-whois', 'sleep 30');
  assert.equal(
    await lookupWhois('192.0.2.7', { ...base, argv: [slow], timeoutMs: 200 }),
    '(whois gave no answer within 0.2 s.)',
  );
  const failing = writeScript(dir, 'failing-whois', 'echo "connect: Network is unreachable" >&2; exit 2');
  assert.equal(
    await lookupWhois('192.0.2.7', { ...base, argv: [failing] }),
    '(whois answered nothing: connect: Network is unreachable.)',
  );
  assert.match(
    await lookupWhois('192.0.2.7', { ...base, argv: [dir.file('missing')] }),
    /^\(whois could not be run: .*ENOENT/,
  );
});
