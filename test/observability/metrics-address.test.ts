import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Fail2nftError } from '../../src/core/errors.js';
import {
  defaultMetricsAddress,
  formatMetricsAddress,
  parseMetricsAddress,
} from '../../src/observability/metrics-address.js';

function rejects(text: string, why: RegExp): void {
  assert.throws(
    () => parseMetricsAddress(text),
    (error: unknown) =>
      error instanceof Fail2nftError && error.code === 'F2N_ERR_METRICS_ADDRESS' && why.test(error.message),
    text,
  );
}

test('the default address is loopback port 9191, as in the bundled fail2nft.conf', () => {
  assert.deepEqual(defaultMetricsAddress, { host: '127.0.0.1', port: 9191 });
});

test('an IPv4 address, a host name and a bracketed IPv6 address parse with their port', () => {
  assert.deepEqual(parseMetricsAddress('127.0.0.1:9191'), { host: '127.0.0.1', port: 9191 });
  assert.deepEqual(parseMetricsAddress(' 0.0.0.0:65535 '), { host: '0.0.0.0', port: 65535 });
  assert.deepEqual(parseMetricsAddress('localhost:1'), { host: 'localhost', port: 1 });
  assert.deepEqual(parseMetricsAddress('mgmt-1.example.org:9191'), {
    host: 'mgmt-1.example.org',
    port: 9191,
  });
  assert.deepEqual(parseMetricsAddress('[::1]:9724'), { host: '::1', port: 9724 });
  assert.deepEqual(parseMetricsAddress('[2001:db8::5]:80'), { host: '2001:db8::5', port: 80 });
});

test('formatting puts IPv6 in brackets and is the inverse of parsing', () => {
  for (const text of ['127.0.0.1:9191', '[::1]:9191', 'localhost:80'])
    assert.equal(formatMetricsAddress(parseMetricsAddress(text)), text);
});

test('an empty address is refused', () => {
  rejects('', /it is empty/);
  rejects('   ', /it is empty/);
});

test('an address without a port is refused', () => {
  rejects('127.0.0.1', /port is missing/);
  rejects('127.0.0.1:', /port is missing/);
  rejects('[::1]', /port is missing after/);
  rejects('[::1]:', /port is missing/);
});

test('a port that is not a number in 1-65535 is refused', () => {
  rejects('127.0.0.1:http', /'http' is not a number/);
  rejects('127.0.0.1:0', /0 is outside 1-65535/);
  rejects('127.0.0.1:65536', /65536 is outside/);
  rejects('127.0.0.1:-1', /not a number/);
  rejects('127.0.0.1:123456', /not a number/);
});

test('a port without an address is refused with the loopback hint', () => {
  rejects(':9191', /address is missing \(127\.0\.0\.1/);
});

test('an IPv6 address without brackets is refused', () => {
  rejects('::1:9191', /IPv6 address in brackets/);
  rejects('2001:db8::1:9191', /in brackets/);
});

test('a malformed address is refused', () => {
  rejects('127.0.0.256:9191', /'127\.0\.0\.256' is not an IPv4 address/);
  rejects('[::g]:9191', /'::g' is not an IPv6 address/);
  rejects('[::1:9191', /not closed/);
  rejects('host_name:9191', /not an IPv4 address or host name/);
  rejects('http://127.0.0.1:9191', /without http:\/\/ or a path/);
  rejects('127.0.0.1:9191/metrics', /without http:\/\/ or a path/);
});

test('the error names the text and shows the expected form', () => {
  assert.throws(
    () => parseMetricsAddress('nonsense'),
    /invalid metrics address 'nonsense': .*e\.g\. 127\.0\.0\.1:9191 or \[::1\]:9191/,
  );
});
