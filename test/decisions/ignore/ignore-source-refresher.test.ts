import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IgnoreList } from '../../../src/decisions/ignore/ignore-list.js';
import { IgnoreSourceRefresher } from '../../../src/decisions/ignore/ignore-source-refresher.js';
import { parseIpAddress, type IpAddress } from '../../../src/core/ip-address.js';
import { createMemoryDecisionIo } from '../memory-decision-io.js';

const ip = (text: string): IpAddress => parseIpAddress(text)!;

test('a refresh resolves names, reads files (and their names) and own addresses for every list', async () => {
  const io = createMemoryDecisionIo();
  io.hosts.set('mx.example.org', ['192.0.2.25', '2001:db8::25']);
  io.hosts.set('backup.example.org', ['192.0.2.26']);
  io.files.set('/etc/allow', '198.51.100.0/24 # partners\nbackup.example.org\n');
  io.self = ['192.0.2.1'];
  const a = new IgnoreList(['mx.example.org'], true);
  const b = new IgnoreList(['file:/etc/allow'], false);
  const report = await new IgnoreSourceRefresher(io).refresh([a, b]);
  assert.deepEqual(report, { hostNames: 2, files: 1, selfAddresses: 1, problems: [] });
  assert.equal(a.match(ip('2001:db8::25')), 'dns');
  assert.equal(a.match(ip('192.0.2.1')), 'self');
  assert.equal(b.match(ip('198.51.100.77')), 'file');
  assert.equal(b.match(ip('192.0.2.26')), 'file');
  assert.equal(b.match(ip('192.0.2.25')), undefined);
});

test('a name or file that fails keeps its last good result and is reported', async () => {
  const io = createMemoryDecisionIo();
  io.hosts.set('mx.example.org', ['192.0.2.25']);
  io.files.set('/etc/allow', '198.51.100.1');
  const list = new IgnoreList(['mx.example.org', 'file:/etc/allow'], false);
  const refresher = new IgnoreSourceRefresher(io);
  await refresher.refresh([list]);
  io.hosts.clear();
  io.files.clear();
  const report = await refresher.refresh([list]);
  assert.deepEqual(
    report.problems.map((p) => p.source),
    ['/etc/allow', 'mx.example.org'],
  );
  assert.equal(list.match(ip('192.0.2.25')), 'dns');
  assert.equal(list.match(ip('198.51.100.1')), 'file');
});

test('bad lines in a list file are reported with the file and the good ones used', async () => {
  const io = createMemoryDecisionIo();
  io.files.set('/etc/allow', '192.0.2.9 999.1.1.1 file:/etc/other');
  const list = new IgnoreList(['file:/etc/allow'], false);
  const report = await new IgnoreSourceRefresher(io).refresh([list]);
  assert.equal(report.problems.length, 2);
  assert.ok(report.problems.every((p) => p.source === '/etc/allow'));
  assert.equal(list.match(ip('192.0.2.9')), 'file');
});

test('own addresses are not asked for when no list uses ignoreself', async () => {
  const io = createMemoryDecisionIo();
  let asked = 0;
  const counting = { ...io, selfAddresses: () => (asked++, io.selfAddresses()) };
  await new IgnoreSourceRefresher(counting).refresh([new IgnoreList([], false)]);
  assert.equal(asked, 0);
});

test('applyKnown gives a new list what earlier refreshes found, without I/O', async () => {
  const io = createMemoryDecisionIo();
  io.hosts.set('mx.example.org', ['192.0.2.25']);
  const refresher = new IgnoreSourceRefresher(io);
  await refresher.refresh([new IgnoreList(['mx.example.org'], false)]);
  const reloaded = new IgnoreList(['mx.example.org'], false);
  refresher.applyKnown([reloaded]);
  assert.equal(reloaded.match(ip('192.0.2.25')), 'dns');
});
