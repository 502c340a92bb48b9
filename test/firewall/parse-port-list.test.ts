import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePortList } from '../../src/firewall/parse-port-list.js';
import { wellKnownServiceTable } from '../../src/firewall/service-table.js';

const parse = (text: string) => parsePortList(text, wellKnownServiceTable);

test('port lists of numbers and service names become sorted numeric ranges', () => {
  assert.deepEqual(parse('smtp,465,submission'), {
    ok: true,
    ports: [
      { first: 25, last: 25 },
      { first: 465, last: 465 },
      { first: 587, last: 587 },
    ],
  });
  assert.deepEqual(parse(' pop3, pop3s imap3 '), {
    ok: true,
    ports: [
      { first: 110, last: 110 },
      { first: 220, last: 220 },
      { first: 995, last: 995 },
    ],
  });
});

test('ranges are written a:b or a-b, names allowed at either end, and overlapping items merge', () => {
  assert.deepEqual(parse('1000:2000'), { ok: true, ports: [{ first: 1000, last: 2000 }] });
  assert.deepEqual(parse('1000-2000,1500:2500,2501'), { ok: true, ports: [{ first: 1000, last: 2501 }] });
  assert.deepEqual(parse('ftp-data:ssh'), { ok: true, ports: [{ first: 20, last: 22 }] });
  assert.deepEqual(parse('ftp-data'), { ok: true, ports: [{ first: 20, last: 20 }] });
  assert.deepEqual(parse('0:65535'), { ok: true, ports: [{ first: 0, last: 65535 }] });
});

test('"all" and "any" mean every port', () => {
  assert.deepEqual(parse('all'), { ok: true, ports: 'all' });
  assert.deepEqual(parse('ANY'), { ok: true, ports: 'all' });
});

test('unknown names, bad numbers and reversed ranges are problems', () => {
  assert.deepEqual(parse('smtp,nosuchservice'), {
    ok: false,
    problem: 'unknown service name "nosuchservice" (not in /etc/services)',
  });
  assert.deepEqual(parse('70000'), {
    ok: false,
    problem: '"70000" is not a port, a service name or a range',
  });
  assert.deepEqual(parse('2000:1000'), {
    ok: false,
    problem: 'port range "2000:1000" ends before it starts',
  });
  assert.deepEqual(parse('1:2:3'), {
    ok: false,
    problem: '"1:2:3" is not a port, a service name or a range',
  });
  assert.deepEqual(parse('1:nosuch'), { ok: false, problem: '"1:nosuch" is not a valid port range' });
  assert.deepEqual(parse(' , '), { ok: false, problem: 'the port list is empty' });
  assert.deepEqual(parse('$(reboot)'), {
    ok: false,
    problem: '"$(reboot)" is not a port, a service name or a range',
  });
});
